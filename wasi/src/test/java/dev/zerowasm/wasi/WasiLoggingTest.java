package dev.zerowasm.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.experimental.LoggingListenerFactory;
import dev.zerowasm.experimental.LoggingScopes;
import dev.zerowasm.wasi.internal.WasiFunctionSignature;
import dev.zerowasm.wasi.internal.WasiFunctions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs the C demo ({@code src/test/c/wasi_demo.c}) with a logging listener set up by {@link WasiLogging}. */
class WasiLoggingTest {
  /** The log of one run of {@code wasi_demo args...}, and its stdout. */
  record Logged(String log, String stdout) {}

  static Logged run(
      RuntimeConfig.EngineKind engine, UnaryOperator<LoggingListenerFactory> setup, String... args)
      throws IOException {
    StringBuilder log = new StringBuilder();
    LoggingListenerFactory factory = setup.apply(LoggingListenerFactory.create(log));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RuntimeConfig config =
        RuntimeConfig.defaults().withEngine(engine).withFunctionListenerFactory(factory);
    try (Runtime runtime = Runtime.create(config);
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      CompiledModule compiled = runtime.compile(CProgramsTest.demo());
      ModuleConfig wc = ModuleConfig.create().withArgs(args).withStdout(out);
      assertThat(wasi.run(compiled, wc).exitCode()).isZero();
    }
    return new Logged(log.toString(), out.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void logsWasiCallsWithNamedParametersAndErrnoNames(RuntimeConfig.EngineKind engine)
      throws IOException {
    Logged r =
        run(
            engine,
            f -> WasiLogging.configure(f.withFilter(d -> d.isHostFunction())),
            "wasi_demo",
            "args",
            "x");
    assertThat(r.stdout()).isEqualTo("argc=3\nargv[1]=args\nargv[2]=x\n");
    List<String> lines = r.log().lines().toList();
    // printf writes argc=3... through fd_write to stdout: one call per line or one at exit.
    int write = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i)
          .matches(
              "==> wasi_snapshot_preview1\\.fd_write\\(fd=1,iovs=\\d+,iovs_len=\\d+,"
                  + "result\\.nwritten=\\d+\\)")) {
        write = i;
        break;
      }
    }
    assertThat(write).as("an fd_write to stdout in\n%s", r.log()).isNotNegative();
    assertThat(lines.get(write + 1)).isEqualTo("<== errno=ESUCCESS");
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    "==> wasi_snapshot_preview1\\.args_sizes_get\\(result\\.argc=\\d+,"
                        + "result\\.argv_len=\\d+\\)"));
    // wasi-libc probes the preopens with fd_prestat_get until EBADF (no mounts here: fd 3).
    assertThat(r.log()).contains("==> wasi_snapshot_preview1.fd_prestat_get(fd=3,result.prestat=");
    assertThat(r.log()).contains("<== errno=EBADF");
    // Guest functions were filtered out; every logged call is a WASI one.
    assertThat(lines).allMatch(l -> l.startsWith("==> wasi_snapshot_preview1.") || l.startsWith("<== "));
  }

  @Test
  void scopesSelectWhichWasiFunctionsAreLogged() throws IOException {
    Logged r =
        run(
            RuntimeConfig.EngineKind.INTERPRETER,
            f -> WasiLogging.configure(f).withScopes(LoggingScopes.of(WasiLogging.ARGS)),
            "wasi_demo",
            "args");
    List<String> calls = r.log().lines().map(String::strip).filter(l -> l.startsWith("==>")).toList();
    assertThat(calls)
        .isNotEmpty()
        .allMatch(l -> l.startsWith("==> wasi_snapshot_preview1.args_"));
    // Guest functions are not affected by scopes (indented host calls are nested in them).
    assertThat(r.log()).contains("--> ").contains("  ==> wasi_snapshot_preview1.args_sizes_get(");
    assertThat(r.log()).doesNotContain("fd_write");

    Logged fs =
        run(
            RuntimeConfig.EngineKind.INTERPRETER,
            f ->
                WasiLogging.configure(f.withFilter(d -> d.isHostFunction()))
                    .withScopes(LoggingScopes.of(WasiLogging.FILESYSTEM)),
            "wasi_demo",
            "args");
    assertThat(fs.log()).contains("fd_write(").doesNotContain("args_").doesNotContain("proc_exit");
  }

  @Test
  void everyWasiFunctionHasAScopeOfTheList() {
    for (WasiFunctionSignature sig : WasiFunctions.all()) {
      assertThat(WasiLogging.SCOPES).as(sig.name()).contains(WasiLogging.scopeOf(sig.name()));
    }
    assertThat(WasiLogging.scopeOf("fd_write")).isEqualTo("filesystem");
    assertThat(WasiLogging.scopeOf("path_open")).isEqualTo("filesystem");
    assertThat(WasiLogging.scopeOf("clock_time_get")).isEqualTo("clock");
    assertThat(WasiLogging.scopeOf("random_get")).isEqualTo("random");
    assertThat(WasiLogging.scopeOf("proc_exit")).isEqualTo("proc");
    assertThat(WasiLogging.scopeOf("poll_oneoff")).isEqualTo("poll");
    assertThat(WasiLogging.scopeOf("sock_accept")).isEqualTo("sock");
    assertThat(WasiLogging.scopeOf("environ_get")).isEqualTo("env");
    assertThat(WasiLogging.scopeOf("args_get")).isEqualTo("args");
    assertThat(WasiLogging.scopeOf("nope")).isNull();
  }

  @Test
  void formatterLeavesOtherValuesToTheFallback() {
    LoggingListenerFactory.ValueFormatter f =
        WasiLogging.valueFormatter((d, result, i, v) -> "fallback");
    assertThat(f.format(null, false, 0, 0)).isEqualTo("fallback");
    assertThat(WasiLogging.valueFormatter().format(null, false, 0, 0)).isNull();
  }
}
