package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.body;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.funcType;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.name;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.ConstExpr.Instruction;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.MemoryType;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.TableType;
import dev.zerowasm.internal.wasm.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: imports, over hand-built binaries. */
@Timeout(10)
class DecoderImportsTest extends DecoderTestBase {
  static final byte[] ALL_KINDS = section(2, vec(
      cat(name("env"), name("f"), b(0x00), u32(0)),
      cat(name("env"), name("t"), b(0x01, FUNCREF, 0x01), u32(1), u32(10)),
      cat(name("env"), name("m"), b(0x02, 0x00), u32(2)),
      cat(name("env"), name("g"), b(0x03, I64, 0x01))));

  @Test
  void everyKindIsDecoded() {
    WasmModule m = Decoder.decode(module(TYPE_VOID, ALL_KINDS), V1);
    assertThat(m.imports).containsExactly(
        Import.function("env", "f", 0),
        Import.table("env", "t", new TableType(ValueType.FUNCREF, Limits.of(1, 10))),
        Import.memory("env", "m", new MemoryType(Limits.of(2))),
        Import.global("env", "g", new GlobalType(ValueType.I64, true)));
    assertThat(m.importedFunctionCount).isEqualTo(1);
    assertThat(m.importedTableCount).isEqualTo(1);
    assertThat(m.importedMemoryCount).isEqualTo(1);
    assertThat(m.importedGlobalCount).isEqualTo(1);
  }

  @Test
  void indexSpacesHoldImportsFirst() {
    byte[] bytes = module(
        section(1, vec(funcType(b(), b()), funcType(b(I32), b()))),
        ALL_KINDS,
        section(3, vec(u32(1), u32(0))),
        section(4, vec(b(FUNCREF, 0x00, 0x05))),
        section(5, vec(b(0x01, 0x01, 0x03))),
        section(6, vec(b(F32, 0x00, 0x43, 0, 0, 0x80, 0x3F, END))),
        section(10, vec(body(vec(), b(END)), body(vec(), b(END)))));
    WasmModule m = Decoder.decode(bytes, V1);
    assertThat(m.functionTypeIndices).containsExactly(0, 1, 0);
    assertThat(m.functionCount()).isEqualTo(3);
    assertThat(m.functionType(1).params()).containsExactly(ValueType.I32);
    assertThat(m.tables).containsExactly(
        new TableType(ValueType.FUNCREF, Limits.of(1, 10)),
        new TableType(ValueType.FUNCREF, Limits.of(5)));
    assertThat(m.memories).containsExactly(
        new MemoryType(Limits.of(2)), new MemoryType(Limits.of(1, 3)));
    assertThat(m.globalTypes).containsExactly(
        new GlobalType(ValueType.I64, true), new GlobalType(ValueType.F32, false));
    assertThat(m.globals).hasSize(1);
    assertThat(m.globals[0].type()).isEqualTo(new GlobalType(ValueType.F32, false));
    assertThat(m.globals[0].init().instructions())
        .containsExactly(new Instruction(Opcodes.F32_CONST, 0x3F80_0000L, 0));
    assertThat(m.codes).hasSize(2);
  }

  @Test
  void unknownKindIsMalformed() {
    assertMalformed(module(section(2, vec(cat(name("a"), name("b"), b(0x04, 0x00))))), V2,
        "malformed import kind");
  }

  @Test
  void externrefTableNeedsReferenceTypes() {
    byte[] bytes = module(section(2, vec(cat(name("a"), name("t"), b(0x01, EXTERNREF, 0, 1)))));
    assertMalformed(bytes, V1, "malformed reference type");
    assertThat(Decoder.decode(bytes, V2).tables[0].elementType())
        .isEqualTo(ValueType.EXTERNREF);
    assertMalformed(module(section(2, vec(cat(name("a"), name("t"), b(0x01, I32, 0, 1))))), V2,
        "malformed reference type");
  }

  @Test
  void limitsFlagsOtherThanZeroOrOneAreMalformed() {
    for (int flags : new int[] {2, 3, 8, 0x81}) {
      assertMalformed(module(section(2, vec(cat(name("a"), name("m"), b(0x02, flags, 0, 0))))),
          V2, "integer too large: malformed limits flags");
    }
  }

  @Test
  void limitsAreUnsigned32Bit() {
    WasmModule m = Decoder.decode(module(section(2, vec(
        cat(name("a"), name("m"), b(0x02, 0x01), u32(0xFFFF_FFFFL), u32(0xFFFF_FFFFL))))), V2);
    assertThat(m.memories[0].limits()).isEqualTo(Limits.of(0xFFFF_FFFFL, 0xFFFF_FFFFL));
  }

  @Test
  void globalMutabilityMustBeZeroOrOne() {
    assertMalformed(module(section(2, vec(cat(name("a"), name("g"), b(0x03, I32, 0x02))))), V2,
        "malformed mutability");
    assertMalformed(module(section(6, vec(b(I32, 0xFF, 0x41, 0, END)))), V2,
        "malformed mutability");
  }

  @Test
  void namesMustBeUtf8() {
    byte[] badName = cat(u32(2), b(0xC0, 0x80)); // overlong encoding of NUL
    assertMalformed(module(section(2, vec(cat(badName, name("b"), b(0x00, 0x00))))), V2,
        "malformed UTF-8 encoding");
    assertMalformed(module(section(2, vec(cat(name("a"), badName, b(0x00, 0x00))))), V2,
        "malformed UTF-8 encoding");
    WasmModule m = Decoder.decode(module(TYPE_VOID,
        section(2, vec(cat(name("\u00e9\u4e2d\ud83d\ude00"), name(""), b(0x00, 0x00))))), V2);
    assertThat(m.imports[0].module()).isEqualTo("\u00e9\u4e2d\ud83d\ude00");
    assertThat(m.imports[0].name()).isEmpty();
    // ASCII, control characters included, takes a shortcut: same result.
    m = Decoder.decode(module(TYPE_VOID,
        section(2, vec(cat(name("a\u0000\u007f~"), name("x"), b(0x00, 0x00))))), V2);
    assertThat(m.imports[0].module()).isEqualTo("a\u0000\u007f~");
  }

  @Test
  void hugeNameLengthFailsQuickly() {
    assertMalformed(module(section(2, vec(cat(u32(0xFFFF_FFFFL), b(0x61))))), V2,
        "unexpected end");
  }
}
