package dev.zerowasm.gojs.internal;

/**
 * JavaScript's {@code undefined}. JavaScript {@code null} is Java {@code null}; numbers are {@link
 * Double}, booleans {@link Boolean}, strings {@link String}, objects {@link JsObject}.
 */
public final class Undefined {
  /** The only instance. */
  public static final Undefined INSTANCE = new Undefined();

  private Undefined() {}

  @Override
  public String toString() {
    return "undefined";
  }
}
