package dev.zerowasm.spring.boot.autoconfigure.testguests;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmFunction;
import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;

/** The test guest greeter.wasm as a guest interface. */
@WasmModule("greeter")
public interface Greeter {

  int add(int a, int b);

  double multiply(double a, double b);

  @WasmFunction("is_even")
  boolean isEven(long value);

  int divide(int a, int b);

  void fail();

  long spin(long n);

  /** Packed i64 result. */
  String greet(String name);

  /** Multi-value (ptr, len) result. */
  @WasmFunction("greet_pair")
  String greetPair(String name);

  byte[] reverse(byte[] data);

  int sum(byte[] data);

  String concat(String a, String b);

  @WasmFunction("live_allocations")
  int liveAllocations();

  /** Default methods run in Java. */
  default String greetTwice(String name) {
    return greet(name) + " " + greetPair(name);
  }
}
