package dev.zerowasm.hardening;

import java.util.Arrays;
import java.util.Random;

/**
 * Structure-blind mutations of WebAssembly binaries for fuzzing: byte flips, interesting values
 * (0, 0x7F, 0x80, 0xFF, big LEB128 numbers), insertions, deletions, duplications and splices with
 * another module. A few mutations per input keep most of the module intact, so that mutants often
 * get past the decoder into validation, instantiation and execution.
 */
final class Mutator {
  private static final int[] INTERESTING = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x0B, 0x41, 0x10};

  private Mutator() {}

  /** A mutant of {@code original}; {@code other} is a source of bytes for splices. */
  static byte[] mutate(Random random, byte[] original, byte[] other) {
    byte[] b = original.clone();
    // Mostly one mutation, so that many mutants stay valid; sometimes up to eight.
    int rounds = random.nextInt(4) == 0 ? 1 + random.nextInt(8) : 1;
    for (int r = 0; r < rounds; r++) {
      // Leave the 8-byte header alone most of the time: a broken header stops at the first check.
      int from = b.length > 8 && random.nextInt(20) != 0 ? 8 : 0;
      if (b.length <= from) {
        return b;
      }
      int at = from + random.nextInt(b.length - from);
      switch (random.nextInt(9)) {
        case 0, 1:
          b[at] ^= (byte) (1 << random.nextInt(8));
          break;
        case 2:
          b[at] = (byte) random.nextInt(256);
          break;
        case 3:
          b[at] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
          break;
        case 4: // a huge LEB128 u32 (0xFFFFFFFF or 2^31) written over whatever was there
          {
            byte[] leb =
                random.nextBoolean()
                    ? new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}
                    : new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
            for (int i = 0; i < leb.length && at + i < b.length; i++) {
              b[at + i] = leb[i];
            }
            break;
          }
        case 5: // insert random bytes
          {
            int n = 1 + random.nextInt(4);
            byte[] out = new byte[b.length + n];
            System.arraycopy(b, 0, out, 0, at);
            for (int i = 0; i < n; i++) {
              out[at + i] = (byte) random.nextInt(256);
            }
            System.arraycopy(b, at, out, at + n, b.length - at);
            b = out;
            break;
          }
        case 6: // delete a range
          {
            int n = Math.min(1 + random.nextInt(8), b.length - at);
            byte[] out = new byte[b.length - n];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(b, at + n, out, at, b.length - at - n);
            b = out;
            break;
          }
        case 7: // duplicate a range
          {
            int n = Math.min(1 + random.nextInt(16), b.length - at);
            byte[] out = new byte[b.length + n];
            System.arraycopy(b, 0, out, 0, at + n);
            System.arraycopy(b, at, out, at + n, b.length - at);
            b = out;
            break;
          }
        default: // overwrite a range with bytes of another module
          {
            if (other.length <= 8) {
              break;
            }
            int src = 8 + random.nextInt(other.length - 8);
            int n = Math.min(Math.min(1 + random.nextInt(32), other.length - src), b.length - at);
            System.arraycopy(other, src, b, at, n);
            break;
          }
      }
    }
    return Arrays.copyOf(b, b.length);
  }
}
