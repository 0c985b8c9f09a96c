package dev.zerowasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads test fixtures from the class path. */
final class Fixtures {
  private Fixtures() {}

  /** The bytes of resource {@code path} (e.g. {@code "host/guest.wasm"}). */
  static byte[] read(String path) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
