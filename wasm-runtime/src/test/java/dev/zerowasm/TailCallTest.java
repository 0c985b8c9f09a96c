package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.experimental.FunctionListener;
import dev.zerowasm.experimental.StackIterator;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.compiler.CompilerEngine;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CoreFeature#TAIL_CALL} on both engines: {@code return_call} and {@code
 * return_call_indirect} run in constant stack (a million steps, where a call per step would
 * exhaust the JVM's stack), also through a table, to imports, under a call timeout and with a
 * listener. The fixture is {@code tailcall/tailcall.wat}; the spec's own tests of the proposal run
 * in {@code SpecTest}.
 */
class TailCallTest {
  private static final CoreFeatures FEATURES = CoreFeatures.V2.with(CoreFeature.TAIL_CALL);

  static Stream<RuntimeConfig> engines() {
    return Stream.of(
        RuntimeConfig.interpreter().withCoreFeatures(FEATURES),
        RuntimeConfig.compiler().withCoreFeatures(FEATURES));
  }

  private static final byte[] TAILCALL = Fixtures.read("tailcall/tailcall.wasm");
  private static final long DEEP = 1_000_000;

  /** Instantiates the fixture with its host import: twice(x) = 2x. */
  private static Module instantiate(Runtime runtime, ModuleConfig config) {
    runtime
        .newHostModuleBuilder("host")
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> stack[0] = 2 * stack[0], List.of(ValueType.I64), List.of(ValueType.I64))
        .export("twice")
        .instantiate();
    return runtime.instantiate(runtime.compile(TAILCALL), config);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void selfTailCallsRunInConstantStack(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = instantiate(runtime, ModuleConfig.create());
      // acc grows by 1 per step: the scratch local restarts at zero on every call.
      assertThat(m.exportedFunction("count").call(DEEP, 0)).containsExactly(DEEP);
      assertThat(m.exportedFunction("count").call(3, 10)).containsExactly(13);
    }
  }

  @org.junit.jupiter.api.Test
  void theCompilerCompilesSelfTailCallsAndInterpretsOtherTailCalls() {
    try (Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCoreFeatures(FEATURES))) {
      ModuleInstance m = (ModuleInstance) instantiate(runtime, ModuleConfig.create());
      // Function indices: 0 the import, 1 count, 2 even, 3 odd, 4 countIndirect, 5 viaImport,
      // 6 spin. A self tail call is a loop in compiled code; the JVM has no other tail calls, so
      // functions making them run on the interpreter, which does.
      assertThat(engineOf(m, 1)).isEqualTo("CompiledFunction");
      assertThat(engineOf(m, 6)).isEqualTo("CompiledFunction");
      for (int f : new int[] {2, 3, 4, 5}) {
        assertThat(engineOf(m, f)).as("function %d", f).isEqualTo("InterpreterFunction");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void tieredCodeMakesTailCallsInConstantStackBeforeAndAfterItsSwitch() throws Exception {
    // A compiler tiering every module, whose background compilation runs when the test says.
    List<Runnable> background = new java.util.ArrayList<>();
    java.lang.reflect.Constructor<CompilerEngine> tiering =
        CompilerEngine.class.getDeclaredConstructor(
            Engine.class,
            int.class,
            int.class,
            int.class,
            long.class,
            java.util.concurrent.Executor.class);
    tiering.setAccessible(true);
    Engine engine =
        tiering.newInstance(
            new InterpreterEngine(), 8000, 1500, 128 * 1024, 0L,
            (java.util.concurrent.Executor) background::add);
    try (Runtime runtime =
        new RuntimeImpl(RuntimeConfig.compiler().withCoreFeatures(FEATURES), engine)) {
      ModuleInstance m = (ModuleInstance) instantiate(runtime, ModuleConfig.create());
      assertThat(engineOf(m, 2)).isEqualTo("TieredFunction");
      // The interpreter tier calls through the instance's functions, yet tail calls take no stack.
      assertThat(m.exportedFunction("even").call(DEEP)).containsExactly(1);
      assertThat(m.exportedFunction("countIndirect").call(DEEP)).containsExactly(42);
      assertThat(m.exportedFunction("count").call(DEEP, 0)).containsExactly(DEEP);
      assertThat(background).isNotEmpty();
      background.forEach(Runnable::run);
      assertThat(m.exportedFunction("even").call(DEEP)).containsExactly(1);
      assertThat(m.exportedFunction("countIndirect").call(DEEP)).containsExactly(42);
      assertThat(m.exportedFunction("count").call(DEEP, 0)).containsExactly(DEEP);
    }
  }

  @org.junit.jupiter.api.Test
  void theDecoderTellsTheCompilerWhetherToLookForTailCalls() {
    // Read bodies say for sure; unread ones (a cache's known-valid binary) may hold tail calls
    // exactly when the feature is on. The compiler looks ahead only then.
    assertThat(Decoder.decode(TAILCALL, FEATURES).mayTailCall).isTrue();
    assertThat(Decoder.decodeKnownValid(TAILCALL, FEATURES).mayTailCall).isTrue();
    byte[] plain = Fixtures.read("capacity/capacity.wasm");
    assertThat(Decoder.decode(plain, FEATURES).mayTailCall).isFalse();
    assertThat(Decoder.decodeKnownValid(plain, FEATURES).mayTailCall).isTrue();
    assertThat(Decoder.decodeKnownValid(plain, CoreFeatures.V2).mayTailCall).isFalse();
  }

  private static String engineOf(ModuleInstance m, int function) {
    return m.functions[function].getClass().getSimpleName();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void mutualAndIndirectTailCallsRunInConstantStack(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = instantiate(runtime, ModuleConfig.create());
      assertThat(m.exportedFunction("even").call(DEEP)).containsExactly(1);
      assertThat(m.exportedFunction("odd").call(DEEP)).containsExactly(0);
      assertThat(m.exportedFunction("even").call(DEEP + 1)).containsExactly(0);
      // A million indirect tail calls, then one to the host: twice(21).
      assertThat(m.exportedFunction("countIndirect").call(DEEP)).containsExactly(42);
      assertThat(m.exportedFunction("viaImport").call(5)).containsExactly(10);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aCallTimeoutStopsAnEndlessTailCallLoop(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m =
          instantiate(runtime, ModuleConfig.create().withCallTimeout(Duration.ofMillis(100)));
      assertThatThrownBy(() -> m.exportedFunction("spin").call(0))
          .isInstanceOf(TrapException.class)
          .satisfies(e -> assertThat(((TrapException) e).kind()).isEqualTo(TrapKind.INTERRUPTED));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void listenersDoNotSeeTailCallsWhichStillTakeNoStack(RuntimeConfig config) {
    List<String> events = new CopyOnWriteArrayList<>();
    FunctionListener listener =
        new FunctionListener() {
          @Override
          public void before(
              Module module, FunctionDefinition definition, long[] params, StackIterator stack) {
            events.add("before " + definition.debugName() + " " + params[0]);
          }

          @Override
          public void after(Module module, FunctionDefinition definition, long[] results) {
            events.add("after " + definition.debugName() + " " + results[0]);
          }

          @Override
          public void abort(Module module, FunctionDefinition definition, Throwable error) {}
        };
    try (Runtime runtime =
        Runtime.create(config.withFunctionListenerFactory((module, definition) -> listener))) {
      Module m = instantiate(runtime, ModuleConfig.create());
      // even(2) -> odd(1) -> even(0): the tail calls replace the first frame, which returns 1.
      assertThat(m.exportedFunction("even").call(2)).containsExactly(1);
      assertThat(events).containsExactly("before .even 2", "after .even 1");
      events.clear();
      assertThat(m.exportedFunction("even").call(DEEP)).containsExactly(1);
      assertThat(m.exportedFunction("count").call(DEEP, 0)).containsExactly(DEEP);
      assertThat(m.exportedFunction("countIndirect").call(DEEP)).containsExactly(42);
      // Not even the tail call to the host at the end of countIndirect.
      assertThat(events)
          .containsExactly(
              "before .even 1000000",
              "after .even 1",
              "before .count 1000000",
              "after .count 1000000",
              "before .count_indirect 1000000",
              "after .count_indirect 42");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aTailCallMustReturnTheCallersResults(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      assertThatThrownBy(() -> runtime.compile(Fixtures.read("tailcall/bad-results.wasm")))
          .isInstanceOf(CompileException.class)
          .hasMessageContaining("type mismatch: return_call returns [i64]")
          .hasMessageContaining("the function returns [i32]");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void withoutTheFeatureTailCallsAreMalformed(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config.withCoreFeatures(CoreFeatures.V2))) {
      assertThatThrownBy(() -> runtime.compile(TAILCALL))
          .isInstanceOf(CompileException.class)
          .hasMessageContaining("illegal opcode: needs TAIL_CALL");
    }
    assertThat(CoreFeatures.V2.contains(CoreFeature.TAIL_CALL)).isFalse();
  }
}
