package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.experimental.LoggingListenerFactory;
import dev.zerowasm.experimental.LoggingScopes;
import dev.zerowasm.wasi.WasiHost;
import dev.zerowasm.wasi.WasiLogging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/wasi.md, run with the C test program {@code wasi/src/test/c/wasi_demo.c}
 * (as {@code app.wasm}) in this module's test working directory.
 */
class WasiExamplesDocTest {

  /** The first example of docs/wasi.md, as a method a reader's main would call. */
  static int runApp() throws IOException {
    try (Runtime runtime = Runtime.create();
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      CompiledModule app = runtime.compile(Files.readAllBytes(Path.of("app.wasm")));
      ModuleConfig config =
          ModuleConfig.create()
              .withArgs("app.wasm", "files")              // argv[0] first, as in a process
              .withEnv("HOME", "/")
              .withStdin(System.in)
              .withStdout(System.out)
              .withStderr(System.err)
              .withFsConfig(FsConfig.create()
                  .withDirMount(Path.of("work"), "/")
                  .withReadOnlyDirMount(Path.of("assets"), "/assets"));
      WasiHost.Result result = wasi.run(app, config);
      return result.exitCode();
    }
  }

  @Test
  void runningAWasiCommand() throws IOException {
    Files.copy(Path.of("wasi_demo.wasm"), Path.of("app.wasm"), StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(Path.of("work"));
    Files.createDirectories(Path.of("assets"));
    int[] exitCode = new int[1];
    String printed = StdOut.capture(() -> exitCode[0] = runApp());
    assertThat(printed).isEqualTo("files ok: hello+tail\n");
    assertThat(exitCode[0]).isZero();
    // "files" worked in the mounted directory and cleaned up after itself.
    try (var left = Files.list(Path.of("work"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void loggingWasiCalls() throws IOException {
    byte[] wasm = Files.readAllBytes(Path.of("wasi_demo.wasm"));
    ModuleConfig config = ModuleConfig.create().withArgs("wasi_demo", "args", "x");
    String logged =
        StdOut.captureErr(
            () -> {
              LoggingListenerFactory log =
                  WasiLogging.configure(LoggingListenerFactory.create(System.err))
                      .withFilter(FunctionDefinition::isHostFunction) // host calls only, as wazero's --hostlogging
                      .withScopes(LoggingScopes.of(WasiLogging.FILESYSTEM, WasiLogging.CLOCK));
              try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withFunctionListenerFactory(log));
                  WasiHost wasi = WasiHost.instantiate(runtime)) {
                wasi.run(runtime.compile(wasm), config);
              }
            });
    assertThat(logged)
        .contains(
            "==> wasi_snapshot_preview1.fd_prestat_get(fd=3,result.prestat=74104)\n"
                + "<== errno=EBADF\n",
            "==> wasi_snapshot_preview1.fd_write(fd=1,iovs=67840,iovs_len=2,result.nwritten=67836)\n"
                + "<== errno=ESUCCESS\n")
        .doesNotContain("args_get"); // not in the selected scopes
  }
}
