package dev.zerowasm.docs.gettingstarted;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/** The exports of math.wasm as a Java interface; the starter makes it a bean. */
@WasmModule("math")
public interface MathModule {
  int fib(int n); // export "fib" (i32) -> (i32)

  int div(int a, int b); // export "div" (i32, i32) -> (i32)
}
