package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.funcType;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.name;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.internal.wasm.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: sections, over hand-built binaries. */
@Timeout(10)
class DecoderSectionsTest extends DecoderTestBase {
  @Test
  void unknownSectionIdIsMalformed() {
    assertMalformed(module(section(13)), V2, "malformed section id");
    assertMalformed(module(b(0xFF, 0x00)), V2, "malformed section id");
  }

  @Test
  void dataCountSectionNeedsBulkMemory() {
    assertMalformed(module(section(12, u32(0))), V1, "malformed section id");
    assertThat(Decoder.decode(module(section(12, u32(0))), V2).dataCount).isZero();
  }

  @Test
  void duplicateSectionIsRejected() {
    assertMalformed(module(TYPE_VOID, TYPE_VOID), V2, "unexpected content after last section");
  }

  @Test
  void sectionsOutOfOrderAreRejected() {
    CompileException e = assertMalformed(
        module(ONE_FUNCTION, TYPE_VOID, codeOf(b(END))), V2,
        "unexpected content after last section");
    assertThat(e.byteOffset()).isEqualTo(8 + ONE_FUNCTION.length);
    // data count (12) must come before code (10)
    assertMalformed(module(TYPE_VOID, ONE_FUNCTION, codeOf(b(END)), section(12, u32(0))), V2,
        "unexpected content after last section");
  }

  @Test
  void dataCountBetweenElementAndCodeIsAccepted() {
    WasmModule m = Decoder.decode(module(TYPE_VOID, ONE_FUNCTION, section(9, vec()),
        section(12, u32(0)), codeOf(b(END)), section(11, vec())), V2);
    assertThat(m.dataCount).isZero();
    assertThat(m.codes).hasSize(1);
  }

  @Test
  void customSectionsMayAppearAnywhereAndAreKeptInOrder() {
    byte[] c1 = section(0, name("first"), b(1, 2, 3));
    byte[] c2 = section(0, name("second"));
    byte[] c3 = section(0, name("third"), b(9));
    WasmModule m = Decoder.decode(
        module(c1, TYPE_VOID, c2, ONE_FUNCTION, codeOf(b(END)), c3), V1);
    assertThat(m.customSections).extracting(c -> c.name())
        .containsExactly("first", "second", "third");
    assertThat(m.customSections.get(0).data()).containsExactly(1, 2, 3);
    assertThat(m.customSections.get(1).data()).isEmpty();
    assertThat(m.customSections.get(2).data()).containsExactly(9);
  }

  @Test
  void sectionLongerThanItsContentIsASizeMismatch() {
    // A type section declaring 5 bytes holding a 4-byte vector and one stray byte.
    byte[] typeSection = cat(b(1, 5), vec(funcType(b(), b())), b(0x60));
    assertMalformed(module(typeSection), V2, "section size mismatch");
  }

  @Test
  void sectionShorterThanItsContentEndsUnexpectedly() {
    byte[] typeSection = cat(b(1, 3), vec(funcType(b(), b())));
    CompileException e = error(module(typeSection), V2);
    assertThat(e.phase()).isEqualTo(Phase.DECODE);
  }

  @Test
  void sectionPastTheEndIsRejected() {
    assertMalformed(module(b(1, 10, 1, 0x60)), V2, "length out of bounds");
    assertMalformed(module(cat(b(1), u32(0xFFFF_FFFFL))), V2, "length out of bounds");
  }

  @Test
  void sectionSizeMustFitIn32Bits() {
    assertMalformed(module(cat(b(1), b(0x80, 0x80, 0x80, 0x80, 0x10))), V2,
        "integer too large");
    assertMalformed(module(cat(b(1), b(0x80, 0x80, 0x80, 0x80, 0x80, 0x00))), V2,
        "integer representation too long");
  }

  @Test
  void truncatedSectionHeaderIsAnUnexpectedEnd() {
    assertMalformed(module(b(1)), V2, "unexpected end");
  }
}
