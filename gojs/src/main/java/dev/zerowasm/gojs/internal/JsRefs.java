package dev.zerowasm.gojs.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of JavaScript values Go holds references to, and the 64-bit encoding of those
 * references ({@code ref} in Go's syscall/js), exactly as {@code loadValue}/{@code storeValue} in
 * {@code wasm_exec.js}:
 *
 * <ul>
 *   <li>a non-zero, non-NaN number is its IEEE-754 bits;
 *   <li>the bits 0 are {@code undefined};
 *   <li>anything else is NaN-boxed: the high 32 bits are {@code 0x7FF80000 | typeFlag} (0 none, 1
 *       object, 2 string, 3 symbol, 4 function) and the low 32 bits an id into this table.
 * </ul>
 *
 * <p>Ids 0-6 are predefined and never freed: NaN, 0, null, true, false, globalThis and the Go
 * object ({@code this} of {@code wasm_exec.js}'s {@code Go} class). Other ids are reference
 * counted: every store of a value increments its count, {@code finalizeRef} decrements it, and at
 * zero the id goes back to a pool for reuse. Strings and numbers are keyed by value, objects by
 * identity (they do not override {@code equals}).
 */
public final class JsRefs {
  /** The high 32 bits of a boxed reference. */
  public static final long NAN_HEAD = 0x7FF80000L;

  /** Type flags in the high word of a boxed reference. */
  public static final int FLAG_NONE = 0;

  /** Type flag of objects. */
  public static final int FLAG_OBJECT = 1;

  /** Type flag of strings. */
  public static final int FLAG_STRING = 2;

  /** Type flag of functions. */
  public static final int FLAG_FUNCTION = 4;

  /** The id of globalThis. */
  public static final int ID_GLOBAL = 5;

  /** The id of the Go object. */
  public static final int ID_GO = 6;

  private static final long PERMANENT = Long.MAX_VALUE;
  private static final Object ZERO_KEY = 0.0;

  private final List<Object> values = new ArrayList<>();
  private final List<Long> refCounts = new ArrayList<>();
  private final Map<Object, Integer> ids = new HashMap<>();
  private final ArrayDeque<Integer> idPool = new ArrayDeque<>();

  /** A table holding the predefined values, with {@code global} and {@code go} at ids 5 and 6. */
  public JsRefs(JsObject global, JsObject go) {
    Object[] predefined = {Double.NaN, 0.0, null, true, false, global, go};
    for (int i = 0; i < predefined.length; i++) {
      values.add(predefined[i]);
      refCounts.add(PERMANENT);
      if (i > 0) {
        ids.put(predefined[i], i);
      }
    }
  }

  /** Decodes reference {@code ref} to its value. */
  public Object load(long ref) {
    double f = Double.longBitsToDouble(ref);
    if (f == 0) {
      return Undefined.INSTANCE;
    }
    if (!Double.isNaN(f)) {
      return f;
    }
    int id = (int) ref;
    if (id < 0 || id >= values.size()) {
      throw new IllegalStateException("Go used an unknown JavaScript reference id " + id);
    }
    return values.get(id);
  }

  /** Encodes {@code v} as a reference, taking a reference count on it if it is boxed. */
  public long store(Object v) {
    if (v instanceof Number && !(v instanceof Double)) {
      v = ((Number) v).doubleValue();
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (Double.isNaN(d)) {
        return NAN_HEAD << 32;
      }
      if (d != 0) {
        return Double.doubleToRawLongBits(d);
      }
      // +0 and -0 are both the predefined zero, as JavaScript's Map (SameValueZero) has it.
      v = ZERO_KEY;
    }
    if (v == Undefined.INSTANCE) {
      return 0;
    }
    Integer id = ids.get(v);
    if (id == null) {
      id = idPool.pollLast();
      if (id == null) {
        id = values.size();
        values.add(v);
        refCounts.add(0L);
      } else {
        values.set(id, v);
        refCounts.set(id, 0L);
      }
      ids.put(v, id);
    }
    long count = refCounts.get(id);
    if (count != PERMANENT) {
      refCounts.set(id, count + 1);
    }
    return ((NAN_HEAD | typeFlag(v)) << 32) | id;
  }

  /** Drops one reference on {@code id}; frees the id at zero. */
  public void finalizeRef(int id) {
    if (id < 0 || id >= values.size()) {
      throw new IllegalStateException("Go finalized an unknown JavaScript reference id " + id);
    }
    long count = refCounts.get(id);
    if (count == PERMANENT || count <= 0) {
      return;
    }
    refCounts.set(id, --count);
    if (count == 0) {
      Object v = values.get(id);
      values.set(id, null);
      ids.remove(v);
      idPool.addLast(id);
    }
  }

  /** The type flag JavaScript's {@code typeof} gives {@code v}. */
  public static int typeFlag(Object v) {
    if (v instanceof JsFunction) {
      return FLAG_FUNCTION;
    } else if (v instanceof JsObject) {
      return FLAG_OBJECT;
    } else if (v instanceof String) {
      return FLAG_STRING;
    }
    return FLAG_NONE;
  }

  /** The number of live (referenced) ids, including the predefined ones; for tests. */
  public int liveCount() {
    return values.size() - idPool.size();
  }

  /** The reference count of {@code id}; {@code Long.MAX_VALUE} for predefined ids; for tests. */
  public long refCount(int id) {
    return refCounts.get(id);
  }
}
