package dev.zerowasm.spring.boot.autoconfigure.wasi;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.logging.Log;

/**
 * Sends what a WASI guest writes to a logger, one log record per line (UTF-8). Each instance gets
 * its own stream, so lines of concurrent guests never mix; an unfinished line is logged on close.
 */
final class LineLogOutputStream extends OutputStream {

  private final Log log;
  private final boolean error;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LineLogOutputStream(Log log, boolean error) {
    this.log = log;
    this.error = error;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (error) {
      log.warn(text);
    } else {
      log.info(text);
    }
  }

  @Override
  public synchronized void close() {
    if (line.size() > 0) {
      emit();
    }
  }
}
