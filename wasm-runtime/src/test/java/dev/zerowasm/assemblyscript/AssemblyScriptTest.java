package dev.zerowasm.assemblyscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueCodec;
import dev.zerowasm.api.ValueType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AssemblyScript host functions with a module compiled by the npm package assemblyscript
 * (src/test/resources/assemblyscript: fixture.ts, fixture.wasm, build.sh).
 */
class AssemblyScriptTest {
  private final Runtime runtime = Runtime.create(RuntimeConfig.interpreter());
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @AfterEach
  void close() {
    runtime.close();
  }

  private static byte[] fixture() throws IOException {
    try (InputStream in =
        AssemblyScriptTest.class.getResourceAsStream("/assemblyscript/fixture.wasm")) {
      return in.readAllBytes();
    }
  }

  private Module instantiate(AssemblyScript as) throws IOException {
    as.withOutput(output).instantiate(runtime);
    return runtime.instantiate(runtime.compile(fixture()), ModuleConfig.create().withName("as"));
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void callsWithoutHostFunctionsWork() throws IOException {
    Module m = instantiate(AssemblyScript.create());
    assertThat(m.exportedFunction("add").call(2, 3)).containsExactly(5);
    assertThat(m.exportedFunction("checkPositive").call(7)).containsExactly(7);
    assertThat(printed()).isEmpty();
  }

  @Test
  void assertFailureAbortsWithMessageAndLocation() throws IOException {
    Module m = instantiate(AssemblyScript.create());
    assertThatThrownBy(() -> m.exportedFunction("checkPositive").call(0))
        .isInstanceOfSatisfying(
            AbortException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(255);
              assertThat(e.abortMessage()).isEqualTo("x must be positive");
              assertThat(e.fileName()).isEqualTo("fixture.ts");
              assertThat(e.line()).isEqualTo(9);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e).hasMessage("abort: x must be positive at fixture.ts:9:3");
            });
    assertThat(printed()).isEqualTo("abort: x must be positive at fixture.ts:9:3\n");
    // Like wazero: the module exits with 255 and is closed.
    assertThat(m.isClosed()).isTrue();
    assertThatThrownBy(() -> m.exportedFunction("add").call(1, 2))
        .hasMessageContaining("exit code 255");
  }

  @Test
  void throwAborts() throws IOException {
    Module m = instantiate(AssemblyScript.create());
    assertThatThrownBy(() -> m.exportedFunction("fail").call())
        .isInstanceOf(ExitException.class)
        .hasMessage("abort: thrown from AssemblyScript at fixture.ts:14:3");
  }

  @Test
  void tracePrintsMessagesAndNumbers() throws IOException {
    Module m = instantiate(AssemblyScript.create());
    m.exportedFunction("traceIt").call();
    assertThat(printed())
        .isEqualTo(
            "trace: hello trace\n" + "trace: with args 1.5,-2,42\n" + "trace: utf-16: äß€😀 0.1\n");
  }

  @Test
  void traceCanBeDisabled() throws IOException {
    Module m = instantiate(AssemblyScript.create().withTraceEnabled(false));
    m.exportedFunction("traceIt").call();
    assertThat(printed()).isEmpty();
  }

  @Test
  void seedFeedsMathRandom() throws IOException {
    Module a = instantiate(AssemblyScript.create().withSeedSource(() -> 42));
    double first = ValueCodec.decodeF64(a.exportedFunction("random").call()[0]);
    assertThat(first).isBetween(0.0, 1.0);
    Module b = runtime.instantiate(runtime.compile(fixture()), ModuleConfig.create().withName("b"));
    // The same seed gives the same sequence.
    assertThat(ValueCodec.decodeF64(b.exportedFunction("random").call()[0])).isEqualTo(first);
    assertThat(runtime.module("env").exportedFunction("seed").call())
        .containsExactly(ValueCodec.encodeF64(42));
  }

  @Test
  void definitionsNameTheParameters() {
    Module env = AssemblyScript.create().instantiate(runtime);
    FunctionDefinition trace = env.exportedFunction("trace").definition();
    assertThat(trace.paramTypes())
        .containsExactly(
            ValueType.I32,
            ValueType.I32,
            ValueType.F64,
            ValueType.F64,
            ValueType.F64,
            ValueType.F64,
            ValueType.F64);
    assertThat(trace.paramNames()).startsWith("message", "nArgs", "arg0");
    assertThat(env.exportedFunction("abort").definition().paramNames())
        .containsExactly("message", "fileName", "lineNumber", "columnNumber");
  }

  @Test
  void badStringPointersArePrintedNotThrown() throws IOException {
    Module m = instantiate(AssemblyScript.create());
    Memory memory = m.memory();
    assertThat(AssemblyScript.readString(memory, 0)).isEqualTo("null");
    assertThat(AssemblyScript.readString(memory, 2)).isEqualTo("<invalid string pointer 0x2>");
    assertThat(AssemblyScript.readString(memory, 0xFFFF_FFF0L))
        .isEqualTo("<invalid string pointer 0xfffffff0>");
    memory.writeIntLe(100, 3); // odd byte length
    assertThat(AssemblyScript.readString(memory, 104))
        .isEqualTo("<invalid string at 0x68 (length 3 bytes)>");
    memory.writeIntLe(100, Integer.MAX_VALUE - 1); // beyond the memory
    assertThat(AssemblyScript.readString(memory, 104)).startsWith("<invalid string at 0x68");
    memory.writeIntLe(100, 4);
    memory.write(104, "hi".getBytes(StandardCharsets.UTF_16LE));
    assertThat(AssemblyScript.readString(memory, 104)).isEqualTo("hi");
    assertThat(AssemblyScript.readString(null, 104)).contains("no memory");

    // abort with garbage pointers still aborts cleanly, printing what it can.
    Module env = runtime.module("env");
    assertThatThrownBy(() -> env.exportedFunction("abort").call(3, 0xFFFF_FFFFL, 1, 2))
        .isInstanceOf(AbortException.class);
    assertThat(printed())
        .isEqualTo(
            "abort: <string at 0x3: the module has no memory> at <string at 0xffffffff:"
                + " the module has no memory>:1:2\n");
  }

  @Test
  void functionsCanJoinAnExistingEnvModule() throws IOException {
    Module env =
        AssemblyScript.create()
            .exportFunctions(
                runtime
                    .newHostModuleBuilder("env")
                    .newFunctionBuilder()
                    .withFunction(
                        (caller, stack) -> stack[0] = 7, List.of(), List.of(ValueType.I32))
                    .export("seven"))
            .instantiate();
    assertThat(env.exportedFunction("seven").call()).containsExactly(7);
    Module m = runtime.instantiate(runtime.compile(fixture()), ModuleConfig.create());
    assertThat(m.exportedFunction("add").call(1, 1)).containsExactly(2);
  }

  @Test
  void numbersAreFormattedLikeJavaScript() {
    assertThat(AssemblyScript.formatNumber(42)).isEqualTo("42");
    assertThat(AssemblyScript.formatNumber(-0.0)).isEqualTo("0");
    assertThat(AssemblyScript.formatNumber(1.5)).isEqualTo("1.5");
    assertThat(AssemblyScript.formatNumber(Double.NaN)).isEqualTo("NaN");
    assertThat(AssemblyScript.formatNumber(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }
}
