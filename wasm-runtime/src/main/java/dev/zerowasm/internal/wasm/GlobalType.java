package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ValueType;

/** The type of a global: its value type and whether it is mutable. */
public record GlobalType(ValueType valueType, boolean mutable) {
  @Override
  public String toString() {
    return mutable ? "global (mut " + valueType + ")" : "global " + valueType;
  }
}
