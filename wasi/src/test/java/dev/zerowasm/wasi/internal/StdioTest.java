package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.ModuleConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The standard streams: fd_write, fd_read, fdstat, seek, close and renumber on fds 0-2. */
class StdioTest extends WasiTestBase {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  void startWithStdin(String stdin) {
    start(
        ModuleConfig.create()
            .withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
            .withStdout(out)
            .withStderr(err));
  }

  @Test
  void writesGatherIovecsToStdoutAndStderr() {
    startWithStdin("");
    put(BUF, "hello");
    put(BUF + 100, ", world");
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, 5);
    mem.writeIntLe(IOVS + 8, BUF + 100);
    mem.writeIntLe(IOVS + 12, 0);
    mem.writeIntLe(IOVS + 16, BUF + 100);
    mem.writeIntLe(IOVS + 20, 7);
    assertErrno(wasi.fdWrite(mem, 1, IOVS, 3, OUT), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(12);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello, world");
    assertErrno(write(2, "oops"), Errno.SUCCESS);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops");
  }

  @Test
  void writeToInvalidOrReadOnlyFdIsEbadf() {
    startWithStdin("");
    assertErrno(write(42, "x"), Errno.EBADF);
    assertErrno(write(-1, "x"), Errno.EBADF);
    assertErrno(write(0, "x"), Errno.EBADF);
  }

  @Test
  void iovecOutsideMemoryIsEfaultAndWritesNothing() {
    startWithStdin("");
    mem.writeIntLe(IOVS, (int) mem.size() - 2);
    mem.writeIntLe(IOVS + 4, 5);
    assertErrno(wasi.fdWrite(mem, 1, IOVS, 1, OUT), Errno.EFAULT);
    assertErrno(wasi.fdWrite(mem, 1, (int) mem.size() - 4, 1, OUT), Errno.EFAULT);
    assertErrno(wasi.fdWrite(mem, 1, IOVS, 0, (int) mem.size()), Errno.EFAULT);
    assertThat(out.size()).isZero();
  }

  @Test
  void readsStdin() {
    startWithStdin("abcdef");
    assertThat(read(0, 4)).isEqualTo("abcd");
    assertThat(read(0, 100)).isEqualTo("ef");
    assertThat(read(0, 100)).isEmpty();
    assertErrno(wasi.fdRead(mem, 1, IOVS, 1, OUT), Errno.EBADF);
  }

  @Test
  void stdinScattersOverIovecs() {
    startWithStdin("0123456789");
    mem.writeIntLe(IOVS, BUF);
    mem.writeIntLe(IOVS + 4, 3);
    mem.writeIntLe(IOVS + 8, BUF + 100);
    mem.writeIntLe(IOVS + 12, 4);
    assertErrno(wasi.fdRead(mem, 0, IOVS, 2, OUT), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(7);
    assertThat(getString(BUF, 3)).isEqualTo("012");
    assertThat(getString(BUF + 100, 4)).isEqualTo("3456");
  }

  @Test
  void stdioFdstatIsCharacterDeviceWithoutSeek() {
    startWithStdin("");
    for (int fd = 0; fd < 3; fd++) {
      assertErrno(wasi.fdFdstatGet(mem, fd, OUT), Errno.SUCCESS);
      assertThat(mem.readByte(OUT)).isEqualTo((byte) FILETYPE_CHARACTER_DEVICE);
      assertThat(mem.readLongLe(OUT + 8) & (RIGHT_FD_SEEK | RIGHT_FD_TELL)).isZero();
    }
    assertThat(mem.readLongLe(OUT + 8) & RIGHT_FD_WRITE).isNotZero();
    assertErrno(wasi.fdFilestatGet(mem, 1, OUT), Errno.SUCCESS);
    assertThat(mem.readByte(OUT + 16)).isEqualTo((byte) FILETYPE_CHARACTER_DEVICE);
  }

  @Test
  void seekAndTellOnStreamsAreEspipe() {
    startWithStdin("");
    assertErrno(wasi.fdSeek(mem, 1, 0, WHENCE_SET, OUT), Errno.ESPIPE);
    assertErrno(wasi.fdTell(mem, 0, OUT), Errno.ESPIPE);
    assertErrno(wasi.fdPread(mem, 0, IOVS, 0, 0, OUT), Errno.ESPIPE);
    assertErrno(wasi.fdPwrite(mem, 1, IOVS, 0, 0, OUT), Errno.ESPIPE);
  }

  @Test
  void closeAndRenumberStreams() {
    startWithStdin("");
    assertErrno(wasi.fdRenumber(mem, 2, 1), Errno.SUCCESS);
    assertThat(wasi.isOpen(2)).isFalse();
    assertErrno(write(1, "to-stderr"), Errno.SUCCESS);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("to-stderr");
    assertThat(out.size()).isZero();
    // The target must be open.
    assertErrno(wasi.fdRenumber(mem, 1, 2), Errno.EBADF);
    assertErrno(wasi.fdRenumber(mem, 0, 5), Errno.EBADF);
    assertErrno(wasi.fdRenumber(mem, 1, 1), Errno.SUCCESS);
    assertErrno(wasi.fdClose(mem, 0), Errno.SUCCESS);
    assertErrno(wasi.fdClose(mem, 0), Errno.EBADF);
    assertErrno(wasi.fdFdstatGet(mem, 0, OUT), Errno.EBADF);
  }

  @Test
  void fdstatSetFlagsAndRights() {
    startWithStdin("");
    assertErrno(wasi.fdFdstatSetFlags(mem, 1, FDFLAGS_NONBLOCK), Errno.SUCCESS);
    assertErrno(wasi.fdFdstatGet(mem, 1, OUT), Errno.SUCCESS);
    assertThat(mem.readShortLe(OUT + 2)).isEqualTo((short) FDFLAGS_NONBLOCK);
    assertErrno(wasi.fdFdstatSetFlags(mem, 1, 0x100), Errno.EINVAL);
    long rights = mem.readLongLe(OUT + 8);
    assertErrno(wasi.fdFdstatSetRights(mem, 1, rights & ~RIGHT_FD_WRITE, 0), Errno.SUCCESS);
    assertErrno(write(1, "x"), Errno.ENOTCAPABLE);
    assertErrno(wasi.fdFdstatSetRights(mem, 1, rights, 0), Errno.ENOTCAPABLE);
  }

  @Test
  void prestatOfStreamsIsEbadf() {
    startWithStdin("");
    assertErrno(wasi.fdPrestatGet(mem, 1, OUT), Errno.EBADF);
    assertErrno(wasi.fdPrestatGet(mem, 3, OUT), Errno.EBADF);
    assertErrno(wasi.fdPrestatDirName(mem, 3, PATH, 10), Errno.EBADF);
  }

  @Test
  void syncFlushesAndSetTimesIsAccepted() {
    startWithStdin("");
    assertErrno(wasi.fdSync(mem, 1), Errno.SUCCESS);
    assertErrno(wasi.fdDatasync(mem, 2), Errno.SUCCESS);
    assertErrno(wasi.fdFilestatSetTimes(mem, 1, 0, 0, FSTFLAGS_MTIM_NOW), Errno.SUCCESS);
    assertErrno(
        wasi.fdFilestatSetTimes(mem, 1, 0, 0, FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW), Errno.EINVAL);
    assertErrno(wasi.fdAdvise(mem, 1, 0, 0, 0), Errno.EBADF);
    assertErrno(wasi.fdAllocate(mem, 1, 0, 1), Errno.EBADF);
    assertErrno(wasi.fdFilestatSetSize(mem, 1, 0), Errno.EBADF);
  }
}
