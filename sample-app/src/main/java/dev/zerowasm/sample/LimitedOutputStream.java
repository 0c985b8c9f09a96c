package dev.zerowasm.sample;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what a guest writes (its stdout or stderr) up to a limit and drops the rest, so a guest
 * cannot fill the JVM's heap; {@link #overflowed()} tells whether anything was dropped.
 */
final class LimitedOutputStream extends OutputStream {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final int limit;
  private boolean overflowed;

  /** A stream keeping at most {@code limit} bytes. */
  LimitedOutputStream(int limit) {
    this.limit = limit;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    int room = limit - bytes.size();
    if (len > room) {
      overflowed = true;
    }
    bytes.write(b, off, Math.min(len, room));
  }

  /** Whether more than the limit was written. */
  boolean overflowed() {
    return overflowed;
  }

  /** What was kept, decoded as UTF-8. */
  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
