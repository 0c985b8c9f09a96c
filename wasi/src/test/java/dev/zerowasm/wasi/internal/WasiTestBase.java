package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.MemoryType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared helpers: a four-page guest memory (the runtime's own {@link MemoryInstance}), a scratch
 * area for strings and out-values, and shortcuts for the common call sequences.
 */
abstract class WasiTestBase {
  /** Where helpers put path strings. */
  static final int PATH = 1024;

  /** A second path area (rename, link, symlink). */
  static final int PATH2 = 2048;

  /** Out-values (fd, sizes). */
  static final int OUT = 3072;

  /** iovec arrays. */
  static final int IOVS = 3584;

  /** Data buffers. */
  static final int BUF = 8192;

  final MemoryInstance mem = new MemoryInstance(new MemoryType(Limits.of(4)), 4);
  WasiPreview1 wasi;

  WasiPreview1 start(ModuleConfig config) {
    wasi = new WasiPreview1(config);
    return wasi;
  }

  @AfterEach
  void closeWasi() {
    if (wasi != null) {
      wasi.close();
    }
  }

  /** Writes {@code s} as UTF-8 at {@code ptr} and returns its length. */
  int put(int ptr, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    mem.write(ptr, b);
    return b.length;
  }

  String getString(int ptr, int len) {
    return new String(mem.read(ptr, len), StandardCharsets.UTF_8);
  }

  int outInt() {
    return mem.readIntLe(OUT);
  }

  long outLong() {
    return mem.readLongLe(OUT);
  }

  /** path_open with all rights; returns the errno, the fd is in {@link #outInt()}. */
  int openErrno(int dirFd, int lookup, String path, int oflags, long rights, int fdflags) {
    int len = put(PATH, path);
    return wasi.pathOpen(mem, dirFd, lookup, PATH, len, oflags, rights, rights, fdflags, OUT);
  }

  /** path_open that must succeed; returns the new fd. */
  int open(int dirFd, String path, int oflags, long rights) {
    int errno = openErrno(dirFd, 0, path, oflags, rights, 0);
    assertThat(Errno.name(errno)).as("path_open %s", path).isEqualTo("ESUCCESS");
    return outInt();
  }

  static final long RW = RIGHT_FD_READ | RIGHT_FD_WRITE | RIGHT_FD_SEEK | RIGHT_FD_TELL;

  /** Writes {@code data} through fd_write with one iovec; returns the errno. */
  int write(int fd, String data) {
    byte[] b = data.getBytes(StandardCharsets.UTF_8);
    mem.write(BUF, b);
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, b.length);
    int errno = wasi.fdWrite(mem, fd, IOVS, 1, OUT);
    if (errno == 0) {
      assertThat(outInt()).isEqualTo(b.length);
    }
    return errno;
  }

  /** Reads up to {@code max} bytes through fd_read; asserts success. */
  String read(int fd, int max) {
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, max);
    assertErrno(wasi.fdRead(mem, fd, IOVS, 1, OUT), Errno.SUCCESS);
    return getString(BUF, outInt());
  }

  static void assertErrno(int actual, int expected) {
    assertThat(Errno.name(actual)).isEqualTo(Errno.name(expected));
  }

  /** Calls a path function taking (fd, path, path_len) through a tiny lambda. */
  interface PathCall {
    int call(int fd, int path, int len);
  }

  int pathCall(PathCall f, int fd, String path) {
    return f.call(fd, PATH, put(PATH, path));
  }
}
