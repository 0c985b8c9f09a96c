package dev.zerowasm.api;

import java.util.List;
import java.util.Optional;

/**
 * Describes a memory of a module without needing an instance: its limits, and under which names it
 * is imported or exported. Available from a compiled module before instantiation.
 *
 * @param moduleName the name of the module (from its name section; empty if none)
 * @param index the index in the module's memory index space (imports first)
 * @param minPages the minimum size in pages of 64 KiB
 * @param maxPages the maximum size in pages, or -1 if the memory declares none
 * @param exportNames the names under which the module exports this memory, in export order
 * @param importedAs the import module and name, if this memory is imported
 */
public record MemoryDefinition(
    String moduleName,
    int index,
    long minPages,
    long maxPages,
    List<String> exportNames,
    Optional<FunctionDefinition.ImportName> importedAs) {
  /** Copies the export names so the record is immutable. */
  public MemoryDefinition {
    exportNames = List.copyOf(exportNames);
  }
}
