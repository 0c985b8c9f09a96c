package dev.zerowasm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls {@link Main#run} in-process with captured streams, running the C test program of the wasi
 * module ({@code wasi/src/test/c/wasi_demo.c}).
 */
class MainTest {
  /** The committed build of wasi_demo.c (the test runs with the cli module as working dir). */
  static final Path DEMO = Path.of("../wasi/src/test/resources/c/wasi_demo.wasm");

  @TempDir Path tmp;

  record Result(int exitCode, String out, String err) {}

  static Result main(InputStream in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            in,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result main(String... args) {
    return main(InputStream.nullInputStream(), args);
  }

  static String[] runArgs(String engine, String... rest) {
    List<String> a = new ArrayList<>(List.of("run", "--engine", engine));
    a.addAll(List.of(rest));
    return a.toArray(new String[0]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"compiler", "interpreter"})
  void runPassesArgsAndExitsWithTheGuestsCode(String engine) {
    Result r = main(runArgs(engine, DEMO.toString(), "args", "x", "y z"));
    assertThat(r.out()).isEqualTo("argc=4\nargv[1]=args\nargv[2]=x\nargv[3]=y z\n");
    assertThat(r.exitCode()).isZero();
    assertThat(main(runArgs(engine, DEMO.toString(), "exit", "42")).exitCode()).isEqualTo(42);
  }

  @ParameterizedTest
  @ValueSource(strings = {"compiler", "interpreter"})
  void runMountsAndEnv(String engine) throws IOException {
    Result r = main(runArgs(engine, "--mount", tmp + ":/", DEMO.toString(), "files"));
    assertThat(r.out()).isEqualTo("files ok: hello+tail\n");
    assertThat(r.exitCode()).isZero();
    Result env = main(runArgs(engine, "--env", "K=V", "--env=X=a=b", DEMO.toString(), "env"));
    assertThat(env.out()).isEqualTo("env K=V\nenv X=a=b\nenvc=2\n");
  }

  @Test
  void readOnlyMount() throws IOException {
    Files.writeString(tmp.resolve("keep.txt"), "unchanged");
    Result r =
        main("run", "--mount", tmp + ":/data:ro", DEMO.toString(), "modify", "/data/keep.txt");
    assertThat(r.out()).contains("write /data/keep.txt: Read-only file system");
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readString(tmp.resolve("keep.txt"))).isEqualTo("unchanged");
  }

  @Test
  void stdinIsTheGuestsStdin() {
    Result r =
        main(
            new ByteArrayInputStream("abc\n".getBytes(StandardCharsets.UTF_8)),
            "run",
            DEMO.toString(),
            "stdin");
    assertThat(r.out()).isEqualTo("abc\n");
    assertThat(r.err()).isEqualTo("read 4 bytes\n");
  }

  @Test
  void trapIsReportedWith134() {
    Result r = main("run", DEMO.toString(), "trap");
    assertThat(r.exitCode()).isEqualTo(134);
    assertThat(r.err()).startsWith("zerowasm: " + DEMO + ": wasm trap: unreachable");
  }

  @Test
  void errorsAreOneLineAndExitWith1() throws IOException {
    Result missing = main("run", tmp.resolve("nope.wasm").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo("zerowasm: " + tmp.resolve("nope.wasm") + ": no such file\n");

    Path bad = Files.write(tmp.resolve("bad.wasm"), new byte[] {0, 'a', 's', 'm', 9, 9});
    Result malformed = main("run", bad.toString());
    assertThat(malformed.exitCode()).isEqualTo(1);
    assertThat(malformed.err()).startsWith("zerowasm: " + bad + ": invalid module: ");
    assertThat(malformed.err().lines()).hasSize(1);

    // (module (import "env" "f" (func)))
    Path imports =
        Files.write(
            tmp.resolve("imports.wasm"),
            new byte[] {
              0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, 9, 1, 3, 'e', 'n', 'v', 1, 'f',
              0, 0
            });
    Result link = main("run", imports.toString());
    assertThat(link.exitCode()).isEqualTo(1);
    assertThat(link.err()).startsWith("zerowasm: " + imports + ": ").contains("env");
    assertThat(link.err().lines()).hasSize(1);

    Result mount = main("run", "--mount", tmp.resolve("nodir") + ":/", DEMO.toString());
    assertThat(mount.exitCode()).isEqualTo(1);
    assertThat(mount.err()).contains("is not a directory");
  }

  @Test
  void usageErrorsExitWith2() {
    assertThat(main().exitCode()).isEqualTo(2);
    assertThat(main("frobnicate").err()).startsWith("zerowasm: unknown command 'frobnicate'");
    assertThat(main("run").err()).startsWith("zerowasm: missing the .wasm file");
    assertThat(main("run", "--engine", "jit", "x.wasm").exitCode()).isEqualTo(2);
    assertThat(main("run", "--bogus", "x.wasm").err())
        .startsWith("zerowasm: unknown option '--bogus'");
    assertThat(main("run", "--env", "NOEQUALS", "x.wasm").exitCode()).isEqualTo(2);
    assertThat(main("compile", "--mount", "a:b", "x.wasm").exitCode()).isEqualTo(2);
  }

  @Test
  void compileValidates() throws IOException {
    Result ok = main("compile", DEMO.toString());
    assertThat(ok.out()).isEqualTo(DEMO + ": ok\n");
    assertThat(ok.exitCode()).isZero();
    Path bad = Files.write(tmp.resolve("bad.wasm"), new byte[] {1, 2, 3});
    Result r = main("compile", "--engine", "interpreter", bad.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("zerowasm: " + bad + ": invalid module: ");
  }

  @Test
  void version() {
    Result r = main("version");
    assertThat(r.out()).matches("zerowasm \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    assertThat(r.exitCode()).isZero();
  }
}
