package dev.zerowasm.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Valid but extreme function bodies (deep nesting, huge local counts, long operand stacks, many
 * functions) must compile, instantiate and run on both engines, or be refused with a {@link
 * dev.zerowasm.api.WasmException}, in bounded time and without an OutOfMemoryError or
 * StackOverflowError escaping. Each module exports its function 0 as "f".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HugeCodeTest {
  /** A module with {@code count} functions of type {@code type}, all with {@code body}. */
  static byte[] module(byte[] type, int count, byte[] body) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    section(m, 1, cat(leb(1), type));
    ByteArrayOutputStream funcs = new ByteArrayOutputStream();
    funcs.writeBytes(leb(count));
    ByteArrayOutputStream codes = new ByteArrayOutputStream();
    codes.writeBytes(leb(count));
    for (int i = 0; i < count; i++) {
      funcs.write(0);
      codes.writeBytes(leb(body.length));
      codes.writeBytes(body);
    }
    section(m, 3, funcs.toByteArray());
    section(m, 7, new byte[] {1, 1, 'f', 0, 0});
    section(m, 10, codes.toByteArray());
    return m.toByteArray();
  }

  static final byte[] VOID = {0x60, 0, 0};
  static final byte[] TO_I32 = {0x60, 0, 1, 0x7F};

  static void section(ByteArrayOutputStream m, int id, byte[] body) {
    m.write(id);
    m.writeBytes(leb(body.length));
    m.writeBytes(body);
  }

  static byte[] leb(long n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = (int) (n & 0x7F);
      n >>>= 7;
      out.write(n != 0 ? b | 0x80 : b);
    } while (n != 0);
    return out.toByteArray();
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] repeat(byte[] unit, int n) {
    byte[] out = new byte[unit.length * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(unit, 0, out, i * unit.length, unit.length);
    }
    return out;
  }

  static void assertDocumentedOutcome(byte[] wasm) {
    assertThat(InstantiateFuzzTest.runBothEngines(wasm, 1, new InstantiateFuzzTest.Stats()))
        .isNull();
  }

  @Test
  void deeplyNestedBlocksAndLoops() {
    int n = 50_000;
    for (int op : new int[] {0x02, 0x03}) { // block, loop
      byte[] body = cat(new byte[] {0}, repeat(new byte[] {(byte) op, 0x40}, n), repeat(new byte[] {0x0B}, n + 1));
      assertDocumentedOutcome(module(VOID, 1, body));
    }
  }

  @Test
  void hugeLocalCounts() {
    // 50,000,000 i64 locals (400 MB if a frame held them all), and 1,000,000 i32 locals.
    assertDocumentedOutcome(module(VOID, 1, cat(new byte[] {1}, leb(50_000_000), new byte[] {0x7E, 0x0B})));
    assertDocumentedOutcome(
        module(TO_I32, 1, cat(new byte[] {1}, leb(1_000_000), new byte[] {0x7F, 0x20}, leb(999_999), new byte[] {0x0B})));
  }

  @Test
  void aDeepOperandStackAndALongBody() {
    int n = 100_000;
    byte[] deep = cat(new byte[] {0}, repeat(new byte[] {0x41, 1}, n), repeat(new byte[] {0x1A}, n), new byte[] {0x0B});
    assertDocumentedOutcome(module(VOID, 1, deep));
    byte[] chain = cat(new byte[] {0, 0x41, 1}, repeat(new byte[] {0x41, 1, 0x6A}, n), new byte[] {0x0B});
    assertDocumentedOutcome(module(TO_I32, 1, chain));
    assertDocumentedOutcome(module(VOID, 1, cat(new byte[] {0}, repeat(new byte[] {0x01}, 1_000_000), new byte[] {0x0B})));
  }

  @Test
  void manyFunctions() {
    assertDocumentedOutcome(module(VOID, 20_000, new byte[] {0, 0x0B}));
  }
}
