package dev.zerowasm.gojs.internal;

/**
 * A JavaScript {@code ArrayBuffer}: a fixed block of bytes, viewed through {@link JsUint8Array}.
 */
public final class JsArrayBuffer extends JsObject {
  private final byte[] bytes;

  /** A buffer over {@code bytes} (not copied). */
  public JsArrayBuffer(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The bytes (live). */
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public Object get(String key) {
    if (key.equals("byteLength")) {
      return (double) bytes.length;
    }
    return super.get(key);
  }

  @Override
  public String toString() {
    return "[object ArrayBuffer]";
  }
}
