package dev.zerowasm;

import dev.zerowasm.api.CustomSection;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.MemoryDefinition;
import java.util.List;
import java.util.Map;

/**
 * A decoded, validated and engine-compiled module, ready to be instantiated any number of times by
 * the {@link Runtime} that compiled it. Thread-safe and immutable: share one compiled module
 * between threads and instantiate it once per thread (each {@link dev.zerowasm.api.Module} instance
 * is for one thread at a time).
 *
 * <p>Closing it releases the compiled code; later instantiations fail, while instances already
 * created keep working.
 */
public interface CompiledModule extends AutoCloseable {
  /** The module name from the name section, or empty if it has none. */
  String name();

  /** The functions the module imports, in import order. */
  List<FunctionDefinition> importedFunctions();

  /** The functions the module exports, by export name, in export order. */
  Map<String, FunctionDefinition> exportedFunctions();

  /**
   * The memories the module exports, by export name, in export order (an imported memory that is
   * re-exported included).
   */
  Map<String, MemoryDefinition> exportedMemories();

  /**
   * The module's custom sections in order, including {@code name}; empty unless the runtime was
   * configured with {@link RuntimeConfig#withCustomSections(boolean) withCustomSections(true)}.
   */
  List<CustomSection> customSections();

  /** Releases the compiled code. Idempotent. */
  @Override
  void close();
}
