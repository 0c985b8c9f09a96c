package dev.zerowasm.hardening;

import static org.assertj.core.api.Assertions.fail;

import dev.zerowasm.RuntimeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Shared helpers of the hardening tests: engines, committed fixtures and the spec corpus. */
final class Hardening {
  private Hardening() {}

  /** Both engines, for parameterized tests. */
  static Stream<RuntimeConfig> engines() {
    return Stream.of(RuntimeConfig.interpreter(), RuntimeConfig.compiler());
  }

  /** The bytes of class-path resource {@code path} (e.g. {@code "hardening/loops.wasm"}). */
  static byte[] resource(String path) {
    try (InputStream in = Hardening.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The spec test folder from {@code zerowasm.spectest.dir}; a missing folder skips the test, or
   * fails it when the environment variable {@code CI} is {@code true}.
   */
  static Path specRoot() {
    Path root = Paths.get(System.getProperty("zerowasm.spectest.dir", "../../shared/spectest"));
    if (!Files.isDirectory(root)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("spec test data missing at " + root.toAbsolutePath() + " (CI=true)");
      }
      Assumptions.abort(
          "spec test data missing at "
              + root.toAbsolutePath()
              + "; set -Dzerowasm.spectest.dir to run these tests");
    }
    return root;
  }

  /** Every {@code .wasm} file of the 2.0 spec folders ({@code v2/}, {@code v2-wg-2.0-delta/}). */
  static List<Path> specModules() {
    Path root = specRoot();
    List<Path> out = new ArrayList<>();
    for (String dir : new String[] {"v2", "v2-wg-2.0-delta"}) {
      try (Stream<Path> s = Files.list(root.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Reads {@code path}, wrapping the checked exception. */
  static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
