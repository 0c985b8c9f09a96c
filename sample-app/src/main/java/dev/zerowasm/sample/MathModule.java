package dev.zerowasm.sample;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/**
 * The exports of {@code wasm/math.wasm} (source {@code src/main/wasm/math.wat}), configured under
 * {@code wasm.modules.math}. The starter turns this interface into a bean whose calls run in a
 * pooled instance of the module.
 */
@WasmModule("math")
public interface MathModule {
  /** Export {@code fib (i32) -> i32}: the n-th Fibonacci number, computed recursively. */
  int fib(int n);

  /** Export {@code gcd (i64, i64) -> i64}: the greatest common divisor of two unsigned numbers. */
  long gcd(long a, long b);
}
