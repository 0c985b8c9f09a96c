package dev.zerowasm.api;

import java.util.List;
import java.util.Optional;

/**
 * Describes a function, host or guest, without needing an instance of its module: its signature,
 * names and where it comes from. Available from a compiled module before instantiation.
 */
public interface FunctionDefinition {
  /** The module (import) and field names under which a function is imported. */
  record ImportName(String moduleName, String name) {}

  /** The name of the module that defines this function; empty for an unnamed module. */
  String moduleName();

  /** The index in the module's function index space (imports first). */
  int index();

  /**
   * The function's name: from the name section if present, else its first export name, else
   * empty.
   */
  String name();

  /** {@code moduleName.name}, or {@code moduleName.$index} when the function has no name. */
  String debugName();

  /** The names under which the module exports this function, in export order. */
  List<String> exportNames();

  /** The import module and name, if this function is imported. */
  Optional<ImportName> importedAs();

  /** The parameter types. */
  List<ValueType> paramTypes();

  /** The result types. */
  List<ValueType> resultTypes();

  /** One name per parameter (from the name section or the host), or an empty list if unknown. */
  List<String> paramNames();

  /** One name per result (given by the host), or an empty list if unknown. */
  List<String> resultNames();

  /** Whether the function is implemented in Java. */
  boolean isHostFunction();
}
