package dev.zerowasm.docs.troubleshooting.missingexport;

import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application whose guest interface names an export module math (math.wat) does not have. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MissingExportApp {
  /** math.wat exports fib and div, no sqrt. */
  @WasmModule("math")
  public interface MoreMath {
    /** Not exported. */
    int sqrt(int n);
  }
}
