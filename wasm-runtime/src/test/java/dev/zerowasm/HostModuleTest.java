package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.HostFunction;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueCodec;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.api.WasmStackTrace;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Host modules through the public builders, with the interpreter. */
class HostModuleTest {
  private static final List<ValueType> NONE = List.of();
  private static final List<ValueType> I32 = List.of(ValueType.I32);
  private static final List<ValueType> I32_I32 = List.of(ValueType.I32, ValueType.I32);
  private static final List<ValueType> I64_I64 = List.of(ValueType.I64, ValueType.I64);

  private final Runtime runtime = Runtime.create(config());

  /** The engine under test; a subclass runs the same tests with the compiler. */
  RuntimeConfig config() {
    return RuntimeConfig.interpreter();
  }

  private final List<String> logged = new ArrayList<>();
  private final List<Module> callers = new ArrayList<>();
  private HostFunction fail = (caller, stack) -> {};
  private HostFunction callback = (caller, stack) -> {};

  @AfterEach
  void close() {
    runtime.close();
  }

  /** The env module the guest fixture imports, with low-level functions. */
  private Module env() {
    return runtime
        .newHostModuleBuilder("env")
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> {
              callers.add(caller);
              Memory memory = caller.memory();
              logged.add(new String(memory.read(stack[0], (int) stack[1]), StandardCharsets.UTF_8));
            },
            I32_I32,
            NONE)
        .withParameterNames("offset", "length")
        .export("log")
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> stack[0] = stack[0] + stack[1], I64_I64, List.of(ValueType.I64))
        .withParameterNames("a", "b")
        .withResultNames("sum")
        .export("add")
        .newFunctionBuilder()
        .withFunction((caller, stack) -> fail.call(caller, stack), NONE, NONE)
        .export("fail")
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> {
              throw new ExitException((int) stack[0]);
            },
            I32,
            NONE)
        .export("exit")
        .newFunctionBuilder()
        .withFunction((caller, stack) -> callback.call(caller, stack), I32, I32)
        .export("callback")
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> stack[0] = ValueCodec.encodeF64(0),
            List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64),
            List.of(ValueType.F64))
        .export("mix")
        .instantiate();
  }

  private Module guest() {
    return runtime.instantiate(
        runtime.compile(Fixtures.read("host/guest.wasm")), ModuleConfig.create().withName("guest"));
  }

  @Test
  void hostFunctionReadsTheMemoryOfItsCaller() {
    Module env = env();
    Module guest = guest();
    guest.exportedFunction("greet").call();
    assertThat(logged).containsExactly("hello");
    assertThat(callers).containsExactly(guest);
    assertThat(callers.get(0)).isNotSameAs(env);
    assertThat(runtime.module("env")).isSameAs(env);
  }

  @Test
  void callerIsPassedThroughCallIndirect() {
    env();
    Module guest = guest();
    guest.exportedFunction("greet_indirect").call();
    assertThat(logged).containsExactly("hello");
    assertThat(callers).containsExactly(guest);
  }

  @Test
  void eachImporterIsItsOwnCaller() {
    env();
    Module a = guest();
    Module b =
        runtime.instantiate(
            runtime.compile(Fixtures.read("host/guest.wasm")), ModuleConfig.create().withName("b"));
    b.memory().write(16, "world".getBytes(StandardCharsets.UTF_8));
    a.exportedFunction("greet").call();
    b.exportedFunction("greet").call();
    assertThat(logged).containsExactly("hello", "world");
    assertThat(callers).containsExactly(a, b);
  }

  @Test
  void closingAnImporterReleasesTheReferencesOfItsHostFunctionBindings() {
    env();
    ModuleInstance guest = (ModuleInstance) guest();
    long ref = guest.tables[0].elements[0]; // the elem segment holds the imported env.log
    assertThat(ref).isNotZero();
    assertThat(guest.store.references.function(ref)).isSameAs(guest.functions[0]);
    guest.close();
    assertThat(guest.store.references.function(ref)).isNull();
  }

  @Test
  void resultsComeBackInTheStack() {
    env();
    assertThat(guest().exportedFunction("sum").call(40, 2)).containsExactly(42);
  }

  @Test
  void hostFunctionsCanBeCalledDirectlyWithTheHostModuleAsCaller() {
    Module env = env();
    assertThat(env.exportedFunction("add").call(1, 2)).containsExactly(3);
    Memory none = env.memory();
    assertThat(none).isNull();
    callback =
        (caller, stack) -> {
          callers.add(caller);
          stack[0] = 7;
        };
    assertThat(env.exportedFunction("callback").call(0)).containsExactly(7);
    assertThat(callers).containsExactly(env);
  }

  @Test
  void hostFunctionCallsBackIntoTheGuest() {
    env();
    callback =
        (caller, stack) -> stack[0] = caller.exportedFunction("double").call(stack[0])[0] + 1;
    assertThat(guest().exportedFunction("callback").call(20)).containsExactly(41);
  }

  @Test
  void runtimeExceptionsPropagateUnchangedWithTheWasmStackTrace() {
    env();
    IllegalStateException thrown = new IllegalStateException("boom");
    fail =
        (caller, stack) -> {
          throw thrown;
        };
    Throwable e = catchThrowable(() -> guest().exportedFunction("run_fail").call());
    assertThat(e).isSameAs(thrown);
    assertThat(WasmStackTrace.of(e)).isPresent();
    assertThat(WasmStackTrace.of(e).get().frames())
        .containsExactly("env.fail", "guest.inner", "guest.run_fail");
    assertThat(e.getSuppressed()[0].getMessage())
        .isEqualTo("wasm stack trace:\n\tenv.fail\n\tguest.inner\n\tguest.run_fail");
  }

  @Test
  void checkedExceptionsAreWrappedNamingTheHostFunction() {
    env();
    IOException io = new IOException("disk full");
    fail =
        (caller, stack) -> {
          throw io;
        };
    Throwable e = catchThrowable(() -> guest().exportedFunction("fail").call());
    assertThat(e)
        .isExactlyInstanceOf(WasmException.class)
        .hasMessageContaining("host function env.fail failed")
        .hasMessageContaining("disk full")
        .hasCause(io);
    assertThat(WasmStackTrace.of(e).get().frames()).containsExactly("env.fail", "guest.inner");
  }

  @Test
  void trapsThrownByTheHostGetTheHostFrame() {
    env();
    fail =
        (caller, stack) -> {
          throw new TrapException(TrapKind.UNREACHABLE, "host says no");
        };
    assertThatThrownBy(() -> guest().exportedFunction("run_fail").call())
        .isInstanceOfSatisfying(
            TrapException.class,
            t ->
                assertThat(t.wasmStackTrace())
                    .containsExactly("env.fail", "guest.inner", "guest.run_fail"));
  }

  @Test
  void tracesOfNestedCallsAreJoined() {
    env();
    IllegalArgumentException thrown = new IllegalArgumentException("inner");
    fail =
        (caller, stack) -> {
          throw thrown;
        };
    callback =
        (caller, stack) -> {
          caller.exportedFunction("run_fail").call();
        };
    Throwable e = catchThrowable(() -> guest().exportedFunction("callback").call(1));
    assertThat(e).isSameAs(thrown);
    assertThat(WasmStackTrace.of(e).get().frames())
        .containsExactly(
            "env.fail", "guest.inner", "guest.run_fail", "env.callback", "guest.callback");
    assertThat(e.getSuppressed()).hasSize(1);
  }

  @Test
  void trapsOfNestedCallsKeepAllFrames() {
    env();
    callback =
        (caller, stack) -> {
          caller.exportedFunction("trap").call();
        };
    assertThatThrownBy(() -> guest().exportedFunction("callback").call(1))
        .isInstanceOfSatisfying(
            TrapException.class,
            t ->
                assertThat(t.wasmStackTrace())
                    .containsExactly("guest.trap", "env.callback", "guest.callback"));
  }

  @Test
  void exitClosesTheCallingModule() {
    Module env = env();
    Module guest = guest();
    assertThatThrownBy(() -> guest.exportedFunction("exit").call(3))
        .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.exitCode()).isEqualTo(3));
    assertThat(guest.isClosed()).isTrue();
    assertThat(env.isClosed()).isFalse();
    assertThat(runtime.module("guest")).isNull();
    assertThatThrownBy(() -> guest.exportedFunction("double").call(1))
        .isInstanceOf(WasmException.class)
        .hasMessageContaining("exit code 3");
  }

  @Test
  void anExitEscapingAHostFunctionClosesEachCallerOnTheWay() {
    env();
    Module outer = guest();
    Module inner =
        runtime.instantiate(
            runtime.compile(Fixtures.read("host/guest.wasm")),
            ModuleConfig.create().withName("inner"));
    callback =
        (caller, stack) -> {
          inner.exportedFunction("exit").call(5);
        };
    assertThatThrownBy(() -> outer.exportedFunction("callback").call(0))
        .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.exitCode()).isEqualTo(5));
    assertThat(inner.isClosed()).isTrue();
    assertThat(outer.isClosed()).isTrue();
    assertThat(((ModuleInstance) outer).exitCode()).hasValue(5);
  }

  @Test
  void aHostFunctionCanContainANestedExit() {
    env();
    Module outer = guest();
    Module inner =
        runtime.instantiate(
            runtime.compile(Fixtures.read("host/guest.wasm")),
            ModuleConfig.create().withName("inner"));
    callback =
        (caller, stack) -> {
          try {
            inner.exportedFunction("exit").call(5);
          } catch (ExitException e) {
            stack[0] = e.exitCode();
          }
        };
    assertThat(outer.exportedFunction("callback").call(0)).containsExactly(5);
    assertThat(inner.isClosed()).isTrue();
    assertThat(outer.isClosed()).isFalse();
  }

  /** A module exporting "run", which calls the import env.quit. */
  private static byte[] callsEnvQuit() {
    WasmBuilder b = new WasmBuilder();
    int t = b.type(new int[0]);
    return b.importFunction("env", "quit", t)
        .function(t, 0x10, 0x00) // call 0
        .export("run", 0, 1)
        .build();
  }

  @Test
  void theSameExitExceptionCanBeThrownAgain() {
    ExitException reused = new ExitException(0);
    runtime
        .newHostModuleBuilder("env")
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> {
              throw reused;
            },
            NONE,
            NONE)
        .export("quit")
        .instantiate();
    for (String name : List.of("a", "b")) {
      Module m =
          runtime.instantiate(
              runtime.compile(callsEnvQuit()), ModuleConfig.create().withName(name));
      assertThatThrownBy(() -> m.exportedFunction("run").call()).isSameAs(reused);
      assertThat(m.isClosed()).isTrue();
    }
  }

  @Test
  void hostDefinitionsDescribeTheFunctions() {
    Module env = env();
    FunctionDefinition add = env.exportedFunction("add").definition();
    assertThat(add.isHostFunction()).isTrue();
    assertThat(add.moduleName()).isEqualTo("env");
    assertThat(add.index()).isEqualTo(1);
    assertThat(add.name()).isEqualTo("add");
    assertThat(add.debugName()).isEqualTo("env.add");
    assertThat(add.exportNames()).containsExactly("add");
    assertThat(add.importedAs()).isEmpty();
    assertThat(add.paramTypes()).containsExactly(ValueType.I64, ValueType.I64);
    assertThat(add.resultTypes()).containsExactly(ValueType.I64);
    assertThat(add.paramNames()).containsExactly("a", "b");
    assertThat(add.resultNames()).containsExactly("sum");
    assertThat(env.exportedFunction("fail").definition().paramNames()).isEmpty();
  }

  @Test
  void withNameNamesTheFunctionApartFromItsExport() {
    HostModuleBuilder builder =
        runtime
            .newHostModuleBuilder("env")
            .newFunctionBuilder()
            .withFunction((caller, stack) -> {}, NONE, NONE)
            .withName("doNothing")
            .export("nop");
    assertThat(builder.exportedFunctions()).hasSize(1);
    FunctionDefinition d = builder.instantiate().exportedFunction("nop").definition();
    assertThat(d.name()).isEqualTo("doNothing");
    assertThat(d.debugName()).isEqualTo("env.doNothing");
    assertThat(d.exportNames()).containsExactly("nop");
  }

  @Test
  void namesMustCoverTheSignature() {
    HostFunctionBuilder f =
        runtime
            .newHostModuleBuilder("env")
            .newFunctionBuilder()
            .withFunction((caller, stack) -> {}, I32_I32, I32)
            .withParameterNames("only");
    assertThatThrownBy(() -> f.export("f"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "host function env.f has 2 parameter(s) but 1 parameter name(s) were given: [only]");
    f.withParameterNames("a", "b").withResultNames("x", "y");
    assertThatThrownBy(() -> f.export("f"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 1 result(s) but 2 result name(s)");
  }

  @Test
  void duplicateExportNamesAreRejected() {
    HostModuleBuilder builder =
        runtime
            .newHostModuleBuilder("env")
            .newFunctionBuilder()
            .withFunction((caller, stack) -> {}, NONE, NONE)
            .export("f");
    HostFunctionBuilder second =
        builder.newFunctionBuilder().withFunction((caller, stack) -> {}, NONE, NONE);
    assertThatThrownBy(() -> second.export("f"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host module \"env\" already exports a function named \"f\"");
  }

  @Test
  void aFunctionNeedsAnImplementationAndTypes() {
    HostModuleBuilder builder = runtime.newHostModuleBuilder("env");
    assertThatThrownBy(() -> builder.newFunctionBuilder().export("f"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("host function env.f has no implementation");
    List<ValueType> withNull = new ArrayList<>(List.of(ValueType.I32));
    withNull.add(null);
    assertThatThrownBy(
            () ->
                builder
                    .newFunctionBuilder()
                    .withFunction((c, s) -> {}, withNull, NONE)
                    .export("g"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> runtime.newHostModuleBuilder(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHostModuleNameCanBeTakenOnce() {
    env();
    assertThatThrownBy(() -> runtime.newHostModuleBuilder("env").instantiate())
        .isInstanceOf(WasmException.class)
        .hasMessageContaining("\"env\" has already been instantiated");
  }

  @Test
  void closingTheRuntimeClosesHostModules() {
    Module env = env();
    runtime.close();
    assertThat(env.isClosed()).isTrue();
    assertThatThrownBy(() -> runtime.newHostModuleBuilder("other").instantiate())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void v128TravelsAsTwoSlotsLowHalfFirst() {
    runtime
        .newHostModuleBuilder("env")
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> {
              long low = stack[0];
              stack[0] = stack[1];
              stack[1] = low;
              stack[2] = ValueCodec.encodeI32(ValueCodec.decodeI32(stack[2]) + 1);
            },
            List.of(ValueType.V128, ValueType.I32),
            List.of(ValueType.V128, ValueType.I32))
        .export("swap")
        .instantiate();
    Module guest = runtime.instantiate(runtime.compile(Fixtures.read("host/simd.wasm")));

    long[] results = guest.exportedFunction("run").call(0x1111L, 0x2222L, 41);

    assertThat(results).containsExactly(0x2222L, 0x1111L, 42L);
  }
}
