package dev.zerowasm.gojs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.FsConfig;
import dev.zerowasm.HostModuleBuilder;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/gojs.md. Every {@code java} block of that page is a copy of code here:
 * docs-tests' {@code DocSnippetsTest} checks every code block of the docs against the test sources.
 */
class GoJsDocTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static byte[] fixture(String name) throws IOException {
    String resource = "go/" + name + ".wasm";
    try (InputStream in = GoJsDocTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("test resource %s", resource).isNotNull();
      return in.readAllBytes();
    }
  }

  private String printed(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }

  @Test
  void hello() throws IOException {
    byte[] wasm = fixture("hello");
    try (Runtime runtime = Runtime.create()) {
      CompiledModule program = runtime.compile(wasm);
      GoJs.run(
          runtime,
          program,
          ModuleConfig.create()
              .withArgs("hello", "world")
              .withEnv("GREETING", "hi")
              .withStdout(out)
              .withStderr(err));
    }
    assertThat(printed(out))
        .isEqualTo("hello, world\narg[0]=hello\narg[1]=world\nGREETING=hi\nMISSING is unset\n");
    assertThat(printed(err)).isEqualTo("to stderr\n");
  }

  @Test
  void configuration(@TempDir Path dataDir, @TempDir Path assetsDir) throws IOException {
    byte[] wasm = fixture("fileio");
    ModuleConfig moduleConfig =
        ModuleConfig.create()
            .withArgs("fileio", "/data")
            .withFsConfig(
                FsConfig.create()
                    .withDirMount(dataDir, "/data")
                    .withReadOnlyDirMount(assetsDir, "/assets"))
            .withRandSource(new Random(42))
            .withStdout(out)
            .withStderr(err);
    GoJsConfig goConfig =
        GoJsConfig.create().withWorkingDirectory("/data").withTimeZone(ZoneId.of("Europe/Berlin"));
    try (Runtime runtime = Runtime.create()) {
      GoJs.run(runtime, runtime.compile(wasm), moduleConfig, goConfig);
    }
    assertThat(printed(out)).startsWith("cwd: /data\n").endsWith("escape blocked: true\ndone\n");
    assertThat(printed(err)).isEmpty();
  }

  @Test
  void exitCodes() throws IOException {
    byte[] wasm = fixture("panic");
    ModuleConfig config = ModuleConfig.create().withStderr(err);
    int exitCode = 0;
    try (Runtime runtime = Runtime.create()) {
      CompiledModule program = runtime.compile(wasm);
      try {
        GoJs.run(runtime, program, config);
      } catch (ExitException e) {
        exitCode = e.exitCode(); // os.Exit(n) gives n; a panic or a deadlock gives 2
      }
    }
    assertThat(exitCode).isEqualTo(2);
    assertThat(printed(err)).startsWith("panic: something bad happened\n");
  }

  @Test
  void lowLevel() throws IOException {
    byte[] wasm = fixture("hello");
    ModuleConfig config = ModuleConfig.create().withStdout(out);
    try (Runtime runtime = Runtime.create()) {
      CompiledModule compiled = runtime.compile(wasm);
      GoJs gojs = GoJs.create(config, GoJsConfig.create());
      HostModuleBuilder builder = runtime.newHostModuleBuilder(GoJs.MODULE_GO);
      for (String name : GoJs.importNames()) {
        builder
            .newFunctionBuilder()
            .withFunction(
                (caller, stack) -> gojs.call(GoJs.MODULE_GO, name, (int) stack[0]),
                List.of(ValueType.I32),
                List.of())
            .export(name);
      }
      builder.instantiate();
      Module program = runtime.instantiate(compiled, ModuleConfig.create().withStartFunctions());
      gojs.run(GoGuest.of(program));
    }
    assertThat(printed(out)).startsWith("hello, world\narg[0]=js\n");
  }
}
