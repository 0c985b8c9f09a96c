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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls {@link Main#run} in-process with captured streams, running the C test program of the wasi
 * module ({@code wasi/src/test/c/wasi_demo.c}) and Go {@code GOOS=js} fixtures of the gojs module.
 */
class MainTest {
  /** The committed build of wasi_demo.c (the test runs with the cli module as working dir). */
  static final Path DEMO = Path.of("../wasi/src/test/resources/c/wasi_demo.wasm");

  /** Go GOOS=js test programs of the gojs module (sources in gojs/src/test/go/). */
  static final Path GO = Path.of("../gojs/src/test/resources/go");

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
  void featuresBeyondV2AreOptIn() {
    // A module with tail calls (CoreFeature.TAIL_CALL), which 2.0 does not have.
    String tailCalls = "../wasm-runtime/src/test/resources/tailcall/tailcall.wasm";
    Result without = main("compile", tailCalls);
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.err()).contains("illegal opcode: needs TAIL_CALL");
    for (String engine : new String[] {"compiler", "interpreter"}) {
      Result with = main("compile", "--engine", engine, "--features=v2,tail-call", tailCalls);
      assertThat(with.out()).isEqualTo(tailCalls + ": ok\n");
      assertThat(with.exitCode()).isZero();
    }
    Result unknown = main("compile", "--features", "v2,threads", tailCalls);
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith("zerowasm: --features: unknown core feature \"threads\" (expected one of v1, v2,");
  }

  /** The files of a cache directory with their contents. */
  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> m = new HashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        m.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  @Test
  void compileFillsTheCacheDirAndRunReusesIt() throws IOException {
    Path cache = tmp.resolve("cache");
    Result c = main("compile", "--cache-dir", cache.toString(), DEMO.toString());
    assertThat(c.exitCode()).isZero();
    Map<String, byte[]> filled = files(cache);
    // The compiler engine stores the validity marker and the generated classes.
    assertThat(filled.keySet())
        .hasSize(2)
        .anyMatch(n -> n.endsWith(".valid"))
        .anyMatch(n -> n.endsWith(".code"));
    Path code =
        filled.keySet().stream().filter(n -> n.endsWith(".code")).map(cache::resolve).findFirst()
            .orElseThrow();
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(code, old);

    // A run with the same directory finds the entry under the same key: nothing is rewritten.
    Result r = main("run", "--cache-dir", cache.toString(), DEMO.toString(), "args", "a");
    assertThat(r.out()).isEqualTo("argc=3\nargv[1]=args\nargv[2]=a\n");
    assertThat(r.exitCode()).isZero();
    assertThat(files(cache).keySet()).isEqualTo(filled.keySet());
    assertThat(Files.getLastModifiedTime(code)).isEqualTo(old);

    // It really reads the entry: a corrupt one is noticed, compiled afresh and overwritten.
    Files.write(code, new byte[] {1, 2, 3});
    Result again = main("run", "--cache-dir=" + cache, DEMO.toString(), "args", "a");
    assertThat(again.out()).isEqualTo(r.out());
    assertThat(Files.readAllBytes(code)).isEqualTo(filled.get(code.getFileName().toString()));
  }

  @Test
  void runFillsAnEmptyCacheDir() throws IOException {
    Path cache = tmp.resolve("a/b");
    Result r =
        main("run", "--engine", "interpreter", "--cache-dir", cache.toString(), DEMO.toString(), "args");
    assertThat(r.exitCode()).isZero();
    // The interpreter stores only the validity marker.
    assertThat(files(cache).keySet()).singleElement().asString().endsWith(".valid");

    Path file = Files.writeString(tmp.resolve("file"), "x");
    Result bad = main("run", "--cache-dir", file.resolve("sub").toString(), DEMO.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("zerowasm: --cache-dir " + file.resolve("sub") + ": cannot create the directory\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"compiler", "interpreter"})
  void logScopesLogWasiCallsToStderr(String engine) {
    Result r = main(runArgs(engine, "--log-scopes", "filesystem", DEMO.toString(), "args", "x"));
    assertThat(r.out()).isEqualTo("argc=3\nargv[1]=args\nargv[2]=x\n");
    assertThat(r.exitCode()).isZero();
    List<String> lines = r.err().lines().toList();
    String write =
        "==> wasi_snapshot_preview1\\.fd_write\\(fd=1,iovs=\\d+,iovs_len=\\d+,result\\.nwritten=\\d+\\)";
    int i = 0;
    while (i < lines.size() && !lines.get(i).matches(write)) {
      i++;
    }
    assertThat(i).as(r.err()).isLessThan(lines.size() - 1);
    assertThat(lines.get(i + 1)).isEqualTo("<== errno=ESUCCESS");
    // Only host functions, only the filesystem scope.
    assertThat(lines)
        .allMatch(l -> l.startsWith("==> wasi_snapshot_preview1.fd_") || l.startsWith("<== "));

    Result all = main("run", "--log-scopes", "args,env", DEMO.toString(), "args");
    assertThat(all.err())
        .contains("==> wasi_snapshot_preview1.args_sizes_get(result.argc=")
        .contains("==> wasi_snapshot_preview1.environ_sizes_get(")
        .doesNotContain("fd_write");
    Result every = main("run", "--log-scopes", "all", DEMO.toString(), "exit", "5");
    assertThat(every.exitCode()).isEqualTo(5);
    assertThat(every.err())
        .contains("args_sizes_get")
        .contains("fd_prestat_get")
        .endsWith(
            "==> wasi_snapshot_preview1.proc_exit(rval=5)\n<== error: module exited with code 5\n");
  }

  @Test
  void runsGoProgramsThroughGojs() {
    Result r = main("run", "--env", "GREETING=hi", GO.resolve("hello.wasm").toString(), "world");
    assertThat(r.out())
        .isEqualTo(
            "hello, world\narg[0]="
                + GO.resolve("hello.wasm")
                + "\narg[1]=world\nGREETING=hi\nMISSING is unset\n");
    assertThat(r.err()).isEqualTo("to stderr\n");
    assertThat(r.exitCode()).isZero();

    Result exit = main("run", "--engine", "interpreter", GO.resolve("exit.wasm").toString());
    assertThat(exit.out()).isEqualTo("exiting with 3\n");
    assertThat(exit.exitCode()).isEqualTo(3);

    Result logged = main("run", "--log-scopes", "proc", GO.resolve("exit.wasm").toString());
    assertThat(logged.exitCode()).isEqualTo(3);
    assertThat(logged.err()).containsPattern("==> gos?\\.runtime\\.wasmExit\\(sp=\\d+\\)");
    assertThat(logged.err()).doesNotContain("nanotime1").doesNotContain("syscall/js");
  }

  @Test
  void anIncompleteGoProgramIsAnErrorLine() throws IOException {
    // (module (import "go" "nope" (func (param i32)))): a go import wasm_exec.js does not have.
    Path bad =
        Files.write(
            tmp.resolve("go.wasm"),
            new byte[] {
              0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60, 1, 0x7f, 0, 2, 11, 1, 2, 'g', 'o', 4,
              'n', 'o', 'p', 'e', 0, 0
            });
    Result r = main("run", bad.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("zerowasm: " + bad + ": ").contains("go.nope");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void goProgramsSeeTheMounts() throws IOException {
    Path fileio = GO.resolve("fileio.wasm");
    Result r = main("run", "--mount", tmp + ":/data", fileio.toString(), "/data");
    assertThat(r.out()).contains("content: \"hello FILE\\n\"\n").endsWith("done\n");
    assertThat(r.exitCode()).isZero();

    Result ro = main("run", "--mount", tmp + ":/data:ro", fileio.toString(), "/data");
    assertThat(ro.err()).startsWith("error: ");
    assertThat(ro.exitCode()).isEqualTo(1);
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void newUsageErrors() {
    Result scope = main("run", "--log-scopes", "filesystem,fs", "x.wasm");
    assertThat(scope.exitCode()).isEqualTo(2);
    assertThat(scope.err()).startsWith("zerowasm: unknown log scope 'fs'");
    assertThat(main("compile", "--log-scopes", "all", "x.wasm").exitCode()).isEqualTo(2);
    assertThat(main("run", "--cache-dir").exitCode()).isEqualTo(2);
  }

  @Test
  void version() {
    Result r = main("version");
    assertThat(r.out()).matches("zerowasm \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    assertThat(r.exitCode()).isZero();
  }
}
