package dev.zerowasm.internal.binary;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitive encodings of the binary format (bytes, LEB128 integers, floats, names) from
 * a window {@code [position, limit)} of a byte array. Every failure is a {@link CompileException}
 * of phase DECODE naming the byte offset; nothing reads past {@code limit}.
 */
public final class ByteReader {
  private final byte[] bytes;
  private int position;
  private int limit;
  private int functionIndex = -1;

  /** A reader over {@code bytes[position, limit)}. */
  public ByteReader(byte[] bytes, int position, int limit) {
    if (position < 0 || limit > bytes.length || position > limit) {
      throw new IllegalArgumentException("bad window [" + position + ", " + limit + ")");
    }
    this.bytes = bytes;
    this.position = position;
    this.limit = limit;
  }

  /** The array being read. */
  public byte[] bytes() {
    return bytes;
  }

  /** The offset of the next byte to read. */
  public int position() {
    return position;
  }

  /** Moves to {@code position}, which must lie within the window. */
  public void position(int position) {
    if (position < 0 || position > limit) {
      throw new IllegalArgumentException("position " + position + " outside window");
    }
    this.position = position;
  }

  /** The end of the window (exclusive). */
  public int limit() {
    return limit;
  }

  /** Sets the end of the window, e.g. to a section's end; it may not exceed the array. */
  public void limit(int limit) {
    if (limit < position || limit > bytes.length) {
      throw new IllegalArgumentException("limit " + limit + " outside array");
    }
    this.limit = limit;
  }

  /** Bytes left in the window. */
  public int remaining() {
    return limit - position;
  }

  /** Whether any byte is left in the window. */
  public boolean hasRemaining() {
    return position < limit;
  }

  /** Names the function being read, so that errors carry its index (-1 for none). */
  public void functionIndex(int functionIndex) {
    this.functionIndex = functionIndex;
  }

  /** A DECODE exception at {@code offset} with {@code reason}. */
  public CompileException malformed(String reason, int offset) {
    return new CompileException(Phase.DECODE, reason, offset, functionIndex);
  }

  /** A DECODE exception at the current position. */
  public CompileException malformed(String reason) {
    return malformed(reason, position);
  }

  /** Reads one unsigned byte. */
  public int u8() {
    if (position >= limit) {
      throw malformed("unexpected end");
    }
    return bytes[position++] & 0xFF;
  }

  /** Reads an unsigned LEB128 32-bit integer (at most 5 bytes). */
  public int u32() {
    int start = position;
    int result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8();
      if (shift == 28) {
        if ((b & 0x80) != 0) {
          throw malformed("integer representation too long", start);
        }
        if ((b & 0x70) != 0) {
          throw malformed("integer too large", start);
        }
        return result | (b << 28);
      }
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }

  /**
   * Reads an unsigned LEB128 32-bit count of items that each take at least one byte, and checks it
   * against the bytes left, so that an absurd count fails here instead of allocating.
   */
  public int count() {
    int start = position;
    int n = u32();
    if (Integer.toUnsignedLong(n) > remaining()) {
      throw malformed("length out of bounds: count " + Integer.toUnsignedString(n) + " exceeds the "
          + remaining() + " bytes left", start);
    }
    return n;
  }

  /** Reads a signed LEB128 32-bit integer (at most 5 bytes). */
  public int s32() {
    int start = position;
    int result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8();
      if (shift == 28) {
        if ((b & 0x80) != 0) {
          throw malformed("integer representation too long", start);
        }
        // The unused bits of the last byte must all equal the sign bit (bit 3).
        int high = b & 0x78;
        if (high != 0 && high != 0x78) {
          throw malformed("integer too large", start);
        }
        return result | (b << 28);
      }
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (shift < 25 && (b & 0x40) != 0) {
          result |= -1 << (shift + 7);
        }
        return result;
      }
    }
  }

  /** Reads a signed LEB128 33-bit integer (block types), at most 5 bytes. */
  public long s33() {
    int start = position;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8();
      if (shift == 28) {
        if ((b & 0x80) != 0) {
          throw malformed("integer representation too long", start);
        }
        // 33 bits: bits 0-4 of the last byte carry value, the rest must equal the sign (bit 4).
        int high = b & 0x70;
        if (high != 0 && high != 0x70) {
          throw malformed("integer too large", start);
        }
        result |= ((long) b & 0x7F) << 28;
        return (result << 31) >> 31;
      }
      result |= ((long) b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if ((b & 0x40) != 0) {
          result |= -1L << (shift + 7);
        }
        return result;
      }
    }
  }

  /** Reads a signed LEB128 64-bit integer (at most 10 bytes). */
  public long s64() {
    int start = position;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8();
      if (shift == 63) {
        if ((b & 0x80) != 0) {
          throw malformed("integer representation too long", start);
        }
        // Only bit 0 carries value; the other 6 bits must equal it (sign extension).
        if (b != 0 && b != 0x7F) {
          throw malformed("integer too large", start);
        }
        return result | ((long) b << 63);
      }
      result |= ((long) b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (shift < 57 && (b & 0x40) != 0) {
          result |= -1L << (shift + 7);
        }
        return result;
      }
    }
  }

  /** Reads 4 little-endian bytes (the bits of an f32). */
  public int f32Bits() {
    if (remaining() < 4) {
      position = limit;
      throw malformed("unexpected end");
    }
    int v = (bytes[position] & 0xFF)
        | (bytes[position + 1] & 0xFF) << 8
        | (bytes[position + 2] & 0xFF) << 16
        | (bytes[position + 3] & 0xFF) << 24;
    position += 4;
    return v;
  }

  /** Reads 8 little-endian bytes (the bits of an f64). */
  public long f64Bits() {
    long low = f32Bits() & 0xFFFF_FFFFL;
    long high = f32Bits() & 0xFFFF_FFFFL;
    return low | (high << 32);
  }

  /** Reads {@code n} raw bytes into a new array. */
  public byte[] bytes(int n) {
    if (n < 0 || n > remaining()) {
      throw malformed("unexpected end: " + Integer.toUnsignedString(n) + " bytes wanted, "
          + remaining() + " left");
    }
    byte[] out = new byte[n];
    System.arraycopy(bytes, position, out, 0, n);
    position += n;
    return out;
  }

  /** Skips {@code n} bytes. */
  public void skip(int n) {
    if (n < 0 || n > remaining()) {
      throw malformed("unexpected end");
    }
    position += n;
  }

  /** Reads a name: a byte length then that many bytes of valid UTF-8. */
  public String name() {
    int start = position;
    int length = u32();
    if (Integer.toUnsignedLong(length) > remaining()) {
      throw malformed("unexpected end: name of " + Integer.toUnsignedString(length)
          + " bytes, " + remaining() + " left", start);
    }
    // Names are nearly always ASCII, which is valid UTF-8 as it is; decoding a large module's
    // function names through a CharsetDecoder each takes several milliseconds in a fresh JVM.
    if (isAscii(position, length)) {
      String s = new String(bytes, position, length, StandardCharsets.ISO_8859_1);
      position += length;
      return s;
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, position, length))
          .toString();
      position += length;
      return s;
    } catch (CharacterCodingException e) {
      throw malformed("malformed UTF-8 encoding", start);
    }
  }

  private boolean isAscii(int from, int length) {
    for (int i = from; i < from + length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
