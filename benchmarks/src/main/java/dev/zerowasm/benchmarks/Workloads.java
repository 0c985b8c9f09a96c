package dev.zerowasm.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the workload modules built by {@code benchmarks/workloads/build.sh}. */
final class Workloads {
  private Workloads() {}

  /** The bytes of {@code workloads/<name>.wasm} on the classpath. */
  static byte[] bytes(String name) {
    String resource = "workloads/" + name + ".wasm";
    try (InputStream in = Workloads.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource + "; run benchmarks/workloads/build.sh");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
