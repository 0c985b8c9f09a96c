package dev.zerowasm.wasi.testsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.testing.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the wasi-testsuite runner itself: spec reading, and that it reports what is wrong. */
class WasiTestsuiteRunnerTest {
  private static Path test(String language, String name) {
    return WasiTestsuiteTest.suiteDir()
        .resolve("tests/" + language + "/testsuite/wasm32-wasip1/" + name + ".wasm");
  }

  @Test
  void readsLegacySpecsAndDefaults() throws Exception {
    WasiTestsuiteTest.Spec env =
        WasiTestsuiteTest.spec(test("assemblyscript", "environ_get-multiple-variables"));
    assertThat(env.env()).isEqualTo(Map.of("a", "text", "b", "escap \" ing", "c", "new\nline"));
    assertThat(env.root()).isNull();
    WasiTestsuiteTest.Spec args =
        WasiTestsuiteTest.spec(test("assemblyscript", "args_get-multiple-arguments"));
    assertThat(args.args()).containsExactly("first", "the \"second\" arg", "3");
    WasiTestsuiteTest.Spec exit =
        WasiTestsuiteTest.spec(test("assemblyscript", "proc_exit-failure"));
    assertThat(exit.exitCode()).isEqualTo(33);
    WasiTestsuiteTest.Spec lseek = WasiTestsuiteTest.spec(test("c", "lseek"));
    assertThat(lseek.root().getFileName().toString()).isEqualTo("fs-tests.dir");
    WasiTestsuiteTest.Spec none = WasiTestsuiteTest.spec(test("rust", "sched_yield"));
    assertThat(none)
        .isEqualTo(new WasiTestsuiteTest.Spec(List.of(), Map.of(), null, 0, null, null));
    assertThat(WasiTestsuiteTest.key(test("rust", "sched_yield"))).isEqualTo("rust/sched_yield");
  }

  @Test
  void reportsWrongExitCodeAndOutput() throws Exception {
    RuntimeConfig.EngineKind engine = RuntimeConfig.EngineKind.INTERPRETER;
    Path stdout = test("assemblyscript", "fd_write-to-stdout");
    assertThat(WasiTestsuiteTest.runOne(engine, stdout)).isNull();
    WasiTestsuiteTest.Spec wrongOut =
        new WasiTestsuiteTest.Spec(List.of(), Map.of(), null, 0, "goodbye", null);
    assertThat(WasiTestsuiteTest.runOne(engine, stdout, wrongOut))
        .isEqualTo("stdout \"hello\" does not start with \"goodbye\"");
    WasiTestsuiteTest.Spec wrongExit =
        new WasiTestsuiteTest.Spec(List.of(), Map.of(), null, 0, null, null);
    assertThat(
            WasiTestsuiteTest.runOne(
                engine, test("assemblyscript", "proc_exit-failure"), wrongExit))
        .isEqualTo("exit code 33, expected 0");
    // Without the preopen the C test cannot open its file: it fails (by an assertion that traps).
    WasiTestsuiteTest.Spec noRoot =
        new WasiTestsuiteTest.Spec(List.of(), Map.of(), null, 0, null, null);
    assertThat(WasiTestsuiteTest.runOne(engine, test("c", "lseek"), noRoot))
        .startsWith("exit code ")
        .contains("expected 0");
  }

  @Test
  void miniJsonRejectsGarbage() {
    assertThat(Json.parse("{\"a\": [1, 2.5, true, null, \"\\u0041\"]}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null, "A")));
    assertThatThrownBy(() -> Json.parse("{\"a\": 1} x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
  }
}
