package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.FunctionDefinition;

/**
 * An instantiated module: the run-time state that its code reads and writes. Engines read the
 * public arrays directly; each is indexed by the index space of its kind (imports first).
 *
 * <p>NOTE: the public API side of this class (dev.zerowasm.api.Module) is being built; this part is
 * the contract engines rely on.
 */
public class ModuleInstance {
  /** The decoded module this is an instance of. */
  public final WasmModule module;

  /** The store (runtime) this instance lives in. */
  public final Store store;

  /** One definition per function in the function index space. */
  public final FunctionDefinition[] definitions;

  /** Every function in the function index space: imports, then the module's own. */
  public FunctionInstance[] functions;

  /** Every table in the table index space. */
  public TableInstance[] tables;

  /** Every memory in the memory index space. */
  public MemoryInstance[] memories;

  /** Every global in the global index space. */
  public GlobalInstance[] globals;

  /**
   * The contents of each data segment, for {@code memory.init}; a dropped segment (by {@code
   * data.drop}, or an active one after instantiation) is an empty array.
   */
  public byte[][] dataSegments;

  /**
   * The references of each element segment, for {@code table.init}; a dropped segment (by {@code
   * elem.drop}, or an active or declarative one after instantiation) is an empty array.
   */
  public long[][] elementSegments;

  /** Creates an instance whose arrays are filled in by instantiation. */
  public ModuleInstance(WasmModule module, Store store, FunctionDefinition[] definitions) {
    this.module = module;
    this.store = store;
    this.definitions = definitions;
  }
}
