package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.Global;
import dev.zerowasm.api.ValueType;

/**
 * A global at run time. Engines read and write {@link #value} directly; a global imported by
 * several modules is one shared instance.
 */
public final class GlobalInstance implements Global {
  private final GlobalType type;

  /** The value, encoded as described by {@link ValueType} (the low half of a v128). */
  public long value;

  /** The high 64 bits of a v128 value; unused for other types. */
  public long valueHigh;

  /** A global of {@code type} holding {@code value}. */
  public GlobalInstance(GlobalType type, long value) {
    this.type = type;
    this.value = value;
  }

  /** The global's type. */
  public GlobalType globalType() {
    return type;
  }

  @Override
  public ValueType type() {
    return type.valueType();
  }

  @Override
  public boolean isMutable() {
    return type.mutable();
  }

  @Override
  public long get() {
    return value;
  }

  @Override
  public void set(long value) {
    if (!type.mutable()) {
      throw new UnsupportedOperationException("global is immutable: " + type);
    }
    this.value = value;
  }
}
