package dev.zerowasm.spring.boot.autoconfigure.testguests;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/** A guest interface bound to a module nobody configured. */
@WasmModule("nowhere")
public interface UnknownModule {

  int add(int a, int b);
}
