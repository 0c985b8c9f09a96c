package dev.zerowasm.spring.boot.autoconfigure.testguests;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/** host-user.wasm, which imports env.log and env.add. */
@WasmModule("host-user")
public interface HostUser {

  void shout();

  int sum(int a, int b);
}
