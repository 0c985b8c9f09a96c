package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.funcType;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: types, over hand-built binaries. */
@Timeout(10)
class DecoderTypesTest extends DecoderTestBase {
  @Test
  void paramsAndResultsAreDecoded() {
    WasmModule m = Decoder.decode(module(section(1, vec(
        funcType(b(I32, I64), b(F32)), funcType(b(), b(F64))))), V1);
    assertThat(m.types).hasSize(2);
    assertThat(m.types[0].params()).containsExactly(ValueType.I32, ValueType.I64);
    assertThat(m.types[0].results()).containsExactly(ValueType.F32);
    assertThat(m.types[1].params()).isEmpty();
    assertThat(m.types[1].results()).containsExactly(ValueType.F64);
  }

  @Test
  void multipleResultsNeedMultiValue() {
    byte[] bytes = module(section(1, vec(funcType(b(), b(I32, I32)))));
    CompileException e = error(bytes, V1);
    assertThat(e.phase()).isEqualTo(Phase.VALIDATE);
    assertThat(e.reason()).startsWith("invalid result arity");
    assertThat(Decoder.decode(bytes, V2).types[0].results()).hasSize(2);
  }

  @Test
  void v128NeedsSimd() {
    byte[] bytes = module(section(1, vec(funcType(b(V128), b()))));
    assertMalformed(bytes, V1, "malformed value type");
    assertMalformed(bytes, V2.without(CoreFeature.SIMD), "malformed value type");
    assertThat(Decoder.decode(bytes, V2).types[0].params()).containsExactly(ValueType.V128);
  }

  @Test
  void referenceValueTypesNeedReferenceTypes() {
    byte[] bytes = module(section(1, vec(funcType(b(FUNCREF), b(EXTERNREF)))));
    assertMalformed(bytes, V1, "malformed value type");
    WasmModule m = Decoder.decode(bytes, V2);
    assertThat(m.types[0].params()).containsExactly(ValueType.FUNCREF);
    assertThat(m.types[0].results()).containsExactly(ValueType.EXTERNREF);
  }

  @Test
  void unknownValueTypeIsMalformed() {
    assertMalformed(module(section(1, vec(funcType(b(0x7A), b())))), V2,
        "malformed value type");
  }

  @Test
  void formOtherThanFuncIsMalformed() {
    assertMalformed(module(section(1, vec(b(0x61, 0, 0)))), V2, "malformed function type");
  }

  @Test
  void absurdTypeCountFailsBeforeAllocating() {
    assertMalformed(module(section(1, u32(0xFFFF_FFFFL))), V2, "length out of bounds");
    assertMalformed(module(section(1, u32(1), b(0x60), u32(0xFFFF_FFFFL))), V2,
        "length out of bounds");
  }
}
