package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.experimental.FunctionListener;
import dev.zerowasm.experimental.FunctionListenerFactory;
import dev.zerowasm.experimental.LoggingListenerFactory;
import dev.zerowasm.experimental.LoggingScopes;
import dev.zerowasm.experimental.StackIterator;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.HostModule;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Function listeners and the logging listener, on both engines. */
class FunctionListenerTest {
  static Stream<RuntimeConfig> engines() {
    return Stream.of(RuntimeConfig.interpreter(), RuntimeConfig.compiler());
  }

  /**
   * Module "demo": imports env.add2 (a, b) -> i32; _start calls compute, compute returns add2(5,
   * 6); "fail" traps; "indirect" calls compute through a table... kept simple: "twice" calls
   * compute twice and adds.
   */
  static byte[] module() {
    WasmBuilder b = new WasmBuilder();
    int add2 = b.type(new int[] {WasmBuilder.I32, WasmBuilder.I32}, WasmBuilder.I32);
    int toI32 = b.type(new int[0], WasmBuilder.I32);
    int v = b.type(new int[0]);
    b.importFunction("env", "add2", add2)
        .function(v, 0x10, 2, 0x1A) // 1 _start: call compute, drop
        .function(toI32, 0x41, 5, 0x41, 6, 0x10, 0) // 2 compute: add2(5, 6)
        .function(v, 0x00) // 3 fail: unreachable
        .export("_start", 0, 1)
        .export("compute", 0, 2)
        .export("fail", 0, 3)
        .names("demo", "add2", "_start", "compute", "fail");
    return b.build();
  }

  /** Instantiates env.add2 (named parameters a and b) in {@code runtime}. */
  static void hostModule(Runtime runtime) {
    FuncType t =
        new FuncType(new ValueType[] {ValueType.I32, ValueType.I32}, new ValueType[] {ValueType.I32});
    HostModule.builder("env")
        .function(
            "add2",
            t,
            List.of("a", "b"),
            (type, owner, definition) ->
                new dev.zerowasm.internal.wasm.FunctionInstance(type, owner, definition) {
                  @Override
                  public void call(long[] stack) {
                    stack[0] = (int) stack[0] + (int) stack[1];
                  }
                })
        .instantiate(((RuntimeImpl) runtime).store());
  }

  @ParameterizedTest
  @MethodSource("engines")
  void logsNestedGuestAndHostCallsInTheDocumentedFormat(RuntimeConfig engine) {
    // docs/listeners.md, "Logging every call"
    StringWriter log = new StringWriter();
    RuntimeConfig config =
        engine.withFunctionListenerFactory(LoggingListenerFactory.create(log));
    try (Runtime runtime = Runtime.create(config)) {
      hostModule(runtime);
      Module demo = runtime.instantiate(module()); // runs _start
      assertThat(log.toString())
          .isEqualTo(
              "--> demo._start()\n"
                  + "  --> demo.compute()\n"
                  + "    ==> env.add2(a=5,b=6)\n"
                  + "    <== 11\n"
                  + "  <-- (11)\n"
                  + "<-- ()\n");
      log.getBuffer().setLength(0);
      assertThat(demo.exportedFunction("compute").call()).containsExactly(11);
      assertThat(log.toString())
          .isEqualTo(
              "--> demo.compute()\n  ==> env.add2(a=5,b=6)\n  <== 11\n<-- (11)\n");
      log.getBuffer().setLength(0);
      assertThatThrownBy(() -> demo.exportedFunction("fail").call())
          .isInstanceOf(TrapException.class);
      assertThat(log.toString()).isEqualTo("--> demo.fail()\n<-- error: unreachable\n");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void hostFunctionsOfThePublicBuilderLogTheirNamedResults(RuntimeConfig engine) {
    // docs/listeners.md, "Logging every call" (host function with result names)
    StringWriter log = new StringWriter();
    try (Runtime runtime =
        Runtime.create(engine.withFunctionListenerFactory(LoggingListenerFactory.create(log)))) {
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> stack[0] = (int) stack[0] + (int) stack[1],
              List.of(ValueType.I32, ValueType.I32),
              List.of(ValueType.I32))
          .withParameterNames("a", "b")
          .withResultNames("sum")
          .export("add2")
          .instantiate();
      Module demo =
          runtime.instantiate(runtime.compile(module()), ModuleConfig.create().withStartFunctions());
      assertThat(demo.exportedFunction("compute").call()).containsExactly(11);
      assertThat(log.toString())
          .isEqualTo("--> demo.compute()\n  ==> env.add2(a=5,b=6)\n  <== sum=11\n<-- (11)\n");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aValueFormatterPrintsSymbolicValues(RuntimeConfig engine) {
    StringWriter log = new StringWriter();
    LoggingListenerFactory factory =
        LoggingListenerFactory.create(log)
            .withValueFormatter(
                (definition, result, index, value) ->
                    result && definition.isHostFunction() && value == 11 ? "ELEVEN" : null);
    try (Runtime runtime = Runtime.create(engine.withFunctionListenerFactory(factory))) {
      hostModule(runtime);
      runtime.instantiate(module());
    }
    assertThat(log.toString()).contains("    <== ELEVEN\n  <-- (11)\n");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void moduleConfigFactoryListensToOneInstanceOnly(RuntimeConfig engine) {
    StringWriter log = new StringWriter();
    try (Runtime runtime = Runtime.create(engine)) {
      hostModule(runtime);
      CompiledModule compiled = runtime.compile(module());
      Module quiet = runtime.instantiate(compiled, ModuleConfig.create().withName("quiet"));
      Module loud =
          runtime.instantiate(
              compiled,
              ModuleConfig.create()
                  .withName("loud")
                  .withStartFunctions()
                  .withFunctionListenerFactory(
                      LoggingListenerFactory.create(log)
                          .withFilter(d -> !d.isHostFunction())));
      assertThat(quiet.exportedFunction("compute").call()).containsExactly(11);
      assertThat(log.toString()).isEmpty();
      assertThat(loud.exportedFunction("compute").call()).containsExactly(11);
      // The filter drops the host function; names come from the name section ("demo").
      assertThat(log.toString()).isEqualTo("--> demo.compute()\n<-- (11)\n");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void scopesSelectHostFunctions(RuntimeConfig engine) {
    StringWriter log = new StringWriter();
    LoggingListenerFactory factory =
        LoggingListenerFactory.create(log)
            .withClassifier("env", name -> name.startsWith("add") ? "math" : null)
            .withScopes(LoggingScopes.of("clock"));
    try (Runtime runtime =
        Runtime.create(engine.withFunctionListenerFactory(factory))) {
      hostModule(runtime);
      runtime.instantiate(module());
      assertThat(log.toString()).doesNotContain("env.add2").contains("--> demo.compute()");
    }
    assertThat(LoggingScopes.of("math").isEnabled("math")).isTrue();
    assertThat(LoggingScopes.of("math").isEnabled(null)).isFalse();
    assertThat(LoggingScopes.all().isEnabled(null)).isTrue();
    assertThat(LoggingScopes.none().isEnabled("math")).isFalse();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void stackIteratorWalksFromTheInnermostCall(RuntimeConfig engine) {
    List<String> stacks = new ArrayList<>();
    List<String> modules = new ArrayList<>();
    FunctionListenerFactory factory =
        (moduleName, definition) -> {
          modules.add(moduleName + ":" + definition.debugName());
          return new FunctionListener() {
            @Override
            public void before(
                Module module, FunctionDefinition def, long[] params, StackIterator stack) {
              if (def.isHostFunction()) {
                StringBuilder sb = new StringBuilder();
                while (stack.next()) {
                  sb.append(stack.definition().debugName())
                      .append(java.util.Arrays.toString(stack.params()))
                      .append(' ');
                }
                stacks.add(sb.toString().trim());
              }
            }

            @Override
            public void after(Module module, FunctionDefinition def, long[] results) {}

            @Override
            public void abort(Module module, FunctionDefinition def, Throwable error) {}
          };
        };
    try (Runtime runtime = Runtime.create(engine.withFunctionListenerFactory(factory))) {
      hostModule(runtime);
      runtime.instantiate(runtime.compile(module()), ModuleConfig.create().withName("app"));
    }
    assertThat(stacks).containsExactly("env.add2[5, 6] demo.compute[] demo._start[]");
    // Asked once per function of the instance, imports included, with the instance's name.
    assertThat(modules)
        .containsExactly("app:env.add2", "app:demo._start", "app:demo.compute", "app:demo.fail");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void formatsValuesByType(RuntimeConfig engine) {
    assertThat(formatted(ValueType.I32, 0xFFFF_FFFFL)).isEqualTo("-1");
    assertThat(formatted(ValueType.I64, -2)).isEqualTo("-2");
    assertThat(formatted(ValueType.F32, Float.floatToRawIntBits(1.5f))).isEqualTo("1.5");
    assertThat(formatted(ValueType.F64, Double.doubleToRawLongBits(-0.25))).isEqualTo("-0.25");
    assertThat(formatted(ValueType.EXTERNREF, 255)).isEqualTo("0xff");
  }

  private static String formatted(ValueType type, long value) {
    // Through a real listener: a one-parameter definition stub.
    StringWriter out = new StringWriter();
    FunctionListener l =
        LoggingListenerFactory.create(out).newListener("m", new Stub(type));
    l.before(null, new Stub(type), new long[] {value}, null);
    String line = out.toString();
    return line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
  }

  /** A guest function "m.f" with one unnamed parameter of {@code type}. */
  private static final class Stub implements FunctionDefinition {
    private final ValueType type;

    Stub(ValueType type) {
      this.type = type;
    }

    @Override
    public String moduleName() {
      return "m";
    }

    @Override
    public int index() {
      return 0;
    }

    @Override
    public String name() {
      return "f";
    }

    @Override
    public String debugName() {
      return "m.f";
    }

    @Override
    public List<String> exportNames() {
      return List.of();
    }

    @Override
    public java.util.Optional<ImportName> importedAs() {
      return java.util.Optional.empty();
    }

    @Override
    public List<ValueType> paramTypes() {
      return List.of(type);
    }

    @Override
    public List<ValueType> resultTypes() {
      return List.of();
    }

    @Override
    public List<String> paramNames() {
      return List.of();
    }

    @Override
    public List<String> resultNames() {
      return List.of();
    }

    @Override
    public boolean isHostFunction() {
      return false;
    }
  }
}
