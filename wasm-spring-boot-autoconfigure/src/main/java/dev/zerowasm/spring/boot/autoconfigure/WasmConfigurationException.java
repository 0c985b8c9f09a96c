package dev.zerowasm.spring.boot.autoconfigure;

/**
 * A startup failure caused by the wasm configuration: a bad property value, a module that cannot be
 * loaded, a guest interface that does not match its module. Carries the property to fix (when there
 * is one) and a suggested action, which the failure analyzer prints.
 */
public class WasmConfigurationException extends RuntimeException {

  private final String property;
  private final String action;

  /**
   * A failure described by {@code message}, fixed at {@code property} (may be null) by {@code
   * action}.
   */
  public WasmConfigurationException(
      String message, String property, String action, Throwable cause) {
    super(message, cause);
    this.property = property;
    this.action = action;
  }

  /** The configuration key to fix, or null when the problem is in code. */
  public String getProperty() {
    return property;
  }

  /** What the user should do. */
  public String getAction() {
    return action;
  }
}
