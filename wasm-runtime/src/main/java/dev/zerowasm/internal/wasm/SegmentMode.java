package dev.zerowasm.internal.wasm;

/** When a data or element segment is applied. */
public enum SegmentMode {
  /** Copied into its memory or table at instantiation. */
  ACTIVE,
  /** Copied on demand by {@code memory.init} / {@code table.init}. */
  PASSIVE,
  /** Element segments only: declares functions that {@code ref.func} may name; never applied. */
  DECLARATIVE
}
