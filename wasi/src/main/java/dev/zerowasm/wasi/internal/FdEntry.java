package dev.zerowasm.wasi.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * One open file descriptor: a standard stream, a regular file (with its channel) or a directory
 * (with its host path). Mutable; owned by one {@link WasiPreview1}.
 */
final class FdEntry {
  /** What the descriptor refers to. */
  enum Kind {
    STDIN,
    STDOUT,
    STDERR,
    FILE,
    DIRECTORY
  }

  final Kind kind;

  /** The host path of a file or directory; null for the standard streams. */
  final Path path;

  /** Whether the mount this came from is read-only. */
  final boolean readOnlyMount;

  /** The preopen name (guest path of the mount) if this is a preopened directory, else null. */
  String preopenName;

  /** The open channel of a regular file. */
  SeekableByteChannel channel;

  boolean readable;
  boolean writable;

  /** WASI fdflags (append, nonblock, ...). */
  int fdflags;

  long rightsBase;
  long rightsInheriting;

  /** Standard stream objects. */
  InputStream in;

  OutputStream out;

  /** Snapshot of a directory's entries taken at {@code fd_readdir} cookie 0; see fd_readdir. */
  List<DirEntry> listing;

  FdEntry(Kind kind, Path path, boolean readOnlyMount) {
    this.kind = kind;
    this.path = path;
    this.readOnlyMount = readOnlyMount;
  }

  boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  boolean isStdio() {
    return kind == Kind.STDIN || kind == Kind.STDOUT || kind == Kind.STDERR;
  }

  /**
   * One directory entry as fd_readdir returns it.
   *
   * @param name the entry name (UTF-8 encoded for the guest)
   * @param ino the inode number, equal to what filestat reports for it
   * @param filetype the WASI filetype
   */
  record DirEntry(String name, long ino, int filetype) {}
}
