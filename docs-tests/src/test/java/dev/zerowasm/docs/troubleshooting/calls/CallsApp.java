package dev.zerowasm.docs.troubleshooting.calls;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application calling the starter's test guests in ways that fail: greeter.wat (traps, loops)
 * and wasi-guest.wat (exits).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CallsApp {
  /** Exports of greeter.wat. */
  @WasmModule("greeter")
  public interface Calculator {
    /** Integer division: traps on zero. */
    int divide(int a, int b);

    /** Loops n times. */
    long spin(long n);

    /** Says hello. */
    String greet(String name);
  }

  /** Exports of wasi-guest.wat. */
  @WasmModule("tool")
  public interface Tool {
    /** Calls WASI proc_exit(code). */
    void quit(int code);
  }
}
