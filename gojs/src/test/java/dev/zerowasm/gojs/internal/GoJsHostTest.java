package dev.zerowasm.gojs.internal;

import static dev.zerowasm.gojs.internal.GoSim.GLOBAL;
import static dev.zerowasm.gojs.internal.GoSim.NULL;
import static dev.zerowasm.gojs.internal.GoSim.num;
import static dev.zerowasm.gojs.internal.GoSim.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.gojs.GoJsConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the imports the way Go's compiled syscall/js code does, through {@link GoSim}. */
class GoJsHostTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private GoSim sim(ModuleConfig sys, GoJsConfig config) {
    GoJsHost host = new GoJsHost(sys.withStdout(out).withStderr(err), config);
    GoSim sim = new GoSim(host);
    host.attach(sim);
    return sim;
  }

  private GoSim sim() {
    return sim(ModuleConfig.create(), GoJsConfig.create());
  }

  @Test
  void writesArgvAndSortedEnvAt4096AsWasmExecJs() {
    GoJsHost host =
        new GoJsHost(
            ModuleConfig.create().withArgs("prog", "ä b").withEnv("ZED", "1").withEnv("A", "x=y"), GoJsConfig.create());
    GoSim sim = new GoSim(host);
    int[] seen = new int[2];
    sim.main(
        (argc, argv) -> {
          seen[0] = argc;
          seen[1] = argv;
          sim.exit(0);
        });
    assertThat(host.run(sim)).isZero();
    assertThat(seen[0]).isEqualTo(2);
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int ptr = sim.memory.readIntLe(seen[1] + i * 8L);
      assertThat(sim.memory.readIntLe(seen[1] + i * 8L + 4)).isZero();
      strings.add(ptr == 0 ? null : cString(sim, ptr));
      if (ptr != 0) {
        assertThat(ptr % 8).isZero();
        assertThat(ptr).isGreaterThanOrEqualTo(4096);
      }
    }
    assertThat(strings).containsExactly("prog", "ä b", null, "A=x=y", "ZED=1", null);
  }

  private static String cString(GoSim sim, int ptr) {
    int end = ptr;
    while (sim.memory.readByte(end) != 0) {
      end++;
    }
    return new String(sim.memory.read(ptr, end - ptr), StandardCharsets.UTF_8);
  }

  @Test
  void refusesArgumentsBeyondTheAbiLimit() {
    GoJsHost host = new GoJsHost(ModuleConfig.create().withArgs("x".repeat(9000)), GoJsConfig.create());
    GoSim sim = new GoSim(host);
    assertThatThrownBy(() -> host.run(sim))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void exitCodeAndWasmWriteToStdoutAndStderr() {
    GoJsHost host = new GoJsHost(ModuleConfig.create().withStdout(out).withStderr(err), GoJsConfig.create());
    GoSim sim = new GoSim(host);
    sim.main(
        (argc, argv) -> {
          sim.wasmWrite(1, "out\n");
          sim.wasmWrite(2, "panic: boom\n");
          sim.exit(2);
          throw new AssertionError("wasmExit must unwind the guest");
        });
    assertThat(host.run(sim)).isEqualTo(2);
    assertThat(host.exited()).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("panic: boom\n");
  }

  @Test
  void globalsGoNeeds() {
    GoSim sim = sim();
    long fs = sim.fs();
    assertThat(GoSim.typeFlag(fs)).isEqualTo(JsRefs.FLAG_OBJECT);
    long constants = sim.valueGet(fs, "constants");
    assertThat(number(sim.valueGet(constants, "O_WRONLY"))).isEqualTo(1);
    assertThat(number(sim.valueGet(constants, "O_RDWR"))).isEqualTo(2);
    assertThat(number(sim.valueGet(constants, "O_CREAT"))).isEqualTo(64);
    assertThat(number(sim.valueGet(constants, "O_TRUNC"))).isEqualTo(512);
    assertThat(number(sim.valueGet(constants, "O_APPEND"))).isEqualTo(1024);
    assertThat(number(sim.valueGet(constants, "O_EXCL"))).isEqualTo(128);
    for (String name : new String[] {"Object", "Array", "Uint8Array", "Date"}) {
      assertThat(GoSim.typeFlag(sim.valueGet(GLOBAL, name)))
          .as(name)
          .isEqualTo(JsRefs.FLAG_FUNCTION);
    }
    for (String name : new String[] {"process", "crypto", "performance", "console"}) {
      assertThat(GoSim.typeFlag(sim.valueGet(GLOBAL, name))).as(name).isEqualTo(JsRefs.FLAG_OBJECT);
    }
    assertThat(sim.valueGet(GLOBAL, "fetch")).as("fetch is off by default").isZero();
    assertThat(sim.valueGet(GLOBAL, "nothing")).isEqualTo(GoSim.UNDEFINED);
  }

  @Test
  void stringsRoundTripThroughPrepareAndLoad() {
    GoSim sim = sim();
    long s = sim.stringVal("héllo, 世界");
    assertThat(GoSim.typeFlag(s)).isEqualTo(JsRefs.FLAG_STRING);
    assertThat(sim.string(s)).isEqualTo("héllo, 世界");
    assertThat(sim.valueLength(s)).isEqualTo(9);
    // Value.String() of a number goes through valuePrepareString too.
    assertThat(sim.string(num(42))).isEqualTo("42");
    assertThat(sim.string(num(1.5))).isEqualTo("1.5");
  }

  @Test
  void objectsPropertiesIndexesAndArrays() {
    GoSim sim = sim();
    long obj = sim.valueNew(sim.valueGet(GLOBAL, "Object"))[0];
    sim.valueSet(obj, "a", num(7));
    sim.valueSet(obj, "b", GoSim.TRUE);
    assertThat(number(sim.valueGet(obj, "a"))).isEqualTo(7);
    assertThat(sim.valueGet(obj, "b")).isEqualTo(GoSim.TRUE);
    sim.valueDelete(obj, "a");
    assertThat(sim.valueGet(obj, "a")).isEqualTo(GoSim.UNDEFINED);

    long arr = sim.valueNew(sim.valueGet(GLOBAL, "Array"), num(2))[0];
    assertThat(sim.valueLength(arr)).isEqualTo(2);
    sim.valueSetIndex(arr, 0, sim.stringVal("x"));
    sim.valueSetIndex(arr, 3, num(9));
    assertThat(sim.valueLength(arr)).isEqualTo(4);
    assertThat(sim.string(sim.valueIndex(arr, 0))).isEqualTo("x");
    assertThat(number(sim.valueIndex(arr, 3))).isEqualTo(9);
    assertThat(sim.instanceOf(arr, sim.valueGet(GLOBAL, "Array"))).isTrue();
    assertThat(sim.instanceOf(arr, sim.valueGet(GLOBAL, "Object"))).isTrue();
    assertThat(sim.instanceOf(obj, sim.valueGet(GLOBAL, "Uint8Array"))).isFalse();
  }

  @Test
  void bytesMoveThroughUint8Array() {
    GoSim sim = sim();
    long u8 = sim.bytes(new byte[] {1, 2, 3, (byte) 200});
    assertThat(sim.valueLength(u8)).isEqualTo(4);
    assertThat(number(sim.valueIndex(u8, 3))).isEqualTo(200);
    byte[] two = new byte[2];
    assertThat(sim.copyBytesToGo(two, u8)).isEqualTo(2);
    assertThat(two).containsExactly(1, 2);
    assertThat(sim.copyBytesToGo(new byte[2], sim.stringVal("no"))).isEqualTo(-1);
    assertThat(sim.copyBytesToJS(sim.stringVal("no"), new byte[2])).isEqualTo(-1);
    assertThat(sim.instanceOf(u8, sim.valueGet(GLOBAL, "Uint8Array"))).isTrue();
  }

  @Test
  void callFailuresComeBackAsErrorValues() {
    GoSim sim = sim();
    long[] r = sim.valueCall(GLOBAL, "noSuchFunction");
    assertThat(r[1]).isZero();
    assertThat(sim.string(sim.valueGet(r[0], "message")))
        .contains("noSuchFunction is not a function");
    long[] n = sim.valueNew(sim.valueGet(GLOBAL, "crypto"));
    assertThat(n[1]).isZero();
    long[] i = sim.valueInvoke(num(3));
    assertThat(i[1]).isZero();
  }

  @Test
  void valueGetOnUndefinedAbortsLikeAnUncaughtTypeError() {
    GoSim sim = sim();
    assertThatThrownBy(() -> sim.valueGet(GoSim.UNDEFINED, "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("syscall/js.valueGet");
  }

  @Test
  void goFunctionsAreCalledThroughPendingEventsAndResultsFollowAMovedStack() {
    GoSim sim = sim();
    long f = sim.funcOf((self, args) -> num(number(args[0]) * 2));
    assertThat(GoSim.typeFlag(f)).isEqualTo(JsRefs.FLAG_FUNCTION);
    long oldSp = sim.sp;
    sim.spAfterResume = oldSp + 0x100;
    // Go calls its own function through valueInvoke: the host re-enters Go via resume().
    sim.memory.writeLongLe(oldSp + 8, f);
    sim.memory.writeLongLe(oldSp + 16, sim.alloc(longBytes(num(21))));
    sim.memory.writeLongLe(oldSp + 24, 1);
    sim.sp = oldSp;
    sim.host.call("syscall/js.valueInvoke", (int) oldSp);
    assertThat(sim.resumes).isEqualTo(1);
    // The results went to the new sp.
    long newSp = oldSp + 0x100;
    assertThat(number(sim.memory.readLongLe(newSp + 40))).isEqualTo(42);
    assertThat(sim.memory.readByte(newSp + 48)).isEqualTo((byte) 1);
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  @Test
  void finalizeRefFreesIdsForReuse() {
    GoSim sim = sim();
    int before = sim.host.refs().liveCount();
    long s = sim.stringVal("temp");
    assertThat(sim.host.refs().liveCount()).isEqualTo(before + 1);
    sim.finalizeRef(s);
    assertThat(sim.host.refs().liveCount()).isEqualTo(before);
    long t = sim.stringVal("other");
    assertThat((int) t).isEqualTo((int) s);
    // Predefined values are never freed.
    sim.finalizeRef(GLOBAL);
    assertThat(sim.valueGet(GLOBAL, "fs")).isNotZero();
  }

  @Test
  void clocksAndRandom() {
    GoSim sim =
        sim(
            ModuleConfig.create().withWalltime(() -> 1_700_000_000_123_456_789L, 1).withNanotime(() -> 5_000_000L, 1).withRandSource(new Random(42)), GoJsConfig.create());
    sim.host.call("runtime.walltime", (int) sim.sp);
    assertThat(sim.memory.readLongLe(sim.sp + 8)).isEqualTo(1_700_000_000L);
    assertThat(sim.memory.readIntLe(sim.sp + 16)).isEqualTo(123_456_789);
    sim.host.call("runtime.nanotime1", (int) sim.sp);
    assertThat(sim.memory.readLongLe(sim.sp + 8)).isEqualTo(5_000_000L);

    long p = sim.alloc(new byte[16]);
    sim.memory.writeLongLe(sim.sp + 8, p);
    sim.memory.writeLongLe(sim.sp + 16, 16);
    sim.host.call("runtime.getRandomData", (int) sim.sp);
    byte[] expected = new byte[16];
    new Random(42).nextBytes(expected);
    assertThat(sim.memory.read(p, 16)).isEqualTo(expected);

    long u8 = sim.bytes(new byte[8]);
    sim.callOk(sim.valueGet(GLOBAL, "crypto"), "getRandomValues", u8);
    byte[] got = new byte[8];
    sim.copyBytesToGo(got, u8);
    byte[] exp2 = new byte[8];
    Random r = new Random(42);
    r.nextBytes(new byte[16]);
    r.nextBytes(exp2);
    assertThat(got).isEqualTo(exp2);
  }

  @Test
  void dateHasTheConfiguredTimeZoneOffset() {
    GoSim sim = sim(ModuleConfig.create(), GoJsConfig.create().withTimeZone(ZoneOffset.ofHours(2)));
    long date = sim.valueNew(sim.valueGet(GLOBAL, "Date"))[0];
    assertThat(number(sim.callOk(date, "getTimezoneOffset"))).isEqualTo(-120);
    GoSim utc = sim();
    long d2 = utc.valueNew(utc.valueGet(GLOBAL, "Date"))[0];
    assertThat(number(utc.callOk(d2, "getTimezoneOffset"))).isEqualTo(0);
  }

  @Test
  void processIdentityCwdAndChdir() throws Exception {
    Files.createDirectories(tmp.resolve("sub"));
    GoSim sim =
        sim(
            ModuleConfig.create().withFsConfig(FsConfig.create().withDirMount(tmp, "/data")), GoJsConfig.create().withWorkingDirectory("/data"));
    long process = sim.valueGet(GLOBAL, "process");
    assertThat(number(sim.valueGet(process, "pid"))).isEqualTo(1);
    assertThat(number(sim.callOk(process, "getuid"))).isEqualTo(0);
    assertThat(sim.valueLength(sim.callOk(process, "getgroups"))).isEqualTo(1);
    assertThat(number(sim.callOk(process, "umask", num(077)))).isEqualTo(022);
    assertThat(number(sim.callOk(process, "umask", num(022)))).isEqualTo(077);
    assertThat(sim.string(sim.callOk(process, "cwd"))).isEqualTo("/data");
    sim.callOk(process, "chdir", sim.stringVal("sub"));
    assertThat(sim.string(sim.callOk(process, "cwd"))).isEqualTo("/data/sub");
    long[] r = sim.valueCall(process, "chdir", sim.stringVal("/missing"));
    assertThat(r[1]).isZero();
    assertThat(sim.string(sim.valueGet(r[0], "code"))).isEqualTo("ENOENT");
  }

  @Test
  void processExitEndsTheRun() {
    GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create());
    GoSim sim = new GoSim(host);
    sim.main((argc, argv) -> sim.valueCall(sim.valueGet(GLOBAL, "process"), "exit", num(4)));
    assertThat(host.run(sim)).isEqualTo(4);
  }

  @Test
  void fsCallbacksRunFromTheEventLoop() throws Exception {
    GoSim sim = sim(ModuleConfig.create().withFsConfig(FsConfig.create().withDirMount(tmp, "/data")), GoJsConfig.create());
    long[][] pending = sim.fsCall("open", sim.stringVal("/data/f.txt"), num(64 | 2), num(0644));
    assertThat(pending[0]).as("Node calls back asynchronously").isNull();
    sim.drain(() -> pending[0] != null);
    assertThat(pending[0][0]).isEqualTo(NULL);
    long fd = pending[0][1];
    assertThat(number(fd)).isEqualTo(3);

    long buf = sim.bytes("hello".getBytes(StandardCharsets.UTF_8));
    long[] w = sim.fsSync("write", fd, buf, num(0), num(5), NULL);
    assertThat(sim.errCode(w)).isNull();
    assertThat(number(w[1])).isEqualTo(5);
    long rb = sim.bytes(new byte[3]);
    long[] r = sim.fsSync("read", fd, rb, num(0), num(3), num(1));
    assertThat(number(r[1])).isEqualTo(3);
    byte[] got = new byte[3];
    sim.copyBytesToGo(got, rb);
    assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("ell");

    long[] st = sim.fsSync("fstat", fd);
    assertThat(number(sim.valueGet(st[1], "size"))).isEqualTo(5);
    assertThat(sim.callOk(st[1], "isDirectory")).isEqualTo(GoSim.FALSE);
    assertThat((int) number(sim.valueGet(st[1], "mode")) & GuestFs.S_IFMT)
        .isEqualTo(GuestFs.S_IFREG);

    long[] c = sim.fsSync("close", fd);
    assertThat(c).hasSize(1);
    assertThat(c[0]).isEqualTo(NULL);
    assertThat(Files.readString(tmp.resolve("f.txt"))).isEqualTo("hello");

    long[] dir = sim.fsSync("readdir", sim.stringVal("/data"));
    assertThat(sim.valueLength(dir[1])).isEqualTo(1);
    assertThat(sim.string(sim.valueIndex(dir[1], 0))).isEqualTo("f.txt");

    long[] missing = sim.fsSync("open", sim.stringVal("/data/nope"), num(0), num(0));
    assertThat(sim.errCode(missing)).isEqualTo("ENOENT");
    long[] escape = sim.fsSync("stat", sim.stringVal("/data/../../../etc/passwd"));
    assertThat(sim.errCode(escape)).isEqualTo("ENOENT");
    long[] badFd = sim.fsSync("close", num(99));
    assertThat(sim.errCode(badFd)).isEqualTo("EBADF");
  }

  @Test
  void stdinIsReadThroughFsRead() {
    GoSim sim =
        sim(
            ModuleConfig.create().withStdin(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8))), GoJsConfig.create());
    long b = sim.bytes(new byte[8]);
    long[] r = sim.fsSync("read", num(0), b, num(0), num(8), NULL);
    assertThat(number(r[1])).isEqualTo(3);
    long[] eof = sim.fsSync("read", num(0), b, num(0), num(8), NULL);
    assertThat(number(eof[1])).isEqualTo(0);
  }

  @Test
  void fsWriteToStdoutAndWriteSync() {
    GoSim sim = sim();
    long[] w =
        sim.fsSync(
            "write",
            num(1),
            sim.bytes("hi\n".getBytes(StandardCharsets.UTF_8)),
            num(0),
            num(3),
            NULL);
    assertThat(number(w[1])).isEqualTo(3);
    sim.callOk(sim.fs(), "writeSync", num(2), sim.bytes("e".getBytes(StandardCharsets.UTF_8)));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hi\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("e");
  }

  @Test
  void timeoutsResumeGoAndCanBeCleared() {
    EventLoopTest.FakeClock clock = new EventLoopTest.FakeClock();
    GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create(), clock);
    GoSim sim = new GoSim(host);
    List<String> log = new ArrayList<>();
    int[] id = new int[1];
    sim.main(
        (argc, argv) -> {
          int cleared = (int) sim.scheduleTimeout(5);
          sim.clearTimeout(cleared);
          id[0] = (int) sim.scheduleTimeout(10);
        });
    // Go's runtime on a timeout event: clears its idle timer, runs its timers (here: exits).
    sim.onEmptyResume =
        () -> {
          log.add("resume at " + clock.now / 1_000_000 + "ms");
          sim.clearTimeout(id[0]);
          sim.exit(0);
        };
    assertThat(host.run(sim)).isZero();
    assertThat(id[0]).isEqualTo(2);
    assertThat(log).containsExactly("resume at 11ms");
  }

  @Test
  void go121GojsModuleWaitsExactlyTheDelay() {
    EventLoopTest.FakeClock clock = new EventLoopTest.FakeClock();
    GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create(), clock);
    GoSim sim = new GoSim(host);
    long[] firedAt = new long[1];
    sim.main(
        (argc, argv) -> {
          sim.memory.writeLongLe(sim.sp + 8, 10);
          host.call("gojs", "runtime.scheduleTimeoutEvent", (int) sim.sp);
        });
    sim.onEmptyResume =
        () -> {
          firedAt[0] = clock.now / 1_000_000;
          host.call("gojs", "runtime.clearTimeoutEvent", (int) sim.sp);
          sim.exit(0);
        };
    assertThat(host.run(sim)).isZero();
    assertThat(firedAt[0]).isEqualTo(10);
    assertThatThrownBy(() -> host.call("env", "runtime.wasmExit", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'env'");
  }

  @Test
  void aTimeoutGoDoesNotAcknowledgeIsResumedAgain() {
    EventLoopTest.FakeClock clock = new EventLoopTest.FakeClock();
    GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create(), clock);
    GoSim sim = new GoSim(host);
    int[] id = new int[1];
    sim.main((argc, argv) -> id[0] = (int) sim.scheduleTimeout(1));
    int[] calls = new int[1];
    sim.onEmptyResume =
        () -> {
          if (++calls[0] == 3) {
            sim.clearTimeout(id[0]);
            sim.exit(0);
          }
        };
    assertThat(host.run(sim)).isZero();
    assertThat(calls[0]).isEqualTo(3);
  }

  @Test
  void aProgramThatWaitsForNothingIsToldItIsDeadlocked() {
    GoJsHost host = new GoJsHost(ModuleConfig.create(), GoJsConfig.create());
    GoSim sim = new GoSim(host);
    // run() returns without exiting and without anything scheduled: the host sends event id 0,
    // to which Go (here the sim) answers with the deadlock error and exit code 2.
    assertThat(host.run(sim)).isEqualTo(2);
    assertThat(sim.resumes).isEqualTo(1);
  }

  @Test
  void callingAnUnknownImportFails() {
    GoSim sim = sim();
    assertThatThrownBy(() -> sim.host.call("syscall/js.nope", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("syscall/js.nope");
  }

  @Test
  void everyTableFunctionHasAHandler() {
    GoSim sim = sim();
    for (GoJsFunctions.Function f : GoJsFunctions.all()) {
      if (f.name().equals("runtime.wasmExit")) {
        continue;
      }
      // Zeroed arguments: every handler must at least be registered (no IllegalArgumentException).
      try {
        sim.memory.write(sim.sp, new byte[80]);
        sim.host.call(f.name(), f.name().equals("debug") ? 7 : (int) sim.sp);
      } catch (IllegalStateException expected) {
        // e.g. valueGet on undefined: a JavaScript TypeError
      }
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("7\n");
  }

  @Test
  void everyFsMethodTakesNodesArgumentOrder() throws Exception {
    GoSim sim = sim(ModuleConfig.create().withFsConfig(FsConfig.create().withDirMount(tmp, "/d")), GoJsConfig.create());
    assertThat(sim.errCode(sim.fsSync("mkdir", sim.stringVal("/d/x"), num(0755)))).isNull();
    assertThat(tmp.resolve("x")).isDirectory();
    long fd = sim.fsSync("open", sim.stringVal("/d/x/f"), num(64 | 2), num(0644))[1];
    sim.fsSync("write", fd, sim.bytes(new byte[] {1, 2, 3, 4}), num(0), num(4), NULL);
    assertThat(sim.errCode(sim.fsSync("ftruncate", fd, num(2)))).isNull();
    assertThat(sim.errCode(sim.fsSync("fsync", fd))).isNull();
    assertThat(sim.errCode(sim.fsSync("fchmod", fd, num(0600)))).isNull();
    assertThat(sim.errCode(sim.fsSync("fchown", fd, num(0), num(0)))).isNull();
    assertThat(sim.errCode(sim.fsSync("close", fd))).isNull();
    assertThat(Files.size(tmp.resolve("x/f"))).isEqualTo(2);
    assertThat(sim.errCode(sim.fsSync("truncate", sim.stringVal("/d/x/f"), num(3)))).isNull();
    assertThat(Files.size(tmp.resolve("x/f"))).isEqualTo(3);
    assertThat(sim.errCode(sim.fsSync("chmod", sim.stringVal("/d/x/f"), num(0640)))).isNull();
    assertThat(sim.errCode(sim.fsSync("chown", sim.stringVal("/d/x/f"), num(0), num(0)))).isNull();
    assertThat(sim.errCode(sim.fsSync("utimes", sim.stringVal("/d/x/f"), num(10), num(20))))
        .isNull();
    assertThat(Files.getLastModifiedTime(tmp.resolve("x/f")).toMillis()).isEqualTo(20_000);
    assertThat(sim.errCode(sim.fsSync("symlink", sim.stringVal("f"), sim.stringVal("/d/x/l"))))
        .isNull();
    assertThat(sim.string(sim.fsSync("readlink", sim.stringVal("/d/x/l"))[1])).isEqualTo("f");
    assertThat(sim.errCode(sim.fsSync("lchown", sim.stringVal("/d/x/l"), num(0), num(0)))).isNull();
    long lst = sim.fsSync("lstat", sim.stringVal("/d/x/l"))[1];
    assertThat(sim.callOk(lst, "isSymbolicLink")).isEqualTo(GoSim.TRUE);
    assertThat(sim.errCode(sim.fsSync("link", sim.stringVal("/d/x/f"), sim.stringVal("/d/x/h"))))
        .isNull();
    assertThat(sim.errCode(sim.fsSync("rename", sim.stringVal("/d/x/h"), sim.stringVal("/d/h"))))
        .isNull();
    assertThat(tmp.resolve("h")).exists();
    assertThat(sim.errCode(sim.fsSync("unlink", sim.stringVal("/d/h")))).isNull();
    assertThat(sim.errCode(sim.fsSync("rmdir", sim.stringVal("/d/x")))).isEqualTo("ENOTEMPTY");
    sim.fsSync("unlink", sim.stringVal("/d/x/l"));
    sim.fsSync("unlink", sim.stringVal("/d/x/f"));
    assertThat(sim.errCode(sim.fsSync("rmdir", sim.stringVal("/d/x")))).isNull();
    assertThat(tmp.resolve("x")).doesNotExist();
    long[] noCallback = sim.valueCall(sim.fs(), "stat", sim.stringVal("/d"));
    assertThat(noCallback[1]).as("a missing callback is a TypeError").isZero();
  }
}
