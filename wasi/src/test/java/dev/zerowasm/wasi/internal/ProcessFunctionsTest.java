package dev.zerowasm.wasi.internal;

import static dev.zerowasm.wasi.internal.WasiConstants.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.ValueType;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** args, environ, clocks, random, proc_*, sched_yield, sockets and the signature table. */
class ProcessFunctionsTest extends WasiTestBase {

  @Test
  void argsSizesAndStrings() {
    start(ModuleConfig.create().withArgs("prog", "first", "the \"second\" arg", "ü"));
    assertErrno(wasi.argsSizesGet(mem, OUT, OUT + 4), Errno.SUCCESS);
    assertThat(mem.readIntLe(OUT)).isEqualTo(4);
    // 5 + 6 + 17 + 3 (ü is two bytes, plus NUL)
    assertThat(mem.readIntLe(OUT + 4)).isEqualTo(5 + 6 + 17 + 3);
    assertErrno(wasi.argsGet(mem, 100, 200), Errno.SUCCESS);
    int p0 = mem.readIntLe(100);
    int p2 = mem.readIntLe(108);
    int p3 = mem.readIntLe(112);
    assertThat(p0).isEqualTo(200);
    assertThat(getString(p0, 4)).isEqualTo("prog");
    assertThat(mem.readByte(p0 + 4)).isZero();
    assertThat(getString(p2, 16)).isEqualTo("the \"second\" arg");
    assertThat(getString(p3, 2)).isEqualTo("ü");
    assertThat(mem.readByte(p3 + 2)).isZero();
  }

  @Test
  void noArgsAndNoEnvironmentByDefault() {
    start(ModuleConfig.create());
    mem.writeIntLe(OUT, 99);
    mem.writeIntLe(OUT + 4, 99);
    assertErrno(wasi.argsSizesGet(mem, OUT, OUT + 4), Errno.SUCCESS);
    assertThat(mem.readIntLe(OUT)).isZero();
    assertThat(mem.readIntLe(OUT + 4)).isZero();
    mem.writeIntLe(OUT, 99);
    assertErrno(wasi.environSizesGet(mem, OUT, OUT + 4), Errno.SUCCESS);
    assertThat(mem.readIntLe(OUT)).isZero();
    assertThat(mem.readIntLe(OUT + 4)).isZero();
  }

  @Test
  void environmentHoldsExactlyTheConfiguredPairs() {
    start(
        ModuleConfig.create()
            .withEnv("a", "text")
            .withEnv("b", "escap \" ing")
            .withEnv("c", "new\nline"));
    assertErrno(wasi.environSizesGet(mem, OUT, OUT + 4), Errno.SUCCESS);
    assertThat(mem.readIntLe(OUT)).isEqualTo(3);
    assertThat(mem.readIntLe(OUT + 4)).isEqualTo(7 + 14 + 11);
    assertErrno(wasi.environGet(mem, 100, 200), Errno.SUCCESS);
    assertThat(getString(mem.readIntLe(100), 6)).isEqualTo("a=text");
    assertThat(getString(mem.readIntLe(104), 13)).isEqualTo("b=escap \" ing");
    assertThat(getString(mem.readIntLe(108), 10)).isEqualTo("c=new\nline");
  }

  @Test
  void badPointersAreEfaultNotExceptions() {
    start(ModuleConfig.create().withArgs("prog").withEnv("k", "v"));
    int end = (int) mem.size();
    assertErrno(wasi.argsSizesGet(mem, end - 2, OUT), Errno.EFAULT);
    assertErrno(wasi.argsGet(mem, -1, 0), Errno.EFAULT);
    assertErrno(wasi.argsGet(mem, 0, end - 2), Errno.EFAULT);
    assertErrno(wasi.environGet(mem, end, 0), Errno.EFAULT);
    assertErrno(wasi.environSizesGet(mem, 0, -4), Errno.EFAULT);
    assertErrno(wasi.clockTimeGet(mem, CLOCK_MONOTONIC, 0, end - 4), Errno.EFAULT);
    assertErrno(wasi.clockResGet(mem, CLOCK_MONOTONIC, end), Errno.EFAULT);
    assertErrno(wasi.randomGet(mem, end - 10, 11), Errno.EFAULT);
  }

  @Test
  void clocksComeFromTheConfiguration() {
    AtomicLong wall = new AtomicLong(1_700_000_000_123_456_789L);
    AtomicLong mono = new AtomicLong(42);
    start(ModuleConfig.create().withWalltime(wall::get, 1000).withNanotime(mono::get, 7));
    assertErrno(wasi.clockTimeGet(mem, CLOCK_REALTIME, 1, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(1_700_000_000_123_456_789L);
    assertErrno(wasi.clockTimeGet(mem, CLOCK_MONOTONIC, 1, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(42);
    mono.set(50);
    assertErrno(wasi.clockTimeGet(mem, CLOCK_MONOTONIC, 1, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(50);
    assertErrno(wasi.clockResGet(mem, CLOCK_REALTIME, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(1000);
    assertErrno(wasi.clockResGet(mem, CLOCK_MONOTONIC, OUT), Errno.SUCCESS);
    assertThat(outLong()).isEqualTo(7);
  }

  @Test
  void defaultClocksAreRealAndCpuClocksWork() {
    start(ModuleConfig.create());
    long before = System.currentTimeMillis();
    assertErrno(wasi.clockTimeGet(mem, CLOCK_REALTIME, 0, OUT), Errno.SUCCESS);
    assertThat(outLong() / 1_000_000).isBetween(before - 1000, before + 60_000);
    assertErrno(wasi.clockTimeGet(mem, CLOCK_MONOTONIC, 0, OUT), Errno.SUCCESS);
    long m1 = outLong();
    assertErrno(wasi.clockTimeGet(mem, CLOCK_MONOTONIC, 0, OUT), Errno.SUCCESS);
    assertThat(outLong()).isGreaterThanOrEqualTo(m1);
    assertErrno(wasi.clockTimeGet(mem, CLOCK_PROCESS_CPUTIME_ID, 0, OUT), Errno.SUCCESS);
    assertThat(outLong()).isPositive();
    assertErrno(wasi.clockTimeGet(mem, CLOCK_THREAD_CPUTIME_ID, 0, OUT), Errno.SUCCESS);
    assertErrno(wasi.clockResGet(mem, CLOCK_PROCESS_CPUTIME_ID, OUT), Errno.SUCCESS);
    assertThat(outLong()).isPositive();
  }

  @Test
  void unknownClockIsEinval() {
    start(ModuleConfig.create());
    assertErrno(wasi.clockTimeGet(mem, 4, 0, OUT), Errno.EINVAL);
    assertErrno(wasi.clockResGet(mem, -1, OUT), Errno.EINVAL);
  }

  @Test
  void randomComesFromTheConfiguredSource() {
    start(ModuleConfig.create().withRandSource(new Random(7)));
    assertErrno(wasi.randomGet(mem, BUF, 100_000 - BUF), Errno.SUCCESS);
    // random_get fills in 64 KiB chunks; Random continues the same sequence across calls
    // whose lengths are multiples of 4.
    Random r = new Random(7);
    byte[] expected = new byte[65536];
    r.nextBytes(expected);
    assertThat(mem.read(BUF, 65536)).isEqualTo(expected);
    byte[] rest = new byte[100_000 - BUF - 65536];
    r.nextBytes(rest);
    assertThat(mem.read(BUF + 65536, rest.length)).isEqualTo(rest);
  }

  @Test
  void randomZeroLengthWritesNothing() {
    start(ModuleConfig.create());
    assertErrno(wasi.randomGet(mem, (int) mem.size(), 0), Errno.SUCCESS);
  }

  @Test
  void procExitThrowsExitException() {
    start(ModuleConfig.create());
    assertThatThrownBy(() -> wasi.procExit(mem, 33))
        .isInstanceOf(ExitException.class)
        .satisfies(e -> assertThat(((ExitException) e).exitCode()).isEqualTo(33));
  }

  @Test
  void procRaiseIsNotSupportedAndSchedYieldSucceeds() {
    start(ModuleConfig.create());
    assertErrno(wasi.procRaise(mem, 6), Errno.ENOSYS);
    assertErrno(wasi.schedYield(mem), Errno.SUCCESS);
  }

  @Test
  void socketsAreNeverOpen() {
    start(ModuleConfig.create());
    assertErrno(wasi.sockShutdown(mem, 1, SDFLAGS_RD), Errno.ENOTSOCK);
    assertErrno(wasi.sockShutdown(mem, 77, SDFLAGS_RD), Errno.EBADF);
    assertErrno(wasi.sockAccept(mem, 0, 0, OUT), Errno.ENOTSOCK);
    assertErrno(wasi.sockRecv(mem, 0, 0, 0, 0, OUT, OUT + 4), Errno.ENOTSOCK);
    assertErrno(wasi.sockSend(mem, 9, 0, 0, 0, OUT), Errno.EBADF);
  }

  @Test
  void signatureTableCoversAll46Functions() {
    assertThat(WasiFunctions.all()).hasSize(46);
    WasiFunctionSignature w = WasiFunctions.get("fd_write");
    assertThat(w.paramNames()).containsExactly("fd", "iovs", "iovs_len", "result.nwritten");
    assertThat(w.resultNames()).containsExactly("result.nwritten");
    assertThat(w.resultTypes()).containsExactly(ValueType.I32);
    WasiFunctionSignature open = WasiFunctions.get("path_open");
    assertThat(open.paramTypes())
        .containsExactly(
            ValueType.I32,
            ValueType.I32,
            ValueType.I32,
            ValueType.I32,
            ValueType.I32,
            ValueType.I64,
            ValueType.I64,
            ValueType.I32,
            ValueType.I32);
    assertThat(WasiFunctions.get("proc_exit").resultTypes()).isEmpty();
    assertThat(WasiFunctions.get("sched_yield").paramNames()).isEmpty();
    assertThat(WasiFunctions.get("clock_time_get").paramTypes())
        .containsExactly(ValueType.I32, ValueType.I64, ValueType.I32);
    assertThat(WasiFunctions.get("nope")).isNull();
  }

  @Test
  void errnoNames() {
    assertThat(Errno.name(Errno.ENOTCAPABLE)).isEqualTo("ENOTCAPABLE");
    assertThat(Errno.name(Errno.EBADF)).isEqualTo("EBADF");
    assertThat(Errno.name(Errno.EPERM)).isEqualTo("EPERM");
    assertThat(Errno.name(Errno.ENOTSOCK)).isEqualTo("ENOTSOCK");
    assertThat(Errno.name(500)).isEqualTo("errno(500)");
  }
}
