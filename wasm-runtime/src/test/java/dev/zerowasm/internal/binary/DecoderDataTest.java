package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.internal.wasm.ConstExpr.Instruction;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: data, over hand-built binaries. */
@Timeout(10)
class DecoderDataTest extends DecoderTestBase {
  static final byte[] OFFSET = b(0x41, 0x10, END);

  @Test
  void activePassiveAndExplicitMemorySegments() {
    WasmModule m = Decoder.decode(module(section(11, vec(
        cat(u32(0), OFFSET, vec(b(1), b(2))),
        cat(u32(1), vec(b(3))),
        cat(u32(2), u32(1), OFFSET, vec())))), V2);
    DataSegment[] d = m.data;
    assertThat(d).hasSize(3);
    assertThat(d[0].mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(d[0].memoryIndex()).isZero();
    assertThat(d[0].offset().instructions())
        .containsExactly(new Instruction(Opcodes.I32_CONST, 0x10, 0));
    assertThat(d[0].data()).containsExactly(1, 2);
    assertThat(d[1].mode()).isEqualTo(SegmentMode.PASSIVE);
    assertThat(d[1].offset()).isNull();
    assertThat(d[1].data()).containsExactly(3);
    assertThat(d[2].mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(d[2].memoryIndex()).isEqualTo(1);
    assertThat(d[2].data()).isEmpty();
  }

  @Test
  void unknownFlagsAreMalformed() {
    assertMalformed(module(section(11, vec(cat(u32(3), OFFSET, vec())))), V2,
        "malformed data segment kind");
  }

  @Test
  void inV1TheFlagsAreAMemoryIndex() {
    WasmModule m = Decoder.decode(module(section(11, vec(cat(u32(1), OFFSET, vec(b(7)))))), V1);
    assertThat(m.data[0].mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(m.data[0].memoryIndex()).isEqualTo(1);
    assertThat(m.data[0].data()).containsExactly(7);
  }

  @Test
  void dataLongerThanTheSectionIsMalformed() {
    assertMalformed(module(section(11, vec(cat(u32(1), u32(0xFFFF_FFFFL))))), V2,
        "length out of bounds");
    assertMalformed(module(section(11, vec(cat(u32(1), u32(3), b(1, 2))))), V2,
        "length out of bounds");
  }

  @Test
  void dataCountMustMatchTheDataSection() {
    byte[] ok = module(section(12, u32(1)), section(11, vec(cat(u32(1), vec()))));
    assertThat(Decoder.decode(ok, V2).dataCount).isEqualTo(1);
    assertMalformed(module(section(12, u32(2)), section(11, vec(cat(u32(1), vec())))), V2,
        "data count and data section have inconsistent lengths");
    assertMalformed(module(section(12, u32(1))), V2,
        "data count and data section have inconsistent lengths");
  }

  @Test
  void memoryInitAndDataDropNeedADataCountSection() {
    byte[] dataDrop = b(0xFC, 0x09, 0x00, END);
    byte[] memoryInit = b(0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x08, 0x00, 0x00, END);
    byte[] passive = section(11, vec(cat(u32(1), vec())));
    for (byte[] code : List.of(dataDrop, memoryInit)) {
      assertMalformed(module(TYPE_VOID, ONE_FUNCTION, codeOf(code), passive), V2,
          "data count section required");
      WasmModule m = Decoder.decode(
          module(TYPE_VOID, ONE_FUNCTION, section(12, u32(1)), codeOf(code), passive), V2);
      assertThat(m.codes).hasSize(1);
    }
  }
}
