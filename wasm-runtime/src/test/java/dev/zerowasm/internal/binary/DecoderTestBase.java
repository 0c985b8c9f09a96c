package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.body;
import static dev.zerowasm.internal.binary.WasmBuilder.funcType;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.ConstExpr.Instruction;
import java.util.List;

/** Shared constants and helpers of the decoder unit tests (Decoder*Test). */
abstract class DecoderTestBase {
  static final CoreFeatures V1 = CoreFeatures.V1;
  static final CoreFeatures V2 = CoreFeatures.V2;

  static final int I32 = 0x7F;
  static final int I64 = 0x7E;
  static final int F32 = 0x7D;
  static final int F64 = 0x7C;
  static final int V128 = 0x7B;
  static final int FUNCREF = 0x70;
  static final int EXTERNREF = 0x6F;
  static final int END = 0x0B;

  /** A type section with the single type {@code [] -> []}. */
  static final byte[] TYPE_VOID = section(1, vec(funcType(b(), b())));
  /** A function section declaring one function of type 0. */
  static final byte[] ONE_FUNCTION = section(3, vec(u32(0)));

  /** A code section with one body made of {@code instructions} and no locals. */
  static byte[] codeOf(byte[] instructions) {
    return section(10, vec(body(vec(), instructions)));
  }

  /** A module with one function {@code [] -> []} whose body is {@code instructions}. */
  static byte[] oneFunction(byte[] instructions) {
    return module(TYPE_VOID, ONE_FUNCTION, codeOf(instructions));
  }

  static CompileException error(byte[] bytes, CoreFeatures features) {
    try {
      Decoder.decode(bytes, features);
    } catch (CompileException e) {
      return e;
    }
    return fail("expected a CompileException");
  }

  /** Asserts that decoding fails with a DECODE error whose reason starts with {@code reason}. */
  static CompileException assertMalformed(byte[] bytes, CoreFeatures features, String reason) {
    CompileException e = error(bytes, features);
    assertThat(e.phase()).as(e.getMessage()).isEqualTo(Phase.DECODE);
    assertThat(e.reason()).startsWith(reason);
    return e;
  }

  static List<Integer> opcodes(ConstExpr expr) {
    return expr.instructions().stream().map(Instruction::opcode).toList();
  }

}
