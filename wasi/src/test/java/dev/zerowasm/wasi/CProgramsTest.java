package dev.zerowasm.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the project's own C/wasi-libc program ({@code src/test/c/wasi_demo.c}, built by {@code
 * build.sh}) through {@link WasiHost#run} on both engines: files, directories, rename/unlink, seek,
 * readdir, clocks, random, args/env, stdin and exit codes, and the sandbox seen by a real guest.
 */
class CProgramsTest {
  @TempDir Path tmp;

  static byte[] demo() throws IOException {
    try (InputStream in = CProgramsTest.class.getResourceAsStream("/c/wasi_demo.wasm")) {
      return in.readAllBytes();
    }
  }

  /** What one run printed and how it ended. */
  record Run(int exitCode, String stdout, String stderr, WasiHost.Result result) {}

  static Run run(
      RuntimeConfig.EngineKind engine, ModuleConfig base, InputStream stdin, String... args)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = Stream.concat(Stream.of("wasi_demo"), Stream.of(args)).toArray(String[]::new);
    ModuleConfig config = base.withArgs(argv).withStdin(stdin).withStdout(out).withStderr(err);
    try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine));
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      CompiledModule compiled = runtime.compile(demo());
      WasiHost.Result r = wasi.run(compiled, config);
      return new Run(
          r.exitCode(),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8),
          r);
    }
  }

  private ModuleConfig rootMount() {
    return ModuleConfig.create().withFsConfig(FsConfig.create().withDirMount(tmp, "/"));
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void filesSeekRenameUnlink(RuntimeConfig.EngineKind engine) throws IOException {
    Run r = run(engine, rootMount(), InputStream.nullInputStream(), "files");
    assertThat(r.stdout()).isEqualTo("files ok: hello+tail\n");
    assertThat(r.exitCode()).isZero();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).as("everything the guest created is gone").isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void directoriesAndReaddir(RuntimeConfig.EngineKind engine) throws IOException {
    Run r = run(engine, rootMount(), InputStream.nullInputStream(), "dirs");
    assertThat(r.stdout()).isEqualTo("readdir d: . .. one sub two\ndirs ok\n");
    assertThat(r.exitCode()).isZero();
    assertThat(tmp.resolve("d")).doesNotExist();
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void clocksAndRandom(RuntimeConfig.EngineKind engine) throws IOException {
    assertThat(run(engine, ModuleConfig.create(), InputStream.nullInputStream(), "clocks").stdout())
        .isEqualTo("clocks ok\n");
    assertThat(run(engine, ModuleConfig.create(), InputStream.nullInputStream(), "random").stdout())
        .isEqualTo("random ok\n");
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void argsAndEnvironment(RuntimeConfig.EngineKind engine) throws IOException {
    Run args =
        run(engine, ModuleConfig.create(), InputStream.nullInputStream(), "args", "a b", "ünï", "");
    assertThat(args.stdout())
        .isEqualTo("argc=5\nargv[1]=args\nargv[2]=a b\nargv[3]=ünï\nargv[4]=\n");
    Run env =
        run(
            engine,
            ModuleConfig.create().withEnv("A", "1").withEnv("B", "x=y"),
            InputStream.nullInputStream(),
            "env");
    assertThat(env.stdout()).isEqualTo("env A=1\nenv B=x=y\nenvc=2\n");
    Run none = run(engine, ModuleConfig.create(), InputStream.nullInputStream(), "env");
    assertThat(none.stdout()).as("nothing inherited from the JVM").isEqualTo("envc=0\n");
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void stdinToStdout(RuntimeConfig.EngineKind engine) throws IOException {
    byte[] input = "line 1\nline 2\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    Run r = run(engine, ModuleConfig.create(), new ByteArrayInputStream(input), "stdin");
    assertThat(r.stdout().getBytes(StandardCharsets.UTF_8)).isEqualTo(input);
    assertThat(r.stderr()).isEqualTo("read 14000 bytes\n");
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void exitCodesAndTraps(RuntimeConfig.EngineKind engine) throws IOException {
    InputStream none = InputStream.nullInputStream();
    assertThat(run(engine, ModuleConfig.create(), none, "exit", "0").exitCode()).isZero();
    assertThat(run(engine, ModuleConfig.create(), none, "exit", "7").exitCode()).isEqualTo(7);
    assertThat(run(engine, ModuleConfig.create(), none, "exit", "255").exitCode()).isEqualTo(255);
    assertThat(run(engine, ModuleConfig.create(), none, "args").exitCode()).isZero();
    Run usage = run(engine, ModuleConfig.create(), none);
    assertThat(usage.exitCode()).as("main returning 2").isEqualTo(2);
    assertThat(usage.stderr()).startsWith("usage: wasi_demo");
    Run trap = run(engine, ModuleConfig.create(), none, "trap");
    assertThat(trap.result().trapped()).isTrue();
    assertThat(trap.exitCode()).isEqualTo(WasiHost.TRAP_EXIT_CODE);
    assertThat(trap.result().trap().getMessage()).startsWith("unreachable");
  }
}
