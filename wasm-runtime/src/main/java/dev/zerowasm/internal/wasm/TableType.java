package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ValueType;

/** The type of a table: its element type and size limits. */
public record TableType(ValueType elementType, Limits limits) {
  @Override
  public String toString() {
    return "table " + limits + " " + elementType;
  }
}
