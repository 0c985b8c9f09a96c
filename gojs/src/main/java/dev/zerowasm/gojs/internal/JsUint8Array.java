package dev.zerowasm.gojs.internal;

/**
 * A JavaScript {@code Uint8Array}: a view of {@code length} bytes from {@code offset} of a byte
 * array. Go moves bytes through these with {@code copyBytesToGo} and {@code copyBytesToJS}.
 */
public final class JsUint8Array extends JsObject {
  private final byte[] data;
  private final int offset;
  private final int length;

  /** A view of {@code data[offset, offset + length)} (not copied). */
  public JsUint8Array(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw JsException.error("RangeError: invalid typed array length: " + length);
    }
    this.data = data;
    this.offset = offset;
    this.length = length;
  }

  /** A view of all of {@code data}. */
  public JsUint8Array(byte[] data) {
    this(data, 0, data.length);
  }

  /** The backing array (live); the view starts at {@link #offset()}. */
  public byte[] data() {
    return data;
  }

  /** Where the view starts in {@link #data()}. */
  public int offset() {
    return offset;
  }

  /** The number of bytes in the view. */
  public int length() {
    return length;
  }

  /** A copy of the viewed bytes. */
  public byte[] toByteArray() {
    byte[] copy = new byte[length];
    System.arraycopy(data, offset, copy, 0, length);
    return copy;
  }

  @Override
  public Object get(String key) {
    switch (key) {
      case "length":
      case "byteLength":
        return (double) length;
      case "byteOffset":
        return (double) offset;
      default:
        int i = JsTypes.arrayIndex(key);
        return i >= 0 ? getIndex(i) : super.get(key);
    }
  }

  @Override
  public Object getIndex(long index) {
    return index >= 0 && index < length
        ? (double) (data[offset + (int) index] & 0xFF)
        : Undefined.INSTANCE;
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
    // Out-of-range writes to a typed array are ignored, as in JavaScript.
    if (index >= 0 && index < length) {
      data[offset + (int) index] = (byte) (long) JsTypes.toNumber(value);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(data[offset + i] & 0xFF);
    }
    return sb.toString();
  }
}
