package dev.zerowasm.gojs.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JavaScript object of the emulated world: string-keyed properties in insertion order plus the
 * constructor it was made by (for {@code instanceof}). Subclasses add behaviour: functions, arrays,
 * byte arrays, promises.
 *
 * <p>Identity matters: Go refers to objects by id, and the id table maps an object to its id by
 * identity, so subclasses must not override {@code equals}.
 */
public class JsObject {
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private JsFunction constructor;

  /** An empty object. */
  public JsObject() {}

  /** An empty object made by {@code constructor}. */
  public JsObject(JsFunction constructor) {
    this.constructor = constructor;
  }

  /** The constructor this object was made by, or null. */
  public JsFunction constructorFunction() {
    return constructor;
  }

  /** Sets the constructor (for {@code instanceof}). */
  public void constructorFunction(JsFunction constructor) {
    this.constructor = constructor;
  }

  /** {@code Reflect.get(this, key)}: the property, or {@link Undefined#INSTANCE}. */
  public Object get(String key) {
    Object v = properties.get(key);
    if (v == null && !properties.containsKey(key)) {
      return Undefined.INSTANCE;
    }
    return v;
  }

  /** {@code Reflect.get(this, index)}: by default the property named by the decimal index. */
  public Object getIndex(long index) {
    return get(Long.toString(index));
  }

  /** {@code Reflect.set(this, key, value)}. */
  public void set(String key, Object value) {
    properties.put(key, value);
  }

  /** {@code Reflect.set(this, index, value)}. */
  public void setIndex(long index, Object value) {
    set(Long.toString(index), value);
  }

  /** {@code Reflect.deleteProperty(this, key)}. */
  public void delete(String key) {
    properties.remove(key);
  }

  /** Whether the object has its own property {@code key}. */
  public boolean has(String key) {
    return properties.containsKey(key);
  }

  /** Adds a method: a function property named {@code name}. */
  public JsObject method(String name, JsFunction.Body body) {
    set(name, JsFunction.of(name, body));
    return this;
  }

  /** Creates an error object ({@code name}, {@code message}, optional Node.js {@code code}). */
  public static JsObject newError(String name, String message, String code) {
    JsObject e = new JsObject();
    e.set("name", name);
    e.set("message", message);
    if (code != null) {
      e.set("code", code);
    }
    return e;
  }

  /** A short description of a value for messages (not JavaScript's full {@code String()}). */
  public static String describe(Object v) {
    if (v instanceof JsObject) {
      JsObject o = (JsObject) v;
      Object message = o.get("message");
      if (message instanceof String) {
        Object name = o.get("name");
        return (name instanceof String ? name + ": " : "") + message;
      }
    }
    return JsTypes.toJsString(v);
  }

  /** The argument {@code i} of a call, or {@link Undefined#INSTANCE} if absent. */
  public static Object arg(List<Object> args, int i) {
    return i < args.size() ? args.get(i) : Undefined.INSTANCE;
  }

  @Override
  public String toString() {
    return "[object Object]";
  }
}
