package dev.zerowasm.sample;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/**
 * The exports of {@code wasm/text.wasm} (source {@code src/main/wasm/text.wat}), configured under
 * {@code wasm.modules.text}. Strings travel through the guest's {@code allocate}/{@code
 * deallocate} exports; the guest logs each input through the {@link TextEvents} host module.
 */
@WasmModule("text")
public interface TextModule {
  /** Export {@code upper (i32, i32) -> i64}: the text with ASCII letters in upper case. */
  String upper(String text);
}
