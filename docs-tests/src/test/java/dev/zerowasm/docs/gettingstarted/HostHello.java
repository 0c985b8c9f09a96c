package dev.zerowasm.docs.gettingstarted;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.zerowasm.Runtime;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A host function in Java that the guest imports as env.log(offset, length). */
public class HostHello {
  public static void main(String[] args) throws Exception {
    try (Runtime runtime = Runtime.create()) {
      runtime
          .newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                long offset = stack[0];
                int length = (int) stack[1];
                System.out.println(new String(caller.memory().read(offset, length), UTF_8));
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of())
          .export("log")
          .instantiate();
      Module guest = runtime.instantiate(Files.readAllBytes(Path.of("hello-host.wasm")));
      guest.exportedFunction("run").call();
    }
  }
}
