package dev.zerowasm.spring.boot.autoconfigure.testguests;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/** A guest interface whose method does not match its export's type. */
@WasmModule("greeter")
public interface WrongSignature {

  long add(int a, int b);
}
