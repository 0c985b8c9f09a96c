package dev.zerowasm.gojs.internal;

/** Rewrites of WebAssembly binaries for tests. */
final class WasmRewrite {
  private WasmRewrite() {}

  /**
   * Returns {@code wasm} with every import from module {@code from} renamed to {@code to} (to turn
   * a Go 1.19 binary into one with Go 1.21's import module {@code gojs}).
   */
  static byte[] renameImportModule(byte[] wasm, String from, String to) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(wasm, 0, 8);
    int[] pos = {8};
    while (pos[0] < wasm.length) {
      int id = wasm[pos[0]++];
      int size = (int) leb(wasm, pos);
      int start = pos[0];
      byte[] body = java.util.Arrays.copyOfRange(wasm, start, start + size);
      if (id == 2) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int[] p = {0};
        long n = leb(body, p);
        writeLeb(b, n);
        for (long i = 0; i < n; i++) {
          String module = name(body, p);
          String field = name(body, p);
          writeName(b, module.equals(from) ? to : module);
          writeName(b, field);
          int kind = body[p[0]++];
          b.write(kind);
          if (kind != 0) {
            throw new IllegalArgumentException("only function imports are supported");
          }
          writeLeb(b, leb(body, p));
        }
        body = b.toByteArray();
      }
      out.write(id);
      writeLeb(out, body.length);
      out.writeBytes(body);
      pos[0] = start + size;
    }
    return out.toByteArray();
  }

  private static long leb(byte[] b, int[] p) {
    long r = 0;
    int shift = 0;
    while (true) {
      int x = b[p[0]++] & 0xFF;
      r |= (long) (x & 0x7F) << shift;
      shift += 7;
      if (x < 0x80) {
        return r;
      }
    }
  }

  private static void writeLeb(java.io.ByteArrayOutputStream o, long v) {
    do {
      int x = (int) (v & 0x7F);
      v >>>= 7;
      o.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
  }

  private static String name(byte[] b, int[] p) {
    int len = (int) leb(b, p);
    String s = new String(b, p[0], len, java.nio.charset.StandardCharsets.UTF_8);
    p[0] += len;
    return s;
  }

  private static void writeName(java.io.ByteArrayOutputStream o, String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    writeLeb(o, b.length);
    o.writeBytes(b);
  }
}
