package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The import table against what real Go 1.19 binaries (the fixtures) import. */
class GoJsFunctionsTest {
  static Stream<String> fixtures() {
    return Stream.of(
        "hello",
        "fileio",
        "timer",
        "goroutines",
        "cryptorand",
        "json",
        "panic",
        "exit",
        "http",
        "deadlock",
        "stdin",
        "jsinterop");
  }

  static byte[] fixture(String name) throws Exception {
    try (InputStream in = GoJsFunctionsTest.class.getResourceAsStream("/go/" + name + ".wasm")) {
      assertThat(in).as("fixture " + name).isNotNull();
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyImportOfAGo119BinaryIsInTheTable(String name) throws Exception {
    WasmModule m = Decoder.decode(fixture(name), CoreFeatures.V2);
    Set<String> exports = new HashSet<>();
    for (var e : m.exports) {
      exports.add(e.name());
    }
    assertThat(exports).contains("run", "resume", "getsp", "mem");
    int funcIndex = 0;
    for (Import imp : m.imports) {
      assertThat(imp.kind()).isEqualTo(ExternKind.FUNCTION);
      assertThat(imp.module()).isEqualTo(GoJsFunctions.MODULE_GO);
      assertThat(GoJsFunctions.get(imp.name())).as(imp.name()).isNotNull();
      FuncType t = m.functionType(funcIndex++);
      assertThat(t.params()).containsExactly(ValueType.I32);
      assertThat(t.results()).isEmpty();
    }
    assertThat(funcIndex).isGreaterThan(15);
  }

  @Test
  void tableShape() {
    assertThat(GoJsFunctions.all()).hasSize(25);
    GoJsFunctions.Function call = GoJsFunctions.get("syscall/js.valueCall");
    assertThat(call.wasmParamName()).isEqualTo("sp");
    assertThat(call.params())
        .extracting(GoJsFunctions.Param::name)
        .containsExactly("v", "m", "args");
    assertThat(call.results())
        .containsExactly(
            new GoJsFunctions.Param("r", GoJsFunctions.Kind.REF, 56),
            new GoJsFunctions.Param("ok", GoJsFunctions.Kind.BOOL, 64));
    assertThat(GoJsFunctions.get("debug").wasmParamName()).isEqualTo("value");
    assertThat(GoJsFunctions.isGoModule("gojs")).isTrue();
    assertThat(GoJsFunctions.isGoModule("env")).isFalse();
    assertThat(GoJsFunctions.get("nope")).isNull();
  }

  @Test
  void formatsParametersFromGoStackForLogs() {
    TestMemory mem = new TestMemory(1);
    long sp = 0x100;
    mem.writeLongLe(sp + 8, (JsRefs.NAN_HEAD | 1) << 32 | 5);
    mem.write(0x800, "constants".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    mem.writeLongLe(sp + 16, 0x800);
    mem.writeLongLe(sp + 24, 9);
    mem.writeLongLe(sp + 32, (JsRefs.NAN_HEAD | 1) << 32 | 12);
    GoJsFunctions.Function get = GoJsFunctions.get("syscall/js.valueGet");
    assertThat(GoJsFunctions.format(get.params(), mem, sp))
        .isEqualTo("v=globalThis,p=\"constants\"");
    assertThat(GoJsFunctions.format(get.results(), mem, sp)).isEqualTo("r=object#12");
    assertThat(GoJsFunctions.formatRef(Double.doubleToRawLongBits(2.5))).isEqualTo("2.5");
    assertThat(GoJsFunctions.formatRef(0)).isEqualTo("undefined");
    assertThat(GoJsFunctions.formatRef((JsRefs.NAN_HEAD | 2) << 32 | 9)).isEqualTo("string#9");
    mem.writeLongLe(sp + 8, 1);
    mem.writeLongLe(sp + 16, 0x900);
    mem.writeIntLe(sp + 24, 4);
    assertThat(GoJsFunctions.format(GoJsFunctions.get("runtime.wasmWrite").params(), mem, sp))
        .isEqualTo("fd=1,p=2304,n=4");
  }
}
