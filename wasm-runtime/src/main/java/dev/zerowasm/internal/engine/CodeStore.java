package dev.zerowasm.internal.engine;

/**
 * Where a directory {@code CompilationCache} keeps an engine's code for one module and one set of
 * {@link CodeOptions} (see {@link Engine#load}).
 */
public interface CodeStore {
  /**
   * The stored {@link Engine#serialize} bytes, or null if there are none or they are damaged (the
   * store logs why). May read a file: engines call it where the time does not matter.
   */
  byte[] read();

  /** Reports stored bytes the engine could not use; it compiles instead. */
  void unusable(Throwable error);

  /** Stores {@link Engine#serialize} bytes of freshly compiled code, replacing what was stored. */
  void write(byte[] bytes);
}
