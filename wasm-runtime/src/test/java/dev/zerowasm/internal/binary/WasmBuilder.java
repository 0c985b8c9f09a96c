package dev.zerowasm.internal.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small binaries byte by byte for the decoder tests. All methods return new arrays. */
final class WasmBuilder {
  private WasmBuilder() {}

  /** The magic number and version 1. */
  static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

  /** A module: the header followed by {@code sections}. */
  static byte[] module(byte[]... sections) {
    return cat(HEADER, cat(sections));
  }

  /** A section: its id, the size of {@code content} as u32, then the content. */
  static byte[] section(int id, byte[]... content) {
    byte[] body = cat(content);
    return cat(b(id), u32(body.length), body);
  }

  /** A vector: the number of items as u32, then the items. */
  static byte[] vec(byte[]... items) {
    return cat(u32(items.length), cat(items));
  }

  /** A function body of the code section: its size, then the locals and instructions given. */
  static byte[] body(byte[]... content) {
    byte[] b = cat(content);
    return cat(u32(b.length), b);
  }

  /** A name: length then UTF-8 bytes. */
  static byte[] name(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return cat(u32(utf8.length), utf8);
  }

  /** Raw bytes, given as ints for convenience. */
  static byte[] b(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** An unsigned LEB128 encoding of the low 32 bits... or more: any non-negative long. */
  static byte[] u32(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long v = value;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return out.toByteArray();
  }

  /** A signed LEB128 encoding. */
  static byte[] s64(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long v = value;
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
    }
  }

  /** The concatenation of {@code parts}. */
  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A type section entry {@code (func (param params) (result results))}, types as codes. */
  static byte[] funcType(byte[] params, byte[] results) {
    return cat(b(0x60), u32(params.length), params, u32(results.length), results);
  }
}
