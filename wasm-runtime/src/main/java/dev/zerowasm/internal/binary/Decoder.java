package dev.zerowasm.internal.binary;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.WasmModule;

/** Decodes the WebAssembly binary format into a {@link WasmModule}. (Being built.) */
public final class Decoder {
  private Decoder() {}

  /**
   * Decodes {@code bytes}, accepting the constructs of {@code features}.
   *
   * @throws CompileException of phase DECODE if the bytes are malformed
   */
  public static WasmModule decode(byte[] bytes, CoreFeatures features) {
    throw new UnsupportedOperationException("decoder not built yet");
  }
}
