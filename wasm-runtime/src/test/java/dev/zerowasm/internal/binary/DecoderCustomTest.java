package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.cat;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static dev.zerowasm.internal.binary.WasmBuilder.name;
import static dev.zerowasm.internal.binary.WasmBuilder.section;
import static dev.zerowasm.internal.binary.WasmBuilder.u32;
import static dev.zerowasm.internal.binary.WasmBuilder.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.internal.wasm.NameSection;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: custom, over hand-built binaries. */
@Timeout(10)
class DecoderCustomTest extends DecoderTestBase {
  static byte[] nameSection(byte[]... subsections) {
    return section(0, name("name"), cat(subsections));
  }

  static byte[] subsection(int id, byte[]... content) {
    byte[] c = cat(content);
    return cat(b(id), u32(c.length), c);
  }

  @Test
  void customSectionNameMustBeUtf8() {
    assertMalformed(module(section(0, u32(1), b(0xFF))), V2, "malformed UTF-8 encoding");
  }

  @Test
  void customSectionNameMustFitInTheSection() {
    assertMalformed(module(section(0, u32(5), b(0x61))), V2, "unexpected end");
    assertMalformed(module(section(0)), V2, "unexpected end");
  }

  @Test
  void nameSectionIsDecoded() {
    byte[] names = nameSection(
        subsection(0, name("mod")),
        subsection(1, vec(cat(u32(0), name("main")), cat(u32(3), name("helper")))),
        subsection(2, vec(cat(u32(0), vec(cat(u32(0), name("x")), cat(u32(1), name("y")))))),
        subsection(7, b(1, 2, 3)));
    WasmModule m = Decoder.decode(module(TYPE_VOID, ONE_FUNCTION, codeOf(b(END)), names), V2);
    assertThat(m.names.moduleName()).isEqualTo("mod");
    assertThat(m.names.functionNames()).isEqualTo(Map.of(0, "main", 3, "helper"));
    assertThat(m.names.localNames()).isEqualTo(Map.of(0, Map.of(0, "x", 1, "y")));
    assertThat(m.customSections).hasSize(1);
    assertThat(m.customSections.get(0).name()).isEqualTo("name");
  }

  @Test
  void malformedNameSectionIsIgnored() {
    List<byte[]> broken = List.of(
        nameSection(b(0x00)),
        nameSection(subsection(0, u32(10), b(0x61))),
        nameSection(subsection(1, u32(0xFFFF_FFFFL))),
        nameSection(subsection(1, vec(cat(u32(0), u32(1), b(0xFF))))),
        nameSection(b(0x01, 0x7F, 0x00)),
        nameSection(subsection(0, name("m"), b(0x00))));
    for (byte[] section : broken) {
      WasmModule m = Decoder.decode(module(section), V2);
      assertThat(m.names).isSameAs(NameSection.EMPTY);
      assertThat(m.customSections).hasSize(1);
    }
  }
}
