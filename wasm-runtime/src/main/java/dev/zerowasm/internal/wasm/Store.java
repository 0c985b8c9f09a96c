package dev.zerowasm.internal.wasm;

/**
 * The run-time state shared by all modules of one runtime: the function reference handles and the
 * namespace of named module instances that imports resolve against.
 *
 * <p>NOTE: being built; the reference handles are the contract engines rely on.
 */
public class Store {
  /** The funcref handles of this store's functions. */
  public final FunctionReferences references = new FunctionReferences();
}
