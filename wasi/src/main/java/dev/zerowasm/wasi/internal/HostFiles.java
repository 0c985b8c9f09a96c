package dev.zerowasm.wasi.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Host file system helpers: reading attributes into a WASI filestat and mapping Java exceptions to
 * WASI errno values.
 */
final class HostFiles {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final LinkOption[] FOLLOW = {};
  private static final String UNIX_ATTRIBUTES =
      "unix:mode,ino,dev,nlink,size,lastAccessTime,lastModifiedTime,ctime";

  private HostFiles() {}

  /**
   * A WASI filestat.
   *
   * @param dev device id
   * @param ino inode number (stable for one file)
   * @param filetype WASI filetype
   * @param nlink number of hard links
   * @param size size in bytes
   * @param atim last access, ns since the epoch
   * @param mtim last modification, ns since the epoch
   * @param ctim last status change, ns since the epoch
   */
  record Stat(
      long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {}

  static LinkOption[] linkOptions(boolean follow) {
    return follow ? FOLLOW : NOFOLLOW;
  }

  /**
   * Reads the filestat of {@code path}. On file systems with the "unix" attribute view (the default
   * file system on Linux and macOS) dev, ino, nlink and ctime are the real ones; elsewhere (zip,
   * in-memory) dev is 0, nlink 1, ctime the modification time, and ino a stable hash of the file
   * key or of the absolute path.
   */
  static Stat stat(Path path, boolean follow) throws IOException {
    LinkOption[] opts = linkOptions(follow);
    if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      // Name the attributes: "unix:*" would also resolve owner and group names, which is slow.
      Map<String, Object> a = Files.readAttributes(path, UNIX_ATTRIBUTES, opts);
      int mode = (Integer) a.get("mode");
      return new Stat(
          ((Number) a.get("dev")).longValue(),
          ((Number) a.get("ino")).longValue(),
          filetypeOfMode(mode),
          ((Number) a.get("nlink")).longValue(),
          ((Number) a.get("size")).longValue(),
          nanos((FileTime) a.get("lastAccessTime")),
          nanos((FileTime) a.get("lastModifiedTime")),
          nanos((FileTime) a.get("ctime")));
    }
    BasicFileAttributes b = Files.readAttributes(path, BasicFileAttributes.class, opts);
    long ino;
    Object key = b.fileKey();
    String id = key != null ? key.toString() : path.toAbsolutePath().normalize().toString();
    // A 64-bit FNV-1a hash of the identity: stable across calls, distinct for distinct files in
    // practice, and never 0.
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    ino = h == 0 ? 1 : h;
    return new Stat(
        0,
        ino,
        filetypeOf(b),
        1,
        b.size(),
        nanos(b.lastAccessTime()),
        nanos(b.lastModifiedTime()),
        nanos(b.lastModifiedTime()));
  }

  static int filetypeOf(BasicFileAttributes b) {
    if (b.isSymbolicLink()) {
      return WasiConstants.FILETYPE_SYMBOLIC_LINK;
    } else if (b.isDirectory()) {
      return WasiConstants.FILETYPE_DIRECTORY;
    } else if (b.isRegularFile()) {
      return WasiConstants.FILETYPE_REGULAR_FILE;
    }
    return WasiConstants.FILETYPE_UNKNOWN;
  }

  /** Maps POSIX {@code st_mode} file type bits to a WASI filetype. */
  static int filetypeOfMode(int mode) {
    switch (mode & 0xF000) {
      case 0x4000:
        return WasiConstants.FILETYPE_DIRECTORY;
      case 0x8000:
        return WasiConstants.FILETYPE_REGULAR_FILE;
      case 0xA000:
        return WasiConstants.FILETYPE_SYMBOLIC_LINK;
      case 0x2000:
        return WasiConstants.FILETYPE_CHARACTER_DEVICE;
      case 0x6000:
        return WasiConstants.FILETYPE_BLOCK_DEVICE;
      case 0xC000:
        return WasiConstants.FILETYPE_SOCKET_STREAM;
      default:
        return WasiConstants.FILETYPE_UNKNOWN;
    }
  }

  static long nanos(FileTime t) {
    if (t == null) {
      return 0;
    }
    // FileTime.to(NANOSECONDS) saturates instead of overflowing.
    return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** Whether {@code path} exists (without following a final symbolic link). */
  static boolean existsNoFollow(Path path) {
    return Files.exists(path, NOFOLLOW);
  }

  /** Maps a Java exception from a file system operation to a WASI errno. */
  static int errnoOf(Exception e) {
    if (e instanceof NoSuchFileException) {
      return Errno.ENOENT;
    } else if (e instanceof FileAlreadyExistsException) {
      return Errno.EEXIST;
    } else if (e instanceof DirectoryNotEmptyException) {
      return Errno.ENOTEMPTY;
    } else if (e instanceof NotDirectoryException) {
      return Errno.ENOTDIR;
    } else if (e instanceof AccessDeniedException) {
      return Errno.EACCES;
    } else if (e instanceof NotLinkException) {
      return Errno.EINVAL;
    } else if (e instanceof FileSystemLoopException) {
      return Errno.ELOOP;
    } else if (e instanceof ReadOnlyFileSystemException) {
      return Errno.EROFS;
    } else if (e instanceof UnsupportedOperationException) {
      return Errno.ENOTSUP;
    } else if (e instanceof NonReadableChannelException
        || e instanceof NonWritableChannelException
        || e instanceof ClosedChannelException) {
      return Errno.EBADF;
    } else if (e instanceof InvalidPathException) {
      return Errno.EINVAL;
    } else if (e instanceof IllegalArgumentException) {
      return Errno.EINVAL;
    }
    // The default provider reports most POSIX errors as a plain FileSystemException whose
    // reason is strerror(errno); map the common ones by that text.
    String reason =
        e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
    if (reason != null) {
      if (reason.contains("Not a directory")) {
        return Errno.ENOTDIR;
      } else if (reason.contains("Is a directory")) {
        return Errno.EISDIR;
      } else if (reason.contains("Too many levels of symbolic links")) {
        return Errno.ELOOP;
      } else if (reason.contains("Directory not empty")) {
        return Errno.ENOTEMPTY;
      } else if (reason.contains("File exists")) {
        return Errno.EEXIST;
      } else if (reason.contains("Invalid argument")) {
        return Errno.EINVAL;
      } else if (reason.contains("Operation not permitted")) {
        return Errno.EPERM;
      } else if (reason.contains("Read-only file system")) {
        return Errno.EROFS;
      } else if (reason.contains("No space left")) {
        return Errno.ENOSPC;
      } else if (reason.contains("File name too long")) {
        return Errno.ENAMETOOLONG;
      } else if (reason.contains("Invalid cross-device link")) {
        return Errno.EXDEV;
      } else if (reason.contains("Too many links")) {
        return Errno.EMLINK;
      } else if (reason.contains("File too large")) {
        return Errno.EFBIG;
      } else if (reason.contains("Broken pipe")) {
        return Errno.EPIPE;
      } else if (reason.contains("Bad file descriptor")) {
        return Errno.EBADF;
      } else if (reason.contains("No such file")) {
        return Errno.ENOENT;
      } else if (reason.contains("Permission denied")) {
        return Errno.EACCES;
      }
    }
    return Errno.EIO;
  }
}
