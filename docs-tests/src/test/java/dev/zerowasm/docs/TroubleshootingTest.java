package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueCodec;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.api.WasmStackTrace;
import dev.zerowasm.assemblyscript.AbortException;
import dev.zerowasm.assemblyscript.AssemblyScript;
import dev.zerowasm.wasi.WasiHost;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Makes every runtime failure of docs/troubleshooting.md happen and checks its message: each
 * {@code text} block of the page is a copy of an expected message here (checked by {@link
 * DocSnippetsTest}), so a changed message fails here and a changed page fails there. The guests
 * are in this module's test resources ({@code traps.wat}, {@code math.wat}, ...).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TroubleshootingTest {
  // ---- Compiling

  @Test
  void malformedModule() {
    try (Runtime runtime = Runtime.create()) {
      Throwable e = catchThrowable(() -> runtime.compile(Docs.fixture("not-a-module.wasm")));
      assertThat(e)
          .isInstanceOf(CompileException.class)
          .hasMessage("malformed module: magic header not detected (at byte offset 0x0)");
      assertThat(((CompileException) e).phase()).isEqualTo(CompileException.Phase.DECODE);
    }
  }

  @Test
  void invalidModule() {
    try (Runtime runtime = Runtime.create()) {
      Throwable e = catchThrowable(() -> runtime.compile(Docs.fixture("invalid.wasm")));
      assertThat(e)
          .isInstanceOf(CompileException.class)
          .hasMessage(
              "invalid module: type mismatch: end expected i32 but the stack has i64"
                  + " (function 0, at byte offset 0x26)");
      CompileException compile = (CompileException) e;
      assertThat(compile.phase()).isEqualTo(CompileException.Phase.VALIDATE);
      assertThat(compile.functionIndex()).isZero();
      assertThat(compile.byteOffset()).isEqualTo(0x26);
    }
  }

  @Test
  void featureThatIsOff() {
    try (Runtime runtime =
        Runtime.create(RuntimeConfig.defaults().withCoreFeatures(CoreFeatures.V1))) {
      assertThatThrownBy(() -> runtime.compile(Docs.fixture("sign-extension.wasm")))
          .isInstanceOf(CompileException.class)
          .hasMessage(
              "malformed module: illegal opcode: needs SIGN_EXTENSION_OPS"
                  + " (function 0, at byte offset 0x27)");
    }
    try (Runtime runtime = Runtime.create()) { // V2 has it
      assertThat(runtime.instantiate(Docs.fixture("sign-extension.wasm"))
              .exportedFunction("extend").call(0xff))
          .containsExactly(-1);
    }
  }

  @Test
  void memoryLargerThanTheLimit() {
    try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withMemoryLimitPages(3))) {
      Throwable e = catchThrowable(() -> runtime.compile(Docs.fixture("memory4.wasm")));
      assertThat(e)
          .isInstanceOf(CompileException.class)
          .hasMessage(
              "module exceeds a limit: memory 0 needs at least 4 pages, but the runtime's limit"
                  + " is 3 pages (RuntimeConfig.withMemoryLimitPages)");
      assertThat(((CompileException) e).phase()).isEqualTo(CompileException.Phase.LIMIT);
    }
  }

  // ---- Instantiating

  @Test
  void missingImport() {
    try (Runtime runtime = Runtime.create()) {
      assertThatThrownBy(() -> runtime.instantiate(Docs.fixture("hello-host.wasm")))
          .isInstanceOf(LinkException.class)
          .hasMessage("unknown import: \"env\".\"log\" (no module named \"env\")");
    }
  }

  @Test
  void importOfAnotherType() {
    try (Runtime runtime = Runtime.create()) {
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction((caller, stack) -> {}, List.of(ValueType.I32), List.of())
          .export("log")
          .instantiate();
      assertThatThrownBy(() -> runtime.instantiate(Docs.fixture("hello-host.wasm")))
          .isInstanceOf(LinkException.class)
          .hasMessage(
              "incompatible import type for \"env\".\"log\": expected func (i32, i32) -> (),"
                  + " got func (i32) -> ()");
    }
  }

  @Test
  void sameNameTwice() {
    try (Runtime runtime = Runtime.create()) {
      CompiledModule traps = runtime.compile(Docs.fixture("traps.wasm"));
      runtime.instantiate(traps);
      assertThatThrownBy(() -> runtime.instantiate(traps))
          .isInstanceOf(WasmException.class)
          .hasMessage("a module named \"traps\" has already been instantiated");
      // The fix: another name, or none.
      runtime.instantiate(traps, ModuleConfig.create().withName("traps-2"));
      runtime.instantiate(traps, ModuleConfig.create().withName(""));
      runtime.instantiate(traps, ModuleConfig.create().withName(""));
    }
  }

  // ---- Traps

  private static TrapException trap(String function, long... args) {
    try (Runtime runtime = Runtime.create()) {
      String file = function.equals("div") ? "math.wasm" : "traps.wasm";
      Module module = runtime.instantiate(Docs.fixture(file));
      Throwable e = catchThrowable(() -> module.exportedFunction(function).call(args));
      assertThat(e).isInstanceOf(TrapException.class);
      return (TrapException) e;
    }
  }

  @Test
  void trapUnreachable() {
    TrapException e = trap("unreachable");
    assertThat(e.kind()).isEqualTo(TrapKind.UNREACHABLE);
    assertThat(e.wasmStackTrace()).containsExactly("traps.unreachable");
    assertThat(e).hasMessage("unreachable\nwasm stack trace:\n\ttraps.unreachable");
  }

  @Test
  void aTrapLeavesTheModuleUsable() {
    try (Runtime runtime = Runtime.create()) {
      Module math = runtime.instantiate(Docs.fixture("math.wasm"));
      assertThatThrownBy(() -> math.exportedFunction("div").call(1, 0))
          .isInstanceOf(TrapException.class);
      assertThat(math.isClosed()).isFalse();
      assertThat(math.exportedFunction("div").call(6, 3)).containsExactly(2);
    }
  }

  @Test
  void trapOutOfBoundsMemoryAccess() {
    TrapException e = trap("load", 65535);
    assertThat(e.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(e)
        .hasMessage(
            "out of bounds memory access: address 65535, size 4, memory size 65536\n"
                + "wasm stack trace:\n\ttraps.load");
  }

  @Test
  void trapIntegerDivideByZero() {
    TrapException e = trap("div", 1, 0);
    assertThat(e.kind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(e).hasMessage("integer divide by zero\nwasm stack trace:\n\tmath.div");
  }

  @Test
  void trapIntegerOverflow() {
    TrapException e = trap("div", Integer.MIN_VALUE, -1);
    assertThat(e.kind()).isEqualTo(TrapKind.INTEGER_OVERFLOW);
    assertThat(e).hasMessage("integer overflow\nwasm stack trace:\n\tmath.div");
    assertThat(trap("truncate", ValueCodec.encodeF32(3e9f)).kind())
        .isEqualTo(TrapKind.INTEGER_OVERFLOW);
  }

  @Test
  void trapInvalidConversionToInteger() {
    TrapException e = trap("truncate", ValueCodec.encodeF32(Float.NaN));
    assertThat(e.kind()).isEqualTo(TrapKind.INVALID_CONVERSION_TO_INTEGER);
    assertThat(e).hasMessage("invalid conversion to integer\nwasm stack trace:\n\ttraps.truncate");
  }

  @Test
  void trapCallStackExhausted() {
    TrapException e = trap("recurse", 0);
    assertThat(e.kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
    assertThat(e).hasMessage("call stack exhausted in traps.recurse");
  }

  @Test
  void trapsOfCallIndirect() {
    TrapException mismatch = trap("call_indirect", 0);
    assertThat(mismatch.kind()).isEqualTo(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
    assertThat(mismatch)
        .hasMessage(
            "indirect call type mismatch: expected (i32) -> (), got () -> ()\n"
                + "wasm stack trace:\n\ttraps.callIndirect");
    TrapException uninitialized = trap("call_indirect", 1);
    assertThat(uninitialized.kind()).isEqualTo(TrapKind.UNINITIALIZED_ELEMENT);
    assertThat(uninitialized).hasMessageStartingWith("uninitialized element 1\n");
    TrapException undefined = trap("call_indirect", 5);
    assertThat(undefined.kind()).isEqualTo(TrapKind.UNDEFINED_ELEMENT);
    assertThat(undefined).hasMessageStartingWith("undefined element: index 5, table size 2\n");
  }

  // ---- Stopped calls

  @Test
  void callTimeout() {
    try (Runtime runtime = Runtime.create()) {
      Module loops =
          runtime.instantiate(
              runtime.compile(Docs.fixture("loops.wasm")),
              ModuleConfig.create().withCallTimeout(java.time.Duration.ofMillis(50)));
      Throwable e = catchThrowable(() -> loops.exportedFunction("spin").call());
      assertThat(((TrapException) e).kind()).isEqualTo(TrapKind.INTERRUPTED);
      assertThat(e)
          .hasMessage(
              "interrupted: module \"loops\" ran past its call timeout and was closed\n"
                  + "wasm stack trace:\n\tloops.spin");
      assertThat(loops.isClosed()).isTrue();
    }
  }

  @Test
  void threadInterrupted() throws Exception {
    try (Runtime runtime =
        Runtime.create(RuntimeConfig.defaults().withCloseOnInterrupt(true))) {
      Module loops = runtime.instantiate(Docs.fixture("loops.wasm"));
      Thread.currentThread().interrupt();
      Throwable e = catchThrowable(() -> loops.exportedFunction("spin").call());
      assertThat(Thread.interrupted()).as("the interrupt is consumed").isFalse();
      assertThat(e)
          .hasMessageStartingWith(
              "interrupted: the thread running module \"loops\" was interrupted; the module is"
                  + " closed");
    }
  }

  @Test
  void closedWhileRunning() throws Exception {
    try (Runtime runtime =
        Runtime.create(RuntimeConfig.defaults().withCloseOnInterrupt(true))) {
      Module loops = runtime.instantiate(Docs.fixture("loops.wasm"));
      CompletableFuture<Throwable> outcome =
          CompletableFuture.supplyAsync(
              () -> catchThrowable(() -> loops.exportedFunction("spin").call()));
      Thread.sleep(100);
      loops.close();
      assertThat(outcome.get(10, TimeUnit.SECONDS))
          .isInstanceOf(TrapException.class)
          .hasMessageStartingWith("interrupted: module \"loops\" was closed while running");
    }
  }

  // ---- Exits

  @Test
  void exitDuringInstantiation() {
    try (Runtime runtime = Runtime.create();
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      CompiledModule demo = runtime.compile(Docs.fixture("wasi_demo.wasm"));
      Throwable e =
          catchThrowable(
              () -> runtime.instantiate(demo, ModuleConfig.create().withArgs("wasi_demo", "exit", "3")));
      assertThat(e).isInstanceOf(ExitException.class).hasMessage("module exited with code 3");
      assertThat(((ExitException) e).exitCode()).isEqualTo(3);
      Module exitedWith0 =
          runtime.instantiate(
              demo, ModuleConfig.create().withName("zero").withArgs("wasi_demo", "exit", "0"));
      assertThat(exitedWith0.isClosed()).isTrue();
      // WasiHost.run reports the exit code instead of throwing.
      assertThat(wasi.run(demo, ModuleConfig.create().withArgs("wasi_demo", "exit", "3")).exitCode())
          .isEqualTo(3);
    }
  }

  @Test
  void assemblyScriptAbort() {
    try (Runtime runtime = Runtime.create()) {
      AssemblyScript.create().withOutput(new PrintStream(PrintStream.nullOutputStream()))
          .instantiate(runtime);
      Module module = runtime.instantiate(Docs.fixture("assemblyscript/fixture.wasm"));
      Throwable e = catchThrowable(() -> module.exportedFunction("checkPositive").call(-1));
      assertThat(e)
          .isInstanceOf(AbortException.class)
          .hasMessage("abort: x must be positive at fixture.ts:9:3");
      assertThat(((ExitException) e).exitCode()).isEqualTo(255);
    }
  }

  // ---- Closed modules and runtimes

  @Test
  void callingAClosedModule() {
    try (Runtime runtime = Runtime.create()) {
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                throw new ExitException(3);
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of())
          .export("log")
          .instantiate();
      Module hello = runtime.instantiate(Docs.fixture("hello-host.wasm"));
      assertThatThrownBy(() -> hello.exportedFunction("run").call())
          .isInstanceOf(ExitException.class);
      assertThatThrownBy(() -> hello.exportedFunction("run").call())
          .isInstanceOf(WasmException.class)
          .hasMessage("cannot call hello.run: module \"hello\" is closed (exit code 3)");
    }
  }

  @Test
  void closedRuntime() {
    Runtime runtime = Runtime.create();
    Module math = runtime.instantiate(Docs.fixture("math.wasm"));
    runtime.close();
    assertThatThrownBy(() -> math.exportedFunction("fib").call(10))
        .isInstanceOf(WasmException.class)
        .hasMessage("cannot call math.fib: module \"math\" is closed");
    assertThatThrownBy(() -> runtime.compile(Docs.fixture("math.wasm")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the runtime is closed");
  }

  // ---- Calls

  @Test
  void wrongNumberOfArguments() {
    try (Runtime runtime = Runtime.create()) {
      Module math = runtime.instantiate(Docs.fixture("math.wasm"));
      assertThatThrownBy(() -> math.exportedFunction("fib").call(1, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "function math.fib (i32) -> (i32) expects 1 parameter value(s), but 2 were given");
      assertThat(math.exportedFunction("fibonacci")).isNull();
    }
  }

  // ---- Host functions

  /** Host functions with types WebAssembly cannot pass. */
  public static class Host {
    /** A String parameter. */
    public void log(String message) {}

    /** A String result. */
    public String name() {
      return "";
    }
  }

  @Test
  void unsupportedHostFunctionTypes() {
    try (Runtime runtime = Runtime.create()) {
      assertThatThrownBy(
              () -> runtime.newHostModuleBuilder("env").newFunctionBuilder()
                  .withFunc(new Host(), "log").export("log"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "host function method Host.log(String): parameter 0 (message) has type"
                  + " java.lang.String; supported are int, long, float, double, and a leading"
                  + " dev.zerowasm.api.Module for the caller");
      assertThatThrownBy(
              () -> runtime.newHostModuleBuilder("env").newFunctionBuilder()
                  .withFunc(new Host(), "name").export("name"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "host function method Host.name(): the result type java.lang.String is not"
                  + " supported; supported are void, int, long, float and double");
      assertThatThrownBy(
              () -> runtime.newHostModuleBuilder("env").newFunctionBuilder()
                  .withFunc(new Host(), "print").export("print"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "host function: dev.zerowasm.docs.TroubleshootingTest$Host has no method named"
                  + " \"print\"");
    }
  }

  @Test
  void exceptionOfAHostFunction() {
    try (Runtime runtime = Runtime.create()) {
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                throw new IllegalStateException("disk full");
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of())
          .export("log")
          .instantiate();
      Module hello = runtime.instantiate(Docs.fixture("hello-host.wasm"));
      Throwable e = catchThrowable(() -> hello.exportedFunction("run").call());
      assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
      assertThat(WasmStackTrace.of(e).orElseThrow().frames().toString())
          .isEqualTo("[env.log, hello.run]");
      assertThat(hello.isClosed()).as("a host exception does not close the module").isFalse();
    }
  }
}
