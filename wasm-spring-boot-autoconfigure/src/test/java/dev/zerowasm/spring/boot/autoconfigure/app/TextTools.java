package dev.zerowasm.spring.boot.autoconfigure.app;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmFunction;
import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/** greeter.wasm seen by the application; found by scanning, no @ImportWasmModules. */
@WasmModule("greeter")
public interface TextTools {

  int add(int a, int b);

  String greet(String name);

  @WasmFunction("greet_pair")
  String greetPair(String name);

  byte[] reverse(byte[] data);

  String concat(String a, String b);

  @WasmFunction("live_allocations")
  int liveAllocations();
}
