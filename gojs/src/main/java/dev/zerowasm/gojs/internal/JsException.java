package dev.zerowasm.gojs.internal;

/**
 * A JavaScript {@code throw} inside the emulated JavaScript world: carries the thrown value,
 * usually a {@link JsObject} error with {@code message} and, for system errors, {@code code}.
 * {@code valueCall}, {@code valueInvoke} and {@code valueNew} hand it to Go as their failed result.
 */
public final class JsException extends RuntimeException {
  private final transient Object value;

  /** Throws {@code value}. */
  public JsException(Object value) {
    super(String.valueOf(JsObject.describe(value)), null, false, false);
    this.value = value;
  }

  /** The thrown JavaScript value. */
  public Object value() {
    return value;
  }

  /** A thrown {@code Error} with {@code message}. */
  public static JsException error(String message) {
    return new JsException(JsObject.newError("Error", message, null));
  }

  /** A thrown {@code TypeError} with {@code message}. */
  public static JsException typeError(String message) {
    return new JsException(JsObject.newError("TypeError", message, null));
  }

  /** A thrown Node.js system error with {@code code}, e.g. {@code "ENOENT"}. */
  public static JsException errno(String code, String message) {
    return new JsException(JsObject.newError("Error", code + ": " + message, code));
  }
}
