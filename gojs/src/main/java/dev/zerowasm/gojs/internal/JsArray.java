package dev.zerowasm.gojs.internal;

import java.util.ArrayList;
import java.util.List;

/** A JavaScript array: elements by index plus {@code length}. */
public final class JsArray extends JsObject {
  private final List<Object> elements;

  /** An array holding {@code elements} (copied). */
  public JsArray(List<?> elements) {
    this.elements = new ArrayList<>(elements);
  }

  /** The elements (live). */
  public List<Object> elements() {
    return elements;
  }

  @Override
  public Object get(String key) {
    if (key.equals("length")) {
      return (double) elements.size();
    }
    int i = JsTypes.arrayIndex(key);
    if (i >= 0) {
      return getIndex(i);
    }
    return super.get(key);
  }

  @Override
  public Object getIndex(long index) {
    return index >= 0 && index < elements.size() ? elements.get((int) index) : Undefined.INSTANCE;
  }

  @Override
  public void set(String key, Object value) {
    int i = JsTypes.arrayIndex(key);
    if (i >= 0) {
      setIndex(i, value);
    } else {
      super.set(key, value);
    }
  }

  @Override
  public void setIndex(long index, Object value) {
    if (index < 0 || index > Integer.MAX_VALUE - 8) {
      throw JsException.error("RangeError: invalid array index " + index);
    }
    while (elements.size() <= index) {
      elements.add(Undefined.INSTANCE);
    }
    elements.set((int) index, value);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object e = elements.get(i);
      if (e != null && e != Undefined.INSTANCE) {
        sb.append(JsTypes.toJsString(e));
      }
    }
    return sb.toString();
  }
}
