package dev.zerowasm.spring.boot.autoconfigure.testguests;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/** A guest interface calling an export the module does not have. */
@WasmModule("greeter")
public interface MissingExport {

  int subtract(int a, int b);
}
