package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** poll_oneoff: clock subscriptions, fd readiness, errors, struct layouts. */
class PollOneoffTest extends WasiTestBase {
  static final int SUBS = 16384;
  static final int EVENTS = 20480;

  @TempDir Path tmp;

  /** A monotonic clock that advances 1 ms every time it is read: waits end deterministically. */
  final AtomicLong fakeNanos = new AtomicLong(1_000_000_000L);

  ModuleConfig config(String stdin) throws IOException {
    Files.writeString(tmp.resolve("f"), "0123456789");
    return ModuleConfig.create()
        .withStdin(new ByteArrayInputStream(stdin.getBytes()))
        .withNanotime(() -> fakeNanos.addAndGet(1_000_000), 1)
        .withFsConfig(FsConfig.create().withDirMount(tmp, "/"));
  }

  void clockSub(int i, long userdata, int clockId, long timeout, int flags) {
    int p = SUBS + i * SIZEOF_SUBSCRIPTION;
    mem.writeLongLe(p, userdata);
    mem.writeByte(p + 8, (byte) EVENTTYPE_CLOCK);
    mem.writeIntLe(p + 16, clockId);
    mem.writeLongLe(p + 24, timeout);
    mem.writeLongLe(p + 32, 0);
    mem.writeShortLe(p + 40, (short) flags);
  }

  void fdSub(int i, long userdata, int type, int fd) {
    int p = SUBS + i * SIZEOF_SUBSCRIPTION;
    mem.writeLongLe(p, userdata);
    mem.writeByte(p + 8, (byte) type);
    mem.writeIntLe(p + 16, fd);
  }

  int poll(int n) {
    int errno = wasi.pollOneoff(mem, SUBS, EVENTS, n, OUT);
    return errno;
  }

  long userdata(int k) {
    return mem.readLongLe(EVENTS + k * SIZEOF_EVENT);
  }

  int error(int k) {
    return mem.readShortLe(EVENTS + k * SIZEOF_EVENT + 8);
  }

  int type(int k) {
    return mem.readByte(EVENTS + k * SIZEOF_EVENT + 10);
  }

  long nbytes(int k) {
    return mem.readLongLe(EVENTS + k * SIZEOF_EVENT + 16);
  }

  @Test
  void relativeClockWaitsUntilItsDeadline() throws IOException {
    start(config(""));
    clockSub(0, 0xABCDL, CLOCK_MONOTONIC, 5_000_000, 0);
    long before = fakeNanos.get();
    assertErrno(poll(1), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(1);
    assertThat(userdata(0)).isEqualTo(0xABCDL);
    assertThat(error(0)).isZero();
    assertThat(type(0)).isEqualTo(EVENTTYPE_CLOCK);
    assertThat(fakeNanos.get() - before).isGreaterThanOrEqualTo(5_000_000);
  }

  @Test
  void absoluteClockInThePastFiresAtOnce() throws IOException {
    start(config(""));
    clockSub(0, 7, CLOCK_MONOTONIC, 10, SUBCLOCKFLAGS_ABSTIME);
    clockSub(1, 8, CLOCK_REALTIME, 0, SUBCLOCKFLAGS_ABSTIME);
    assertErrno(poll(2), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(2);
    assertThat(userdata(0)).isEqualTo(7);
    assertThat(userdata(1)).isEqualTo(8);
  }

  @Test
  void readyDescriptorsAnswerWithoutWaitingForTheClock() throws IOException {
    start(config(""));
    int fd = open(3, "f", 0, RIGHT_FD_READ);
    read(fd, 3);
    clockSub(0, 1, CLOCK_MONOTONIC, 60_000_000_000L, 0);
    fdSub(1, 2, EVENTTYPE_FD_WRITE, 1);
    fdSub(2, 3, EVENTTYPE_FD_READ, fd);
    long before = fakeNanos.get();
    assertErrno(poll(3), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(2);
    assertThat(userdata(0)).isEqualTo(2);
    assertThat(type(0)).isEqualTo(EVENTTYPE_FD_WRITE);
    assertThat(userdata(1)).isEqualTo(3);
    assertThat(type(1)).isEqualTo(EVENTTYPE_FD_READ);
    assertThat(nbytes(1)).isEqualTo(7);
    assertThat(fakeNanos.get() - before).isLessThan(60_000_000_000L);
  }

  @Test
  void stdinWithDataIsReadable() throws IOException {
    start(config("abc"));
    fdSub(0, 9, EVENTTYPE_FD_READ, 0);
    clockSub(1, 10, CLOCK_MONOTONIC, 1_000_000_000L, 0);
    assertErrno(poll(2), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(1);
    assertThat(userdata(0)).isEqualTo(9);
    assertThat(nbytes(0)).isEqualTo(3);
  }

  @Test
  void emptyStdinTimesOutOnTheClock() throws IOException {
    start(config(""));
    fdSub(0, 9, EVENTTYPE_FD_READ, 0);
    clockSub(1, 10, CLOCK_MONOTONIC, 3_000_000L, 0);
    assertErrno(poll(2), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(1);
    assertThat(userdata(0)).isEqualTo(10);
    assertThat(type(0)).isEqualTo(EVENTTYPE_CLOCK);
  }

  @Test
  void emptyStdinWithoutClockReportsReadableInsteadOfHanging() throws IOException {
    start(config(""));
    fdSub(0, 9, EVENTTYPE_FD_READ, 0);
    assertErrno(poll(1), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(1);
    assertThat(userdata(0)).isEqualTo(9);
    assertThat(error(0)).isZero();
  }

  @Test
  void errorsAreReportedPerEvent() throws IOException {
    start(config(""));
    fdSub(0, 1, EVENTTYPE_FD_READ, 99);
    fdSub(1, 2, EVENTTYPE_FD_WRITE, 0);
    clockSub(2, 3, 9, 0, 0);
    assertErrno(poll(3), Errno.SUCCESS);
    assertThat(outInt()).isEqualTo(3);
    assertThat(error(0)).isEqualTo(Errno.EBADF);
    assertThat(error(1)).isEqualTo(Errno.EBADF);
    assertThat(error(2)).isEqualTo(Errno.EINVAL);
  }

  @Test
  void invalidCalls() throws IOException {
    start(config(""));
    assertErrno(poll(0), Errno.EINVAL);
    mem.writeByte(SUBS + 8, (byte) 3);
    assertErrno(poll(1), Errno.EINVAL);
    assertErrno(wasi.pollOneoff(mem, (int) mem.size() - 10, EVENTS, 1, OUT), Errno.EFAULT);
    assertErrno(wasi.pollOneoff(mem, SUBS, (int) mem.size() - 10, 1, OUT), Errno.EFAULT);
  }
}
