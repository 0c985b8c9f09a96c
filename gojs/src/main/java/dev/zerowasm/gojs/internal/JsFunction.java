package dev.zerowasm.gojs.internal;

import java.util.List;

/**
 * A JavaScript function: callable with a {@code this} and arguments, optionally constructible with
 * {@code new}. Host functions of the emulated world (e.g. {@code fs.open}) and the wrappers of Go
 * functions ({@code _makeFuncWrapper}) are both {@code JsFunction}s.
 */
public class JsFunction extends JsObject {
  /** The behaviour of a call: {@code this} and the arguments in, the result out. */
  @FunctionalInterface
  public interface Body {
    /** Runs the call; throws {@link JsException} for a JavaScript {@code throw}. */
    Object call(Object thisArg, List<Object> args);
  }

  /** The behaviour of {@code new}. */
  @FunctionalInterface
  public interface Constructor {
    /** Builds the new object from the arguments; throws {@link JsException} to fail. */
    Object construct(List<Object> args);
  }

  private final String name;
  private final Body body;
  private final Constructor constructor;

  /**
   * A function.
   *
   * @param name its name, for messages
   * @param body what a call does, or null if it cannot be called without {@code new}
   * @param constructor what {@code new} does, or null if it is not a constructor
   */
  public JsFunction(String name, Body body, Constructor constructor) {
    this.name = name;
    this.body = body;
    this.constructor = constructor;
  }

  /** A plain (non-constructor) function. */
  public static JsFunction of(String name, Body body) {
    return new JsFunction(name, body, null);
  }

  /** The function's name. */
  public String name() {
    return name;
  }

  /** {@code Reflect.apply(this, thisArg, args)}. */
  public Object apply(Object thisArg, List<Object> args) {
    if (body == null) {
      throw JsException.typeError("Class constructor " + name + " cannot be invoked without 'new'");
    }
    return body.call(thisArg, args);
  }

  /** {@code Reflect.construct(this, args)}. */
  public Object construct(List<Object> args) {
    if (constructor == null) {
      throw JsException.typeError(name + " is not a constructor");
    }
    Object o = constructor.construct(args);
    if (o instanceof JsObject && ((JsObject) o).constructorFunction() == null) {
      ((JsObject) o).constructorFunction(this);
    }
    return o;
  }

  /**
   * {@code v instanceof this}: true if {@code v} was made by this constructor; every object is an
   * instance of the global {@code Object} (see {@link JsGlobals}), which overrides this.
   */
  public boolean hasInstance(Object v) {
    return v instanceof JsObject && ((JsObject) v).constructorFunction() == this;
  }

  @Override
  public String toString() {
    return "function " + name + "() { [native code] }";
  }
}
