package dev.zerowasm.docs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what an example prints to {@code System.out} or {@code System.err}: the docs' examples print as a reader's
 * program would, and the tests check what was printed. Tests run one at a time in this module.
 */
final class StdOut {
  private StdOut() {}

  /** An example that may throw. */
  interface Example {
    /** Runs the example. */
    void run() throws Exception;
  }

  /** Runs {@code example} with System.out captured and returns what it printed. */
  static String capture(Example example) {
    return capture(example, false);
  }

  /** Runs {@code example} with System.err captured and returns what it printed there. */
  static String captureErr(Example example) {
    return capture(example, true);
  }

  private static String capture(Example example, boolean err) {
    PrintStream original = err ? System.err : System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capturing = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    if (err) {
      System.setErr(capturing);
    } else {
      System.setOut(capturing);
    }
    try {
      example.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      if (err) {
        System.setErr(original);
      } else {
        System.setOut(original);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
