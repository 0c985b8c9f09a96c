package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.ConstExpr.Instruction;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decoding of SIMD (0xFD-prefixed) instructions: every immediate shape, gating and errors. */
class DecoderSimdTest extends DecoderTestBase {
  private static final byte[] SIXTEEN = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
    0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, (byte) 0xFF
  };

  private static CodeReader reader(CoreFeatures features, byte[] code) {
    return new CodeReader(code, 0, code.length, features, 0);
  }

  private static CodeReader reader(byte[] code) {
    return reader(V2, code);
  }

  private static CompileException malformed(CoreFeatures features, byte[] code) {
    CodeReader r = reader(features, code);
    try {
      r.next();
    } catch (CompileException e) {
      assertThat(e.phase()).isEqualTo(Phase.DECODE);
      return e;
    }
    throw new AssertionError("expected a decode error for " + java.util.Arrays.toString(code));
  }

  @Test
  void memargLoadsAndStores() {
    CodeReader r = reader(cat(b(0xFD, 0x00, 0x04), u32(0x12345), b(0xFD, 0x0B, 0x03, 0x00)));
    assertThat(r.next()).isEqualTo(Opcodes.V128_LOAD);
    assertThat(r.align).isEqualTo(4);
    assertThat(r.memoryOffset).isEqualTo(0x12345);
    assertThat(r.next()).isEqualTo(Opcodes.V128_STORE);
    assertThat(r.align).isEqualTo(3);
    assertThat(r.memoryOffset).isZero();
    assertThat(r.hasNext()).isFalse();

    r = reader(cat(b(0xFD, 0x5D, 0x03), u32(0xFFFF_FFFFL)));
    assertThat(r.next()).isEqualTo(Opcodes.V128_LOAD64_ZERO);
    assertThat(r.memoryOffset).isEqualTo(0xFFFF_FFFFL);
  }

  @Test
  void memargAndLaneForLoadAndStoreLane() {
    CodeReader r = reader(b(0xFD, 0x54, 0x00, 0x07, 0x0F, 0xFD, 0x5B, 0x03, 0x00, 0x01));
    assertThat(r.next()).isEqualTo(Opcodes.V128_LOAD8_LANE);
    assertThat(r.align).isZero();
    assertThat(r.memoryOffset).isEqualTo(7);
    assertThat(r.lane).isEqualTo(15);
    assertThat(r.next()).isEqualTo(Opcodes.V128_STORE64_LANE);
    assertThat(r.align).isEqualTo(3);
    assertThat(r.lane).isEqualTo(1);
  }

  @Test
  void laneIndexIsOneByteNotLeb() {
    // 0x80 would start a longer LEB; as a lane index byte it is just 128 (the validator rejects it).
    CodeReader r = reader(b(0xFD, 0x15, 0x80, 0xFD, 0x22, 0x01));
    assertThat(r.next()).isEqualTo(Opcodes.I8X16_EXTRACT_LANE_S);
    assertThat(r.lane).isEqualTo(128);
    assertThat(r.next()).isEqualTo(Opcodes.F64X2_REPLACE_LANE);
    assertThat(r.lane).isEqualTo(1);
  }

  @Test
  void v128ConstIsLittleEndianLowThenHigh() {
    CodeReader r = reader(cat(b(0xFD, 0x0C), SIXTEEN));
    assertThat(r.next()).isEqualTo(Opcodes.V128_CONST);
    assertThat(r.v128Low).isEqualTo(0x0706_0504_0302_0100L);
    assertThat(r.v128High).isEqualTo(0xFF1E_1D1C_1B1A_1918L);
  }

  @Test
  void shuffleLanesAreKeptInTheReusedArray() {
    CodeReader r = reader(cat(b(0xFD, 0x0D), SIXTEEN, b(0xFD, 0x0D), new byte[16]));
    byte[] lanes = r.shuffleLanes;
    assertThat(r.next()).isEqualTo(Opcodes.I8X16_SHUFFLE);
    assertThat(r.shuffleLanes).containsExactly(SIXTEEN);
    assertThat(r.v128Low).isEqualTo(0x0706_0504_0302_0100L);
    assertThat(r.next()).isEqualTo(Opcodes.I8X16_SHUFFLE);
    assertThat(r.shuffleLanes).isSameAs(lanes).containsOnly(0);
  }

  @Test
  void subOpcodeIsLeb128() {
    // i16x8.abs is 0x80: two LEB bytes. A redundant encoding of 0x0E is still i8x16.swizzle.
    CodeReader r = reader(b(0xFD, 0x80, 0x01, 0xFD, 0xFF, 0x01, 0xFD, 0x8E, 0x80, 0x00));
    assertThat(r.next()).isEqualTo(Opcodes.I16X8_ABS);
    assertThat(r.next()).isEqualTo(Opcodes.F64X2_CONVERT_LOW_I32X4_U);
    assertThat(r.next()).isEqualTo(Opcodes.I8X16_SWIZZLE);
  }

  @Test
  void unknownAndReservedSubOpcodesAreIllegal() {
    assertThat(malformed(V2, b(0xFD, 0x9A, 0x01)).reason()).startsWith("illegal opcode");
    assertThat(malformed(V2, b(0xFD, 0xEE, 0x01)).reason()).startsWith("illegal opcode");
    // 0x100 is relaxed SIMD's first opcode: not part of 2.0.
    assertThat(malformed(V2, b(0xFD, 0x80, 0x02)).reason()).startsWith("illegal opcode");
    assertThat(malformed(V2, b(0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).reason())
        .startsWith("illegal opcode");
  }

  @Test
  void simdNeedsTheFeature() {
    assertThat(malformed(CoreFeatures.V1, b(0xFD, 0x0E)).reason()).startsWith("illegal opcode");
    CoreFeatures noSimd = CoreFeatures.V2.without(dev.zerowasm.api.CoreFeature.SIMD);
    assertThat(malformed(noSimd, cat(b(0xFD, 0x0C), SIXTEEN)).reason())
        .startsWith("illegal opcode");
  }

  @Test
  void truncatedImmediatesAreMalformed() {
    malformed(V2, b(0xFD, 0x0C, 1, 2, 3));
    malformed(V2, b(0xFD, 0x0D, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    malformed(V2, b(0xFD, 0x15));
    malformed(V2, b(0xFD, 0x54, 0x00, 0x00));
    malformed(V2, b(0xFD));
    assertThat(malformed(V2, b(0xFD, 0x00, 0x20, 0x00)).reason())
        .startsWith("malformed memop flags");
  }

  /** Every one of the 236 SIMD instructions decodes with its immediates and has a name. */
  @Test
  void everySimdOpcodeDecodesAndHasAName() {
    Set<String> names = new HashSet<>();
    int count = 0;
    for (int sub = 0; sub < 256; sub++) {
      int op = Opcodes.PREFIX_SIMD | sub;
      String name = Opcodes.name(op);
      byte[] immediates;
      if (op <= Opcodes.V128_STORE || op == Opcodes.V128_LOAD32_ZERO
          || op == Opcodes.V128_LOAD64_ZERO) {
        immediates = b(0x00, 0x00);
      } else if (op >= Opcodes.V128_LOAD8_LANE && op <= Opcodes.V128_STORE64_LANE) {
        immediates = b(0x00, 0x00, 0x01);
      } else if (op == Opcodes.V128_CONST || op == Opcodes.I8X16_SHUFFLE) {
        immediates = SIXTEEN;
      } else if (op >= Opcodes.I8X16_EXTRACT_LANE_S && op <= Opcodes.F64X2_REPLACE_LANE) {
        immediates = b(0x01);
      } else {
        immediates = b();
      }
      byte[] code = cat(b(0xFD), u32(sub), immediates, b(END));
      CodeReader r = reader(code);
      if (name.startsWith("simd 0x")) {
        assertThatThrownBy(r::next).isInstanceOf(CompileException.class);
        continue;
      }
      assertThat(r.next()).as(name).isEqualTo(op);
      assertThat(r.next()).as(name + " consumed exactly its immediates").isEqualTo(END);
      assertThat(name).matches("(v128|[if](8x16|16x8|32x4|64x2))\\.[a-z0-9_]+");
      names.add(name);
      count++;
    }
    assertThat(count).isEqualTo(236);
    assertThat(names).hasSize(236);
  }

  @Test
  void v128ConstInAGlobalKeepsBothHalves() {
    byte[] bytes = module(section(6, vec(cat(b(V128, 0x00, 0xFD, 0x0C), SIXTEEN, b(END)))));
    WasmModule m = Decoder.decode(bytes, V2);
    assertThat(m.globals[0].init().instructions())
        .containsExactly(
            new Instruction(Opcodes.V128_CONST, 0x0706_0504_0302_0100L, 0xFF1E_1D1C_1B1A_1918L));
    assertMalformed(bytes, V1, "malformed value type");
  }

  @Test
  void simdInFunctionBodies() {
    // (func (drop (i8x16.splat (i32.const 1))))
    WasmModule m =
        Decoder.decode(oneFunction(b(0x41, 0x01, 0xFD, 0x0F, 0x1A, END)), CoreFeatures.V2);
    assertThat(m.codes).hasSize(1);
    assertMalformed(oneFunction(b(0x41, 0x01, 0xFD, 0x0F, 0x1A, END)), V1, "illegal opcode");
  }
}
