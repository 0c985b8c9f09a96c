package dev.zerowasm.internal.wasm;

/** The type of a memory: its size limits in 64 KiB pages. */
public record MemoryType(Limits limits) {
  @Override
  public String toString() {
    return "memory " + limits;
  }
}
