package dev.zerowasm.api;

/**
 * An instantiated WebAssembly module: its exports, its memory, and its lifecycle.
 *
 * <p>A module instance is for one thread at a time: WebAssembly code is single-threaded and its
 * memory is not synchronised. Create several instances of the same compiled module to serve
 * several threads.
 */
public interface Module extends AutoCloseable {
  /** The name the module was instantiated with; empty for an anonymous module. */
  String name();

  /** The exported function named {@code name}, or {@code null} if there is none. */
  Function exportedFunction(String name);

  /** The exported global named {@code name}, or {@code null} if there is none. */
  Global exportedGlobal(String name);

  /** The exported memory named {@code name}, or {@code null} if there is none. */
  Memory exportedMemory(String name);

  /** The exported table named {@code name}, or {@code null} if there is none. */
  Table exportedTable(String name);

  /**
   * The module's memory (memory index 0, defined or imported, exported or not), or {@code null}
   * if it has none. Host functions use this to reach the memory of the module calling them.
   */
  Memory memory();

  /** Whether {@link #close()} or {@link #closeWithExitCode(int)} has been called. */
  boolean isClosed();

  /** Closes the module: it is removed from its runtime and later calls fail. Idempotent. */
  @Override
  void close();

  /**
   * Closes the module, recording {@code exitCode}: a call running in it ends with an {@link
   * ExitException} carrying that code.
   */
  void closeWithExitCode(int exitCode);
}
