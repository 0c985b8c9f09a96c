package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.body;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.name;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: codes, over hand-built binaries. */
@Timeout(10)
class DecoderCodesTest extends DecoderTestBase {
  @Test
  void functionAndCodeCountsMustMatch() {
    assertMalformed(module(TYPE_VOID, ONE_FUNCTION), V2,
        "function and code section have inconsistent lengths");
    assertMalformed(module(TYPE_VOID, codeOf(b(END))), V2,
        "function and code section have inconsistent lengths");
    assertMalformed(module(TYPE_VOID, section(3, vec(u32(0), u32(0))), codeOf(b(END))), V2,
        "function and code section have inconsistent lengths");
    // Both absent, or both empty, is fine.
    assertThat(Decoder.decode(module(TYPE_VOID, section(3, vec()), section(10, vec())), V1)
        .codes).isEmpty();
  }

  @Test
  void localsAreExpandedAndBodyBoundsRecorded() {
    byte[] bytes = module(TYPE_VOID, ONE_FUNCTION, section(10, vec(body(
        vec(cat(u32(2), b(I32)), cat(u32(0), b(F32)), cat(u32(1), b(I64))),
        b(0x20, 0x00, 0x1A, END)))));
    WasmModule m = Decoder.decode(bytes, V1);
    Code code = m.codes[0];
    assertThat(code.locals()).containsExactly(ValueType.I32, ValueType.I32, ValueType.I64);
    assertThat(code.bodyEnd()).isEqualTo(bytes.length);
    assertThat(code.bodyEnd() - code.bodyStart()).isEqualTo(4);
    assertThat(bytes[code.bodyStart()]).isEqualTo((byte) 0x20);
  }

  @Test
  void localTypesFollowTheFeatures() {
    byte[] bytes = module(TYPE_VOID, ONE_FUNCTION,
        section(10, vec(body(vec(cat(u32(1), b(EXTERNREF))), b(END)))));
    assertMalformed(bytes, V1, "malformed value type");
    assertThat(Decoder.decode(bytes, V2).codes[0].locals()).containsExactly(ValueType.EXTERNREF);
  }

  @Test
  void moreThan2To32LocalsAreMalformed() {
    byte[] bytes = module(TYPE_VOID, ONE_FUNCTION, section(10, vec(body(
        vec(cat(u32(0xFFFF_FFFFL), b(I32)), cat(u32(2), b(I64))), b(END)))));
    assertMalformed(bytes, V2, "too many locals");
  }

  @Test
  void localCountMustFitIn32Bits() {
    byte[] bytes = module(TYPE_VOID, ONE_FUNCTION, section(10, vec(body(
        vec(cat(b(0x80, 0x80, 0x80, 0x80, 0x10), b(I32))), b(END)))));
    assertMalformed(bytes, V2, "integer too large");
  }

  @Test
  void moreLocalsThanTheLimitFailQuicklyWithPhaseLimit() {
    byte[] huge = module(TYPE_VOID, ONE_FUNCTION, section(10, vec(body(
        vec(cat(u32(0xFFFF_FFFFL), b(I32))), b(END)))));
    CompileException e = error(huge, V2);
    assertThat(e.phase()).isEqualTo(Phase.LIMIT);
    assertThat(e.reason()).contains("too many locals").contains("50000");
    assertThat(e.functionIndex()).isZero();

    byte[] justOver = module(TYPE_VOID, ONE_FUNCTION, section(10, vec(body(
        vec(cat(u32(Decoder.MAX_LOCALS), b(I32)), cat(u32(1), b(I64))), b(END)))));
    assertThat(error(justOver, V2).phase()).isEqualTo(Phase.LIMIT);

    byte[] atLimit = module(TYPE_VOID, ONE_FUNCTION, section(10, vec(body(
        vec(cat(u32(Decoder.MAX_LOCALS - 1), b(I32)), cat(u32(1), b(I64))), b(END)))));
    assertThat(Decoder.decode(atLimit, V2).codes[0].locals()).hasSize(Decoder.MAX_LOCALS);
  }

  @Test
  void bodyWithoutFinalEndIsMalformed() {
    assertMalformed(oneFunction(b(0x01)), V2, "END opcode expected");
    assertMalformed(oneFunction(b()), V2, "END opcode expected");
    assertMalformed(oneFunction(b(0x02, 0x40, END)), V2, "END opcode expected");
  }

  @Test
  void bytesAfterTheFinalEndAreMalformed() {
    CompileException e = assertMalformed(oneFunction(b(END, 0x01)), V2, "section size mismatch");
    assertThat(e.functionIndex()).isZero();
    assertMalformed(oneFunction(b(END, END)), V2, "section size mismatch");
  }

  @Test
  void elseOnlyOnceDirectlyInsideIf() {
    assertThat(Decoder.decode(oneFunction(
        b(0x41, 1, 0x04, 0x40, 0x01, 0x05, 0x01, END, END)), V1).codes).hasSize(1);
    assertMalformed(oneFunction(b(0x05, END)), V2, "else without a matching if");
    assertMalformed(oneFunction(b(0x02, 0x40, 0x05, END, END)), V2,
        "else without a matching if");
    assertMalformed(oneFunction(b(0x41, 1, 0x04, 0x40, 0x05, 0x05, END, END)), V2,
        "else without a matching if");
    // An else inside a block inside an if is not directly inside the if.
    assertMalformed(oneFunction(b(0x41, 1, 0x04, 0x40, 0x02, 0x40, 0x05, END, END, END)), V2,
        "else without a matching if");
  }

  @Test
  void deeplyNestedBlocksAreFine() {
    int depth = 10_000;
    byte[] code = new byte[depth * 3 + 1];
    for (int i = 0; i < depth; i++) {
      code[2 * i] = 0x02;
      code[2 * i + 1] = 0x40;
      code[2 * depth + i] = END;
    }
    code[3 * depth] = END;
    assertThat(Decoder.decode(oneFunction(code), V1).codes).hasSize(1);
  }

  @Test
  void errorsInCodeNameTheFunctionIndex() {
    byte[] bytes = module(TYPE_VOID,
        section(2, vec(cat(name("env"), name("f"), b(0x00, 0x00)))),
        section(3, vec(u32(0), u32(0))),
        section(10, vec(body(vec(), b(END)), body(vec(), b(0xFF, END)))));
    CompileException e = assertMalformed(bytes, V2, "illegal opcode");
    assertThat(e.functionIndex()).isEqualTo(2);
    assertThat(e.byteOffset()).isEqualTo(bytes.length - 2);
    assertThat(e.getMessage()).contains("function 2");
  }

  @Test
  void featureGatedOpcodesAreMalformedWhenDisabled() {
    byte[] signExt = oneFunction(b(0x41, 1, 0xC0, 0x1A, END));
    assertMalformed(signExt, V1, "illegal opcode");
    assertThat(Decoder.decode(signExt, V2).codes).hasSize(1);
  }

  @Test
  void bodySizeBeyondTheSectionIsMalformed() {
    assertMalformed(module(TYPE_VOID, ONE_FUNCTION, section(10, vec(cat(u32(100), b(0, END))))),
        V2, "unexpected end");
    assertMalformed(module(TYPE_VOID, ONE_FUNCTION,
        section(10, vec(cat(u32(0xFFFF_FFFFL), b(0, END))))), V2, "unexpected end");
  }

  @Test
  void absurdCountsInCodeFailQuickly() {
    assertMalformed(module(TYPE_VOID, section(3, u32(0xFFFF_FFFFL))), V2,
        "length out of bounds");
    assertMalformed(module(section(10, u32(0xFFFF_FFFFL))), V2,
        "length out of bounds");
    assertMalformed(module(TYPE_VOID, ONE_FUNCTION,
        section(10, vec(body(u32(0xFFFF_FFFFL), b(END))))), V2, "length out of bounds");
    // br_table with 2^32-1 labels
    assertMalformed(oneFunction(cat(b(0x41, 0, 0x0E), u32(0xFFFF_FFFFL), b(0, END))), V2,
        "length out of bounds");
  }

  @Test
  void memoryAlignmentOf32OrMoreIsMalformed() {
    byte[] memory = section(5, vec(b(0x00, 0x01)));
    byte[] code = section(10, vec(body(vec(), b(0x41, 0, 0x28, 0x20, 0x00, 0x1A, END))));
    assertMalformed(module(TYPE_VOID, ONE_FUNCTION, memory, code), V2, "malformed memop flags");
    byte[] large = section(10, vec(body(vec(), b(0x41, 0, 0x28, 0x1F, 0x00, 0x1A, END))));
    // 2^31 is larger than natural but encodable: invalid, not malformed.
    assertThat(Decoder.decode(module(TYPE_VOID, ONE_FUNCTION, memory, large), V2).codes)
        .hasSize(1);
  }

  @Test
  void knownValidBinariesAreDecodedAlikeWithoutReadingBodies() {
    byte[] valid = module(TYPE_VOID, ONE_FUNCTION, section(10, vec(body(
        vec(cat(u32(1), b(I64))), b(0x02, 0x40, 0x0B, 0x01, END)))));
    WasmModule checked = Decoder.decode(valid, V2);
    WasmModule trusted = Decoder.decodeKnownValid(valid, V2);
    assertThat(trusted.codes)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(checked.codes);
    assertThat(trusted.types).containsExactly(checked.types);
    assertThat(checked.bytes).isEqualTo(valid).isNotSameAs(valid);
    assertThat(trusted.bytes).isSameAs(valid); // the caller's private copy, kept
    // A body that ends inside a block is malformed, and only the checking decode reads it so far:
    // this is why decodeKnownValid is only for bytes decoded and validated before.
    byte[] unclosed = module(TYPE_VOID, ONE_FUNCTION, section(10, vec(body(
        vec(), b(0x02, 0x40, END)))));
    assertMalformed(unclosed, V2, "END opcode expected");
    assertThat(Decoder.decodeKnownValid(unclosed, V2).codes).hasSize(1);
  }
}
