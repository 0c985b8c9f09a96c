package dev.zerowasm;

import dev.zerowasm.api.FunctionDefinition;
import java.util.List;
import java.util.Map;

/**
 * A decoded, validated and engine-compiled module, ready to be instantiated any number of times by
 * the {@link Runtime} that compiled it. Thread-safe and immutable.
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

  /** Releases the compiled code. Idempotent. */
  @Override
  void close();
}
