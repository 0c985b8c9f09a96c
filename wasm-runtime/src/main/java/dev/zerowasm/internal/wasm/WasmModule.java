package dev.zerowasm.internal.wasm;

import java.util.List;

/**
 * A decoded module: every section of the binary in a form the validator and the engines read.
 *
 * <p>The decoder fills the fields once; after decoding nothing changes them, and the object may be
 * shared between threads. Arrays named for an index space ({@link #functionTypes}, {@link #tables},
 * {@link #memories}, {@link #globalTypes}) hold the imports first, then the module's own
 * definitions, so they can be indexed directly with the indices that instructions use.
 */
public final class WasmModule {
  /** The module's binary, which {@link Code} entries point into. */
  public byte[] bytes;

  /** The type section. */
  public FuncType[] types = new FuncType[0];

  /** The import section, in order. */
  public Import[] imports = new Import[0];

  /** How many functions, tables, memories and globals are imported. */
  public int importedFunctionCount, importedTableCount, importedMemoryCount, importedGlobalCount;

  /** The type index of every function in the function index space. */
  public int[] functionTypeIndices = new int[0];

  /** The type of every table in the table index space. */
  public TableType[] tables = new TableType[0];

  /** The type of every memory in the memory index space. */
  public MemoryType[] memories = new MemoryType[0];

  /** The type of every global in the global index space. */
  public GlobalType[] globalTypes = new GlobalType[0];

  /** The globals the module defines (index space minus imports). */
  public GlobalDefinition[] globals = new GlobalDefinition[0];

  /** The export section, in order. */
  public Export[] exports = new Export[0];

  /** The start function's index, or -1. */
  public int startFunction = -1;

  /** The element section. */
  public ElementSegment[] elements = new ElementSegment[0];

  /** The data section. */
  public DataSegment[] data = new DataSegment[0];

  /** The data count section's value, or -1 if the section is absent. */
  public int dataCount = -1;

  /** The bodies of the defined functions (function index minus {@link #importedFunctionCount}). */
  public Code[] codes = new Code[0];

  /**
   * Whether some body may contain a tail call ({@code return_call}, {@code
   * return_call_indirect}): false only when the decoder read every body and found none. The
   * compiler looks for them ahead (a function making one to another function runs on the
   * interpreter) only if this is set.
   */
  public boolean mayTailCall;

  /** Custom sections in order, including "name". */
  public List<CustomSection> customSections = List.of();

  /** The decoded "name" section, or {@link NameSection#EMPTY}. */
  public NameSection names = NameSection.EMPTY;

  /** The signature of the function at {@code funcIndex} in the function index space. */
  public FuncType functionType(int funcIndex) {
    return types[functionTypeIndices[funcIndex]];
  }

  /** The number of functions in the function index space. */
  public int functionCount() {
    return functionTypeIndices.length;
  }
}
