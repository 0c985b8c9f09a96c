package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ValueType;
import java.util.Arrays;

/** A function signature: parameter and result types. Immutable; equal by content. */
public final class FuncType {
  private static final ValueType[] NONE = new ValueType[0];

  /** The type {@code [] -> []}. */
  public static final FuncType EMPTY = new FuncType(NONE, NONE);

  private final ValueType[] params;
  private final ValueType[] results;
  private final int hash;

  /** Creates a type; the arrays are copied. */
  public FuncType(ValueType[] params, ValueType[] results) {
    this.params = params.length == 0 ? NONE : params.clone();
    this.results = results.length == 0 ? NONE : results.clone();
    this.hash = 31 * Arrays.hashCode(this.params) + Arrays.hashCode(this.results);
  }

  /** The parameter types. Callers must not modify the array. */
  public ValueType[] params() {
    return params;
  }

  /** The result types. Callers must not modify the array. */
  public ValueType[] results() {
    return results;
  }

  /** The number of parameters. */
  public int paramCount() {
    return params.length;
  }

  /** The number of results. */
  public int resultCount() {
    return results.length;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FuncType)) {
      return false;
    }
    FuncType other = (FuncType) o;
    return hash == other.hash
        && Arrays.equals(params, other.params)
        && Arrays.equals(results, other.results);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The type in the text format's style, e.g. {@code (i32, i64) -> (f32)}. */
  @Override
  public String toString() {
    return list(params) + " -> " + list(results);
  }

  private static String list(ValueType[] types) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(types[i]);
    }
    return sb.append(')').toString();
  }
}
