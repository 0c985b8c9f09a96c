package dev.zerowasm.docs.gettingstarted;

import dev.zerowasm.Runtime;
import dev.zerowasm.api.Module;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compile, instantiate, call an export. */
public class Fib {
  public static void main(String[] args) throws Exception {
    byte[] wasm = Files.readAllBytes(Path.of("math.wasm"));
    try (Runtime runtime = Runtime.create()) {
      Module math = runtime.instantiate(wasm); // compile + instantiate
      long[] result = math.exportedFunction("fib").call(25);
      System.out.println("fib(25) = " + result[0]);
    }
  }
}
