package dev.zerowasm.docs.gettingstarted;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.wasi.WasiHost;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a C program built for WASI. */
public class WasiHello {
  public static void main(String[] args) throws Exception {
    try (Runtime runtime = Runtime.create();
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      CompiledModule hello = runtime.compile(Files.readAllBytes(Path.of("wasi-hello.wasm")));
      WasiHost.Result result = wasi.run(hello, ModuleConfig.create().withStdout(System.out));
      System.out.println("exit code " + result.exitCode());
    }
  }
}
