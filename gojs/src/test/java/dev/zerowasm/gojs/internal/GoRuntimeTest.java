package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.gojs.GoGuest;
import dev.zerowasm.gojs.GoJsConfig;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.HostModule;
import dev.zerowasm.internal.wasm.StoreOwner;
import dev.zerowasm.wasi.FsConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go programs through the real {@link Runtime}: compile, instantiate without a start function,
 * {@link GoGuest#of(Module)}, run. The host module is built with the runtime's internal {@link
 * HostModule} because the public host-module API does not exist yet; this is the thin layer {@code
 * GoJs.run(runtime, compiled, config)} will be.
 */
class GoRuntimeTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(byte[] wasm, String importModule, GoJsConfig config) {
    return run(RuntimeConfig.interpreter(), wasm, importModule, config);
  }

  private int run(RuntimeConfig rc, byte[] wasm, String importModule, GoJsConfig config) {
    try (Runtime runtime = Runtime.create(rc)) {
      GoJsHost host = new GoJsHost(config.withStdout(out).withStderr(err));
      FuncType type = new FuncType(new ValueType[] {ValueType.I32}, new ValueType[0]);
      HostModule builder = HostModule.builder(importModule);
      for (GoJsFunctions.Function f : GoJsFunctions.all()) {
        String name = f.name();
        builder.function(
            name,
            type,
            List.of(f.wasmParamName()),
            (t, owner, definition) ->
                new FunctionInstance(t, owner, definition) {
                  @Override
                  public void call(long[] stack) {
                    host.call(importModule, name, (int) stack[0]);
                  }
                });
      }
      builder.instantiate(((StoreOwner) runtime).store());
      CompiledModule compiled = runtime.compile(wasm);
      Module module = runtime.instantiate(compiled, ModuleConfig.create().withStartFunctions());
      return host.run(GoGuest.of(module));
    }
  }

  @Test
  void helloThroughTheRuntime() throws Exception {
    int code =
        run(
            GoJsFunctionsTest.fixture("hello"),
            "go",
            GoJsConfig.create().withArgs("hello", "x").withEnv("GREETING", "rt"));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("hello, world\narg[0]=hello\narg[1]=x\nGREETING=rt\nMISSING is unset\n");
  }

  @Test
  void fileIoAndPanicThroughTheRuntimeWithTheGojsModule(@TempDir Path tmp) throws Exception {
    byte[] fileio =
        MiniInstance.renameImportModule(GoJsFunctionsTest.fixture("fileio"), "go", "gojs");
    int code =
        run(
            fileio,
            "gojs",
            GoJsConfig.create()
                .withArgs("fileio", "/data")
                .withFsConfig(FsConfig.create().withDirMount(tmp, "/data"))
                .withWorkingDirectory("/data"));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("escape blocked: true\ndone\n");
    out.reset();
    assertThat(run(GoJsFunctionsTest.fixture("panic"), "go", GoJsConfig.create())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("panic: something bad happened");
  }

  @Test
  void goroutinesAndTimersOnTheCompilerEngine() throws Exception {
    int code =
        run(
            RuntimeConfig.compiler(),
            GoJsFunctionsTest.fixture("goroutines"),
            "go",
            GoJsConfig.create());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("sum of squares: 385\ntimeout selected\ncounter: 100\n");
  }
}
