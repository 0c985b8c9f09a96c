package dev.zerowasm.docs.troubleshooting.signature;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application whose guest interface does not match module math (math.wat). */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SignatureApp {
  /** fib is (i32) -> (i32) in math.wat, not (i64) -> (i64). */
  @WasmModule("math")
  public interface WrongMath {
    /** The wrong type. */
    long fib(long n);
  }
}
