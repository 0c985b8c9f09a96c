package dev.zerowasm.internal.wasm;

/**
 * An import: module and field name, kind, and the description that matches the kind (the other
 * descriptions are null, and {@code funcTypeIndex} is -1 unless the kind is FUNCTION).
 */
public record Import(
    String module,
    String name,
    ExternKind kind,
    int funcTypeIndex,
    TableType tableType,
    MemoryType memoryType,
    GlobalType globalType) {

  /** A function import of type {@code typeIndex}. */
  public static Import function(String module, String name, int typeIndex) {
    return new Import(module, name, ExternKind.FUNCTION, typeIndex, null, null, null);
  }

  /** A table import. */
  public static Import table(String module, String name, TableType type) {
    return new Import(module, name, ExternKind.TABLE, -1, type, null, null);
  }

  /** A memory import. */
  public static Import memory(String module, String name, MemoryType type) {
    return new Import(module, name, ExternKind.MEMORY, -1, null, type, null);
  }

  /** A global import. */
  public static Import global(String module, String name, GlobalType type) {
    return new Import(module, name, ExternKind.GLOBAL, -1, null, null, type);
  }
}
