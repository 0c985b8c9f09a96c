package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.WasmModule;

/** Checks on the imports of a binary. */
final class WasmModuleImports {
  private WasmModuleImports() {}

  static void assertAllFrom(byte[] wasm, String module) {
    WasmModule m = Decoder.decode(wasm, CoreFeatures.V2);
    assertThat(m.imports).isNotEmpty();
    for (Import i : m.imports) {
      assertThat(i.module()).isEqualTo(module);
    }
  }
}
