package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.gojs.GoJsConfig;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real Go 1.19 fixtures end to end through {@code Runtime}, on both engines, with their
 * imports going to the gojs host.
 */
abstract class GoFixtures {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String name, ModuleConfig sys, GoJsConfig config) throws Exception {
    return run(GoJsFunctionsTest.fixture(name), sys, config);
  }

  private int run(byte[] wasm, ModuleConfig sys, GoJsConfig config) {
    return GoRunner.run(runtimeConfig(), wasm, sys.withStdout(out).withStderr(err), config);
  }

  /** The runtime (engine) the fixtures run on. */
  abstract RuntimeConfig runtimeConfig();

  @Test
  void theGo121ImportModuleGojsWorksTheSame() throws Exception {
    byte[] wasm = WasmRewrite.renameImportModule(GoJsFunctionsTest.fixture("timer"), "go", "gojs");
    WasmModuleImports.assertAllFrom(wasm, "gojs");
    assertThat(run(wasm, ModuleConfig.create(), GoJsConfig.create())).as(stderr()).isZero();
    assertThat(stdout()).startsWith("slept at least 50ms: true\ntimer fired\n");
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void hello() throws Exception {
    int code =
        run("hello", ModuleConfig.create().withArgs("hello", "a", "b c").withEnv("GREETING", "hi"), GoJsConfig.create());
    assertThat(code).as(stderr()).isZero();
    assertThat(stdout())
        .isEqualTo(
            "hello, world\narg[0]=hello\narg[1]=a\narg[2]=b c\nGREETING=hi\nMISSING is unset\n");
    assertThat(stderr()).isEqualTo("to stderr\n");
  }

  @Test
  void fileIoUnderAMount(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("keep.txt"), "kept");
    int code =
        run(
            "fileio",
            ModuleConfig.create().withArgs("fileio", "/data").withFsConfig(FsConfig.create().withDirMount(tmp, "/data")), GoJsConfig.create().withWorkingDirectory("/data"));
    assertThat(code).as(stderr()).isZero();
    assertThat(stdout())
        .isEqualTo(
            "cwd: /data\n"
                + "read: \"hello\"\n"
                + "content: \"hello FILE\\n\"\n"
                + "size: 11 dir: false mode: -rw-------\n"
                + "entries: [a.txt b.txt]\n"
                + "old name gone\n"
                + "sub removed\n"
                + "missing: true\n"
                + "escape blocked: true\n"
                + "done\n");
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
    }
  }

  @Test
  void timeSleepTimersTickersAndZone() throws Exception {
    int code = run("timer", ModuleConfig.create(), GoJsConfig.create().withTimeZone(ZoneOffset.ofHoursMinutes(5, 30)));
    assertThat(code).as(stderr()).isZero();
    assertThat(stdout())
        .isEqualTo(
            "slept at least 50ms: true\n"
                + "timer fired\n"
                + "stopped: true\n"
                + "ticks: 3\n"
                + "year after 2020: true\n"
                + "zone: UTC+5:30 19800\n");
  }

  @Test
  void goroutinesAndChannels() throws Exception {
    assertThat(run("goroutines", ModuleConfig.create(), GoJsConfig.create())).as(stderr()).isZero();
    assertThat(stdout()).isEqualTo("sum of squares: 385\ntimeout selected\ncounter: 100\n");
  }

  @Test
  void cryptoRandComesFromTheConfiguredSource() throws Exception {
    assertThat(run("cryptorand", ModuleConfig.create().withRandSource(new Random(7)), GoJsConfig.create())).isZero();
    String first = stdout();
    assertThat(first).matches("[0-9a-f]{64}\n");
    out.reset();
    assertThat(run("cryptorand", ModuleConfig.create().withRandSource(new Random(7)), GoJsConfig.create())).isZero();
    assertThat(stdout()).isEqualTo(first);
  }

  @Test
  void encodingJson() throws Exception {
    assertThat(run("json", ModuleConfig.create(), GoJsConfig.create())).as(stderr()).isZero();
    assertThat(stdout())
        .isEqualTo(
            "[{\"name\":\"apple\",\"count\":3,\"tags\":[\"fruit\"]},"
                + "{\"name\":\"nut\",\"count\":7}]\n"
                + "pear 2 [a b]\n");
  }

  @Test
  void panicExitsWithTwoAndTellsStderr() throws Exception {
    assertThat(run("panic", ModuleConfig.create(), GoJsConfig.create())).isEqualTo(2);
    assertThat(stdout()).isEqualTo("before panic\n");
    assertThat(stderr())
        .startsWith("panic: something bad happened\n")
        .contains("goroutine 1 [running]");
  }

  @Test
  void osExitCode() throws Exception {
    assertThat(run("exit", ModuleConfig.create(), GoJsConfig.create())).isEqualTo(3);
    assertThat(stdout()).isEqualTo("exiting with 3\n");
  }

  @Test
  void netHttpGetThroughFetch() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] b =
              ("hello from " + ex.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("X-Test", "yes");
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/x";
      int code = run("http", ModuleConfig.create().withArgs("http", url), GoJsConfig.create().withFetchEnabled(true));
      assertThat(code).as(stderr()).isZero();
      assertThat(stdout()).isEqualTo("status: 200\nx-test: yes\nbody: hello from /x\n");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void netHttpWithoutFetchFailsCleanly() throws Exception {
    int code = run("http", ModuleConfig.create().withArgs("http", "http://127.0.0.1:9/"), GoJsConfig.create());
    assertThat(code).isEqualTo(1);
    assertThat(stderr()).startsWith("error: ");
  }

  @Test
  void aDeadlockedProgramIsToldSoAndExitsWithTwo() throws Exception {
    assertThat(run("deadlock", ModuleConfig.create(), GoJsConfig.create())).isEqualTo(2);
    assertThat(stdout()).isEqualTo("waiting forever\n");
    assertThat(stderr()).startsWith("fatal error: all goroutines are asleep - deadlock!");
  }

  @Test
  void stdinFromTheConfiguredStream() throws Exception {
    int code =
        run(
            "stdin",
            ModuleConfig.create().withStdin(
                    new java.io.ByteArrayInputStream("ab\ncd\n".getBytes(StandardCharsets.UTF_8))), GoJsConfig.create());
    assertThat(code).as(stderr()).isZero();
    assertThat(stdout()).isEqualTo("AB\nCD\nlines: 2\n");
  }

  @Test
  void syscallJsCallbacksObjectsBytesAndErrors() throws Exception {
    assertThat(run("jsinterop", ModuleConfig.create(), GoJsConfig.create())).as(stderr()).isZero();
    assertThat(stdout())
        .isEqualTo(
            "add: 42\n"
                + "name: gopher len: 3 second: two\n"
                + "types: number true true\n"
                + "copied: 3 9 true\n"
                + "stat error code: ENOENT\n"
                + "recovered: syscall/js: Value.Call: property nope is not a function,"
                + " got undefined\n");
  }
}
