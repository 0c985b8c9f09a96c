package dev.zerowasm.internal.wasm;

/**
 * Implemented by the runtime so that internal tools (the spec test runner, later the host module
 * builders) can reach its {@link Store} without the store becoming public API.
 */
public interface StoreOwner {
  /** The store holding this runtime's module instances. */
  Store store();
}
