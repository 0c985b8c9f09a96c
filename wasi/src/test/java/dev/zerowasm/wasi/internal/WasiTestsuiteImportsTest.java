package dev.zerowasm.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Decodes every wasip1 binary of the shared wasi-testsuite and checks each WASI import against
 * {@link WasiFunctions}: the name exists and the WebAssembly signature is identical. So the table
 * the host module will be built from links with real programs (C/wasi-libc, Rust, AssemblyScript).
 */
class WasiTestsuiteImportsTest {

  static Path suiteDir() {
    String dir = System.getProperty("zerowasm.wasitestsuite.dir", "../../shared/wasi-testsuite");
    Path p = Path.of(dir);
    if (!Files.isDirectory(p.resolve("tests"))) {
      String msg =
          "wasi-testsuite not found at "
              + p.toAbsolutePath()
              + " (system property zerowasm.wasitestsuite.dir)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg);
      }
      Assumptions.abort(msg);
    }
    return p;
  }

  @Test
  void everyImportOfEveryWasip1BinaryMatchesTheTable() throws IOException {
    Path tests = suiteDir().resolve("tests");
    List<Path> wasms = new ArrayList<>();
    try (Stream<Path> s = Files.walk(tests)) {
      s.filter(
              p ->
                  p.toString().endsWith(".wasm")
                      && p.getParent().getFileName().toString().equals("wasm32-wasip1"))
          .sorted()
          .forEach(wasms::add);
    }
    assertThat(wasms).hasSize(72);
    Map<String, Integer> uses = new TreeMap<>();
    for (Path wasm : wasms) {
      WasmModule m = Decoder.decode(Files.readAllBytes(wasm), CoreFeatures.V2);
      for (Import imp : m.imports) {
        assertThat(imp.module()).as("%s imports from", wasm).isEqualTo(WasiFunctions.MODULE_NAME);
        assertThat(imp.kind()).isEqualTo(ExternKind.FUNCTION);
        WasiFunctionSignature sig = WasiFunctions.get(imp.name());
        assertThat(sig).as("%s imports unknown %s", wasm.getFileName(), imp.name()).isNotNull();
        FuncType t = m.types[imp.funcTypeIndex()];
        assertThat(t.params())
            .as("%s params", imp.name())
            .containsExactlyElementsOf(sig.paramTypes());
        assertThat(t.results())
            .as("%s results", imp.name())
            .containsExactlyElementsOf(sig.resultTypes());
        uses.merge(imp.name(), 1, Integer::sum);
      }
    }
    // The README's census: 40 distinct functions, e.g. fd_write in all 72 binaries.
    assertThat(uses).hasSize(40);
    assertThat(uses.get("fd_write")).isEqualTo(72);
    assertThat(uses.get("proc_exit")).isEqualTo(72);
    assertThat(uses.get("path_open")).isEqualTo(50);
    assertThat(uses)
        .doesNotContainKeys(
            "fd_datasync", "fd_sync", "proc_raise", "sock_accept", "sock_recv", "sock_send");
  }
}
