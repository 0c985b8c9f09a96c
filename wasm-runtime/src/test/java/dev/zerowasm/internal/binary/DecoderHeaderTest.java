package dev.zerowasm.internal.binary;

import static dev.zerowasm.internal.binary.WasmBuilder.b;
import static dev.zerowasm.internal.binary.WasmBuilder.module;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.internal.wasm.NameSection;
import dev.zerowasm.internal.wasm.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decoder unit tests: header, over hand-built binaries. */
@Timeout(10)
class DecoderHeaderTest extends DecoderTestBase {
  @Test
  void emptyInputIsAnUnexpectedEnd() {
    assertMalformed(new byte[0], V2, "unexpected end");
  }

  @Test
  void truncatedMagicIsAnUnexpectedEnd() {
    assertMalformed(b(0x00, 0x61, 0x73), V2, "unexpected end");
  }

  @Test
  void wrongMagicIsReported() {
    CompileException e =
        assertMalformed(b(0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0), V2, "magic header not detected");
    assertThat(e.byteOffset()).isZero();
    assertMalformed(b(0x01), V2, "magic header not detected");
  }

  @Test
  void wrongVersionIsReported() {
    assertMalformed(b(0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0), V2, "unknown binary version");
    assertMalformed(b(0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 1), V2, "unknown binary version");
  }

  @Test
  void truncatedVersionIsAnUnexpectedEnd() {
    assertMalformed(b(0x00, 0x61, 0x73, 0x6D, 1, 0), V2, "unexpected end");
  }

  @Test
  void headerAloneIsAnEmptyModule() {
    WasmModule m = Decoder.decode(module(), V1);
    assertThat(m.types).isEmpty();
    assertThat(m.imports).isEmpty();
    assertThat(m.functionTypeIndices).isEmpty();
    assertThat(m.codes).isEmpty();
    assertThat(m.startFunction).isEqualTo(-1);
    assertThat(m.dataCount).isEqualTo(-1);
    assertThat(m.names).isSameAs(NameSection.EMPTY);
    assertThat(m.customSections).isEmpty();
  }

  @Test
  void inputArrayIsCopied() {
    byte[] bytes = oneFunction(b(END));
    WasmModule m = Decoder.decode(bytes, V1);
    bytes[bytes.length - 1] = 0;
    assertThat(m.bytes[m.codes[0].bodyEnd() - 1]).isEqualTo((byte) END);
  }
}
