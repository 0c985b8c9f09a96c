package dev.zerowasm.spring.boot.autoconfigure.testguests;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/** wasi-guest.wasm, a WASI reactor. */
@WasmModule("wasi-guest")
public interface WasiGuest {

  /** Writes "hello from wasi" to stdout; returns the errno (0). */
  int hello();

  int argc();

  int envc();
}
