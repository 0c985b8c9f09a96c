package dev.zerowasm.docs.springboot;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmFunction;
import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;
import org.springframework.stereotype.Service;

// The guest interface example of docs/spring-boot.md (module: the starter's test guest greeter.wat).

@WasmModule("greeter")
public interface Greeter {
  int add(int a, int b);                 // export "add" (i32, i32) -> (i32)
  String greet(String name);             // export "greet" (i32, i32) -> (i64)
  @WasmFunction("greet_pair")
  String greetPair(String name);         // export "greet_pair" (i32, i32) -> (i32, i32)
  byte[] reverse(byte[] data);
  default String twice(String n) {       // default methods run in Java
    return greet(n) + greet(n);
  }
}

@Service
class Hello {
  Hello(Greeter greeter) { System.out.println(greeter.greet("Spring")); }
}
