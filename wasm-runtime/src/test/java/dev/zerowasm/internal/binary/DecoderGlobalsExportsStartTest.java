package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.name;
import static dev.zerowasm.internal.binary.WasmBuilder.s64;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.internal.wasm.ConstExpr.Instruction;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: globalsexportsstart, over hand-built binaries. */
@Timeout(10)
class DecoderGlobalsExportsStartTest extends DecoderTestBase {
  @Test
  void constantExpressionsKeepOpcodeAndImmediate() {
    byte[] bytes = module(section(6, vec(
        cat(b(I32, 0x00, 0x41), s64(-5), b(END)),
        cat(b(I64, 0x00, 0x42), s64(Long.MIN_VALUE), b(END)),
        b(F64, 0x00, 0x44, 1, 2, 3, 4, 5, 6, 7, 8, END),
        cat(b(I32, 0x00, 0x23), u32(7), b(END)),
        b(EXTERNREF, 0x00, 0xD0, EXTERNREF, END),
        cat(b(FUNCREF, 0x00, 0xD2), u32(3), b(END)))));
    WasmModule m = Decoder.decode(bytes, V2);
    assertThat(m.globals).extracting(g -> g.init().instructions()).containsExactly(
        List.of(new Instruction(Opcodes.I32_CONST, -5, 0)),
        List.of(new Instruction(Opcodes.I64_CONST, Long.MIN_VALUE, 0)),
        List.of(new Instruction(Opcodes.F64_CONST, 0x0807060504030201L, 0)),
        List.of(new Instruction(Opcodes.GLOBAL_GET, 7, 0)),
        List.of(new Instruction(Opcodes.REF_NULL, EXTERNREF, 0)),
        List.of(new Instruction(Opcodes.REF_FUNC, 3, 0)));
  }

  @Test
  void nonConstantInstructionsAreLeftToTheValidator() {
    byte[] bytes = module(section(6, vec(
        b(I32, 0x00, 0x41, 1, 0x41, 2, 0x6A, END),
        b(I32, 0x00, 0x02, 0x40, END, 0x41, 0, END))));
    WasmModule m = Decoder.decode(bytes, V2);
    assertThat(opcodes(m.globals[0].init()))
        .containsExactly(Opcodes.I32_CONST, Opcodes.I32_CONST, Opcodes.I32_ADD);
    // A nested block's end does not end the expression.
    assertThat(opcodes(m.globals[1].init()))
        .containsExactly(Opcodes.BLOCK, Opcodes.END, Opcodes.I32_CONST);
  }

  @Test
  void unterminatedConstantExpressionIsMalformed() {
    assertMalformed(module(section(6, vec(b(I32, 0x00, 0x41, 1)))), V2, "unexpected end");
  }

  @Test
  void illegalOpcodeInConstantExpressionIsMalformed() {
    assertMalformed(module(section(6, vec(b(I32, 0x00, 0xFF, END)))), V2, "illegal opcode");
  }

  @Test
  void exportsAreDecoded() {
    byte[] bytes = module(TYPE_VOID, ONE_FUNCTION, section(5, vec(b(0, 1))),
        section(7, vec(cat(name("run"), b(0x00, 0x00)), cat(name("mem"), b(0x02, 0x00)),
            cat(name("tab"), b(0x01), u32(300)), cat(name("g"), b(0x03, 0x02)))),
        codeOf(b(END)));
    WasmModule m = Decoder.decode(bytes, V1);
    assertThat(m.exports).containsExactly(
        new Export("run", ExternKind.FUNCTION, 0), new Export("mem", ExternKind.MEMORY, 0),
        new Export("tab", ExternKind.TABLE, 300), new Export("g", ExternKind.GLOBAL, 2));
  }

  @Test
  void unknownExportKindIsMalformed() {
    assertMalformed(module(section(7, vec(cat(name("x"), b(0x04, 0x00))))), V2,
        "malformed export kind");
  }

  @Test
  void startFunctionIsDecoded() {
    WasmModule m = Decoder.decode(
        module(TYPE_VOID, ONE_FUNCTION, section(8, u32(0)), codeOf(b(END))), V1);
    assertThat(m.startFunction).isZero();
  }
}
