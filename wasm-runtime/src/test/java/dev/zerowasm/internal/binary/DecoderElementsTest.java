package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.ConstExpr.Instruction;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: elements, over hand-built binaries. */
@Timeout(10)
class DecoderElementsTest extends DecoderTestBase {
  static final byte[] OFFSET = b(0x41, 0x02, END);
  static final byte[] NULL_EXPR = b(0xD0, FUNCREF, END);
  static final byte[] FUNC1_EXPR = b(0xD2, 0x01, END);

  static ElementSegment only(byte[] segment, CoreFeatures features) {
    WasmModule m = Decoder.decode(module(section(9, vec(segment))), features);
    assertThat(m.elements).hasSize(1);
    return m.elements[0];
  }

  @Test
  void flags0ActiveTable0FunctionIndices() {
    ElementSegment s = only(cat(u32(0), OFFSET, vec(u32(1), u32(2))), V1);
    assertThat(s.mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(s.tableIndex()).isZero();
    assertThat(s.offset().instructions()).containsExactly(new Instruction(Opcodes.I32_CONST, 2, 0));
    assertThat(s.type()).isEqualTo(ValueType.FUNCREF);
    assertThat(s.items()).containsExactly(ConstExpr.refFunc(1), ConstExpr.refFunc(2));
  }

  @Test
  void flags1PassiveFunctionIndices() {
    ElementSegment s = only(cat(u32(1), b(0x00), vec(u32(3))), V2);
    assertThat(s.mode()).isEqualTo(SegmentMode.PASSIVE);
    assertThat(s.offset()).isNull();
    assertThat(s.type()).isEqualTo(ValueType.FUNCREF);
    assertThat(s.items()).containsExactly(ConstExpr.refFunc(3));
  }

  @Test
  void flags2ActiveExplicitTableFunctionIndices() {
    ElementSegment s = only(cat(u32(2), u32(5), OFFSET, b(0x00), vec(u32(0))), V2);
    assertThat(s.mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(s.tableIndex()).isEqualTo(5);
    assertThat(s.offset()).isNotNull();
    assertThat(s.items()).containsExactly(ConstExpr.refFunc(0));
  }

  @Test
  void flags3DeclarativeFunctionIndices() {
    ElementSegment s = only(cat(u32(3), b(0x00), vec(u32(4), u32(5))), V2);
    assertThat(s.mode()).isEqualTo(SegmentMode.DECLARATIVE);
    assertThat(s.offset()).isNull();
    assertThat(s.items()).containsExactly(ConstExpr.refFunc(4), ConstExpr.refFunc(5));
  }

  @Test
  void flags4ActiveTable0Expressions() {
    ElementSegment s = only(cat(u32(4), OFFSET, vec(NULL_EXPR, FUNC1_EXPR)), V2);
    assertThat(s.mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(s.tableIndex()).isZero();
    assertThat(s.type()).isEqualTo(ValueType.FUNCREF);
    assertThat(s.items()).containsExactly(
        new ConstExpr(List.of(new Instruction(Opcodes.REF_NULL, FUNCREF, 0))),
        ConstExpr.refFunc(1));
  }

  @Test
  void flags5PassiveExpressions() {
    ElementSegment s = only(cat(u32(5), b(EXTERNREF), vec(b(0xD0, EXTERNREF, END))), V2);
    assertThat(s.mode()).isEqualTo(SegmentMode.PASSIVE);
    assertThat(s.type()).isEqualTo(ValueType.EXTERNREF);
    assertThat(s.items()).hasSize(1);
  }

  @Test
  void flags6ActiveExplicitTableExpressions() {
    ElementSegment s = only(cat(u32(6), u32(1), OFFSET, b(FUNCREF), vec(FUNC1_EXPR)), V2);
    assertThat(s.mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(s.tableIndex()).isEqualTo(1);
    assertThat(s.type()).isEqualTo(ValueType.FUNCREF);
    assertThat(s.items()).containsExactly(ConstExpr.refFunc(1));
  }

  @Test
  void flags7DeclarativeExpressions() {
    ElementSegment s = only(cat(u32(7), b(FUNCREF), vec(FUNC1_EXPR, NULL_EXPR)), V2);
    assertThat(s.mode()).isEqualTo(SegmentMode.DECLARATIVE);
    assertThat(s.items()).hasSize(2);
  }

  @Test
  void flagsAbove7AreMalformed() {
    assertMalformed(module(section(9, vec(cat(u32(8), OFFSET, vec())))), V2,
        "malformed elements segment kind");
  }

  @Test
  void extendedEncodingsNeedBulkMemoryOrReferenceTypes() {
    byte[] passive = module(section(9, vec(cat(u32(1), b(0x00), vec(u32(0))))));
    assertThat(Decoder.decode(passive, CoreFeatures.of(CoreFeature.BULK_MEMORY))
        .elements[0].mode()).isEqualTo(SegmentMode.PASSIVE);
    assertThat(Decoder.decode(passive, CoreFeatures.of(CoreFeature.REFERENCE_TYPES))
        .elements[0].mode()).isEqualTo(SegmentMode.PASSIVE);
    // In 1.0 the field is a table index: 1 decodes (the validator reports the unknown table).
    ElementSegment s = only(cat(u32(1), OFFSET, vec(u32(0))), V1);
    assertThat(s.mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(s.tableIndex()).isEqualTo(1);
  }

  @Test
  void elementKindMustBeZero() {
    assertMalformed(module(section(9, vec(cat(u32(1), b(0x01), vec(u32(0)))))), V2,
        "malformed element kind");
  }

  @Test
  void externrefElementsNeedReferenceTypes() {
    byte[] bytes = module(section(9, vec(cat(u32(5), b(EXTERNREF), vec()))));
    assertMalformed(bytes, V2.without(CoreFeature.REFERENCE_TYPES), "malformed reference type");
    assertMalformed(module(section(9, vec(cat(u32(5), b(I32), vec())))), V2,
        "malformed reference type");
  }

  @Test
  void absurdItemCountFailsQuickly() {
    assertMalformed(module(section(9, vec(cat(u32(0), OFFSET, u32(0xFFFF_FFFFL))))), V2,
        "length out of bounds");
    assertMalformed(module(section(9, vec(cat(u32(5), b(FUNCREF), u32(0xFFFF_FFFFL))))), V2,
        "length out of bounds");
  }
}
