package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueCodec;
import dev.zerowasm.api.ValueType;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Host functions implemented by Java methods: {@link HostFunctionBuilder#withFunc}. */
class HostFuncReflectionTest {
  private final Runtime runtime = Runtime.create(config());

  /** The engine under test; a subclass runs the same tests with the compiler. */
  RuntimeConfig config() {
    return RuntimeConfig.interpreter();
  }

  @AfterEach
  void close() {
    runtime.close();
  }

  /** The host side of the guest fixture, as plain methods. */
  public static final class Env {
    final List<String> logged = new ArrayList<>();
    final List<Module> callers = new ArrayList<>();
    final List<Object> mixed = new ArrayList<>();

    void log(Module caller, int offset, int length) {
      callers.add(caller);
      logged.add(new String(caller.memory().read(offset, length), StandardCharsets.UTF_8));
    }

    public long add(long a, long b) {
      return a + b;
    }

    void fail() throws IOException {
      throw new IOException("no");
    }

    void exit(int code) {}

    int callback(Module caller, int x) {
      return (int) caller.exportedFunction("double").call(x)[0] * 10;
    }

    double mix(int i, long l, float f, double d) {
      mixed.add(i);
      mixed.add(l);
      mixed.add(f);
      mixed.add(d);
      return (double) i + l + f + d;
    }

    static float half(float x) {
      return x / 2;
    }

    void unsupported(int a, String b) {}

    Object badResult() {
      return null;
    }

    void overloaded(int a) {}

    void overloaded(long a) {}
  }

  private Module instantiate(Env env) {
    HostModuleBuilder builder = runtime.newHostModuleBuilder("env");
    for (String name : List.of("log", "add", "fail", "exit", "callback", "mix")) {
      builder = builder.newFunctionBuilder().withFunc(env, name).export(name);
    }
    builder.instantiate();
    return runtime.instantiate(
        runtime.compile(Fixtures.read("host/guest.wasm")), ModuleConfig.create().withName("guest"));
  }

  @Test
  void methodsWithACallerParameterReceiveTheCallingModule() {
    Env env = new Env();
    Module guest = instantiate(env);
    guest.exportedFunction("greet").call();
    assertThat(env.logged).containsExactly("hello");
    assertThat(env.callers).containsExactly(guest);
  }

  @Test
  void everyValueTypeIsConverted() {
    Env env = new Env();
    Module guest = instantiate(env);
    assertThat(guest.exportedFunction("sum").call(-5, 3)).containsExactly(-2);
    long[] r =
        guest
            .exportedFunction("mix")
            .call(
                ValueCodec.encodeI32(-1),
                1L << 40,
                ValueCodec.encodeF32(0.5f),
                ValueCodec.encodeF64(0.25));
    assertThat(env.mixed).containsExactly(-1, 1L << 40, 0.5f, 0.25);
    assertThat(ValueCodec.decodeF64(r[0])).isEqualTo(-1 + (double) (1L << 40) + 0.5 + 0.25);
    assertThat(guest.exportedFunction("callback").call(4)).containsExactly(80);
  }

  @Test
  void signatureComesFromTheJavaTypes() {
    Module env =
        runtime
            .newHostModuleBuilder("env")
            .newFunctionBuilder()
            .withFunc(new Env(), "mix")
            .withParameterNames("i", "l", "f", "d")
            .withResultNames("total")
            .export("mix")
            .newFunctionBuilder()
            .withFunc(new Env(), "log")
            .export("log")
            .instantiate();
    FunctionDefinition mix = env.exportedFunction("mix").definition();
    assertThat(mix.paramTypes())
        .containsExactly(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64);
    assertThat(mix.resultTypes()).containsExactly(ValueType.F64);
    assertThat(mix.paramNames()).containsExactly("i", "l", "f", "d");
    assertThat(mix.resultNames()).containsExactly("total");
    FunctionDefinition log = env.exportedFunction("log").definition();
    assertThat(log.paramTypes()).containsExactly(ValueType.I32, ValueType.I32);
    assertThat(log.resultTypes()).isEmpty();
  }

  @Test
  void staticMethodsByMethodOrByClass() throws Exception {
    Method half = Env.class.getDeclaredMethod("half", float.class);
    Module env =
        runtime
            .newHostModuleBuilder("env")
            .newFunctionBuilder()
            .withFunc(half, (Object) null)
            .export("half")
            .newFunctionBuilder()
            .withFunc(Env.class, "half")
            .export("half2")
            .instantiate();
    long[] r = env.exportedFunction("half").call(ValueCodec.encodeF32(3f));
    assertThat(ValueCodec.decodeF32(r[0])).isEqualTo(1.5f);
    r = env.exportedFunction("half2").call(ValueCodec.encodeF32(-1f));
    assertThat(ValueCodec.decodeF32(r[0])).isEqualTo(-0.5f);
  }

  @Test
  void checkedExceptionsOfMethodsAreWrapped() {
    Module guest = instantiate(new Env());
    assertThatThrownBy(() -> guest.exportedFunction("fail").call())
        .hasMessageContaining("host function env.fail failed: java.io.IOException: no")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void unsupportedTypesFailAtExportNamingMethodAndParameter() {
    HostFunctionBuilder f =
        runtime.newHostModuleBuilder("env").newFunctionBuilder().withFunc(new Env(), "unsupported");
    assertThatThrownBy(() -> f.export("u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Env.unsupported(int, String)")
        .hasMessageContaining("parameter 1")
        .hasMessageContaining("java.lang.String");
    f.withFunc(new Env(), "badResult");
    assertThatThrownBy(() -> f.export("b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Env.badResult()")
        .hasMessageContaining("result type java.lang.Object");
  }

  @Test
  void methodLookupErrorsAreClear() throws Exception {
    HostFunctionBuilder f = runtime.newHostModuleBuilder("env").newFunctionBuilder();
    assertThatThrownBy(() -> f.withFunc(new Env(), "overloaded").export("o"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 methods named \"overloaded\"");
    assertThatThrownBy(() -> f.withFunc(new Env(), "missing").export("m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no method named \"missing\"");
    Method add = Env.class.getDeclaredMethod("add", long.class, long.class);
    assertThatThrownBy(() -> f.withFunc(add, (Object) null).export("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Env.add(long, long) is not static");
    assertThatThrownBy(() -> f.withFunc(add, (Object) "a string").export("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be called on a java.lang.String");
  }
}
