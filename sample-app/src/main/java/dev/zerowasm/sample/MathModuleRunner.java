package dev.zerowasm.sample;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.Module;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads {@code wasm/math.wasm} (built from {@code src/main/wasm/math.wat}), calls its exports and
 * prints the results.
 */
@Component
class MathModuleRunner implements ApplicationRunner {
  @Override
  public void run(ApplicationArguments args) {
    try (Runtime runtime = Runtime.create()) {
      CompiledModule compiled = runtime.compile(read("wasm/math.wasm"));
      Module math = runtime.instantiate(compiled);
      Function fib = math.exportedFunction("fib");
      Function gcd = math.exportedFunction("gcd");
      System.out.println("fib(25) = " + fib.call(25)[0]);
      System.out.println("gcd(1071, 462) = " + gcd.call(1071, 462)[0]);
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = MathModuleRunner.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
