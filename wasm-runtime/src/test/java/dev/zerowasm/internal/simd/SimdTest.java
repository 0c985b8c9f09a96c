package dev.zerowasm.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Hand-written cases for {@link Simd}: the word-parallel (SWAR) integer tricks against a plain
 * per-lane reference on random inputs, the floating-point NaN and signed-zero rules, lane access
 * and the memory helpers (which the spec-driven test does not reach).
 */
class SimdTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(42);

  /** Applies {@code op} to each {@code width}-bit lane of a and b (lanes as signed ints). */
  private static long perLane(long a, long b, int width, IntBinaryOperator op) {
    long mask = width == 64 ? -1L : (1L << width) - 1;
    long r = 0;
    for (int s = 0; s < 64; s += width) {
      int x = (int) ((a >>> s) << (64 - width) >> (64 - width));
      int y = (int) ((b >>> s) << (64 - width) >> (64 - width));
      r |= (op.applyAsInt(x, y) & mask) << s;
    }
    return r;
  }

  private static long randomHalf() {
    // Mix in edge lanes (0, -1, MIN, MAX bytes) often, since they are where tricks fail.
    long[] edges = {0L, -1L, 0x8080_8080_8080_8080L, 0x7F7F_7F7F_7F7F_7F7FL,
        0x8000_7FFF_0001_FFFFL, 0x0100_FF00_80FF_7F01L};
    return RANDOM.nextInt(4) == 0 ? edges[RANDOM.nextInt(edges.length)] ^ (RANDOM.nextBoolean()
        ? 0 : RANDOM.nextLong() & RANDOM.nextLong() & RANDOM.nextLong()) : RANDOM.nextLong();
  }

  private static void check(LongBinaryOperator actual, int width, IntBinaryOperator reference) {
    for (int i = 0; i < 20_000; i++) {
      long a = randomHalf();
      long b = randomHalf();
      assertThat(actual.applyAsLong(a, b))
          .as("%x, %x", a, b)
          .isEqualTo(perLane(a, b, width, reference));
    }
  }

  @Test
  void wordParallelIntegerOpsMatchPerLaneReference() {
    check(Simd::i8x16Add, 8, (x, y) -> x + y);
    check(Simd::i8x16Sub, 8, (x, y) -> x - y);
    check((a, b) -> Simd.i8x16Neg(a), 8, (x, y) -> -x);
    check(Simd::i16x8Add, 16, (x, y) -> x + y);
    check(Simd::i16x8Sub, 16, (x, y) -> x - y);
    check((a, b) -> Simd.i16x8Neg(a), 16, (x, y) -> -x);
    check(Simd::i8x16Eq, 8, (x, y) -> x == y ? -1 : 0);
    check(Simd::i8x16LeU, 8, (x, y) -> (x & 0xFF) <= (y & 0xFF) ? -1 : 0);
    check(Simd::i16x8GtS, 16, (x, y) -> x > y ? -1 : 0);
    check(Simd::i32x4GeU, 32, (x, y) -> Integer.compareUnsigned(x, y) >= 0 ? -1 : 0);
    check(Simd::i32x4Mul, 32, (x, y) -> x * y);
    check(Simd::i16x8Q15mulrSatS, 16,
        (x, y) -> Math.max(-32768, Math.min(32767, (x * y + 0x4000) >> 15)));
    for (int c = -3; c < 70; c++) {
      int n = c;
      check((a, b) -> Simd.i8x16Shl(a, n), 8, (x, y) -> x << (n & 7));
      check((a, b) -> Simd.i8x16ShrU(a, n), 8, (x, y) -> (x & 0xFF) >>> (n & 7));
      check((a, b) -> Simd.i8x16ShrS(a, n), 8, (x, y) -> x >> (n & 7));
      check((a, b) -> Simd.i16x8Shl(a, n), 16, (x, y) -> x << (n & 15));
      check((a, b) -> Simd.i16x8ShrU(a, n), 16, (x, y) -> (x & 0xFFFF) >>> (n & 15));
      check((a, b) -> Simd.i32x4ShrS(a, n), 32, (x, y) -> x >> n);
    }
  }

  @Test
  void allTrueFindsAnyZeroLane() {
    assertThat(Simd.i8x16AllTrue(0x0101_0101_0101_0101L, -1L)).isEqualTo(1);
    for (int lane = 0; lane < 16; lane++) {
      long lo = lane < 8 ? Simd.i8x16ReplaceLane(-1L, lane, 0) : -1L;
      long hi = lane >= 8 ? Simd.i8x16ReplaceLane(-1L, lane, 0) : -1L;
      assertThat(Simd.i8x16AllTrue(lo, hi)).as("lane %d", lane).isZero();
    }
    // A 0x01 byte next to a 0x00 byte must not hide the zero (borrow propagation).
    assertThat(Simd.i8x16AllTrue(0x0100_0101_0101_0101L, -1L)).isZero();
    assertThat(Simd.i8x16AllTrue(0x8001_0101_0101_0101L, 0x0101_0101_0101_0180L)).isEqualTo(1);
    assertThat(Simd.i16x8AllTrue(0x0001_0100_0001_0001L, 0x8000_0001_0001_0001L)).isEqualTo(1);
    assertThat(Simd.i16x8AllTrue(0x0001_0000_0001_0001L, -1L)).isZero();
    assertThat(Simd.i32x4AllTrue(1L, 0x1_0000_0000L)).isZero();
    assertThat(Simd.i64x2AllTrue(1L, Long.MIN_VALUE)).isEqualTo(1);
    assertThat(Simd.v128AnyTrue(0, 0)).isZero();
    assertThat(Simd.v128AnyTrue(0, 1L << 63)).isEqualTo(1);
  }

  @Test
  void bitmasks() {
    assertThat(Simd.i8x16Bitmask(0x8000_0000_0000_0080L, 0x80L)).isEqualTo(0b1_1000_0001);
    assertThat(Simd.i16x8Bitmask(0x8000_0000_0000_8000L, 0x8000_0000_0000_0000L))
        .isEqualTo(0b1000_1001);
    assertThat(Simd.i32x4Bitmask(0x8000_0000L, 0x8000_0000_0000_0000L)).isEqualTo(0b1001);
    assertThat(Simd.i64x2Bitmask(-1L, 1L)).isEqualTo(1);
  }

  @Test
  void laneAccessUsesThePositionWithinTheHalf() {
    long lo = 0x0706_0504_0302_0100L;
    long hi = 0xFF0E_0D0C_0B0A_0908L;
    assertThat(Simd.i8x16ExtractLaneU(hi, 15)).isEqualTo(0xFF);
    assertThat(Simd.i8x16ExtractLaneS(hi, 15)).isEqualTo(-1);
    assertThat(Simd.i8x16ExtractLaneU(lo, 3)).isEqualTo(3);
    assertThat(Simd.i16x8ExtractLaneS(hi, 7)).isEqualTo((short) 0xFF0E);
    assertThat(Simd.i16x8ExtractLaneU(hi, 7)).isEqualTo(0xFF0E);
    assertThat(Simd.i32x4ExtractLane(hi, 3)).isEqualTo(0xFF0E_0D0C);
    assertThat(Simd.i8x16ReplaceLane(hi, 9, 0xAB)).isEqualTo(0xFF0E_0D0C_0B0A_AB08L);
    assertThat(Simd.i16x8ReplaceLane(lo, 1, -1)).isEqualTo(0x0706_0504_FFFF_0100L);
    assertThat(Simd.i32x4ReplaceLane(lo, 2, 0x1234_5678)).isEqualTo(0x0706_0504_1234_5678L);
    assertThat(Simd.i64x2ReplaceLane(lo, 1, 5L)).isEqualTo(5L);
  }

  @Test
  void shuffleAndSwizzle() {
    long aLo = 0x0706_0504_0302_0100L;
    long aHi = 0x0F0E_0D0C_0B0A_0908L;
    long bLo = 0x1716_1514_1312_1110L;
    long bHi = 0x1F1E_1D1C_1B1A_1918L;
    // Reverse all 32 bytes' first half: lanes 31, 30, ..., 24.
    assertThat(Simd.i8x16Shuffle(aLo, aHi, bLo, bHi, 0x1819_1A1B_1C1D_1E1FL))
        .isEqualTo(0x1819_1A1B_1C1D_1E1FL);
    assertThat(Simd.i8x16Shuffle(aLo, aHi, bLo, bHi, 0x0010_0F08_0700_1F00L))
        .isEqualTo(0x0010_0F08_0700_1F00L);
    // Swizzle: indices >= 16 (including 0x80 and 0xFF) give 0.
    assertThat(Simd.i8x16Swizzle(aLo, aHi, 0xFF80_1110_0F08_0100L)).isEqualTo(0x0000_0000_0F08_0100L);
  }

  @Test
  void narrowSaturates() {
    // i16 lanes 0..3 = 300, -300, 127, -128 -> bytes 127, -128, 127, -128 / 255, 0, 127, 0
    long lanes = (300L & 0xFFFF) | ((-300L & 0xFFFF) << 16) | (127L << 32) | ((-128L & 0xFFFF) << 48);
    assertThat(Simd.i8x16NarrowI16x8S(lanes, 0)).isEqualTo(0x807F_807FL);
    assertThat(Simd.i8x16NarrowI16x8U(lanes, 0)).isEqualTo(0x007F_00FFL);
    assertThat(Simd.i16x8NarrowI32x4S(0x8000_0000_7FFF_FFFFL, 0x1_0000L))
        .isEqualTo(0x0000_7FFF_8000_7FFFL);
    assertThat(Simd.i16x8NarrowI32x4U(0x8000_0000_0001_0000L, 0xFFFFL)).isEqualTo(0xFFFF_0000_FFFFL);
  }

  @Test
  void widening() {
    assertThat(Simd.i16x8ExtendI8x16S(0x80FF_0102)).isEqualTo(0xFF80_FFFF_0001_0002L);
    assertThat(Simd.i16x8ExtendI8x16U(0x80FF_0102)).isEqualTo(0x0080_00FF_0001_0002L);
    assertThat(Simd.i32x4ExtendI16x8S(0x8000_0001)).isEqualTo(0xFFFF_8000_0000_0001L);
    assertThat(Simd.i64x2ExtendI32x4U(-1)).isEqualTo(0xFFFF_FFFFL);
    assertThat(Simd.i64x2ExtmulI32x4U(-1, -1)).isEqualTo(0xFFFF_FFFE_0000_0001L);
    assertThat(Simd.i32x4ExtmulI16x8S(0x8000_8000, 0x8000_0002))
        .isEqualTo(((long) (32768 * 32768) << 32) | (-65536L & 0xFFFF_FFFFL));
    assertThat(Simd.i32x4DotI16x8S(0x8000_8000L, 0x8000_8000L)).isEqualTo(0x8000_0000L);
    assertThat(Simd.i16x8ExtaddPairwiseI8x16U(-1L)).isEqualTo(Simd.i16x8Splat(510));
    assertThat(Simd.i16x8ExtaddPairwiseI8x16S(-1L)).isEqualTo(Simd.i16x8Splat(-2));
  }

  private static long f32x2(float lane0, float lane1) {
    return (Float.floatToRawIntBits(lane0) & 0xFFFF_FFFFL)
        | ((long) Float.floatToRawIntBits(lane1) << 32);
  }

  private static long f32x2Bits(int lane0, int lane1) {
    return (lane0 & 0xFFFF_FFFFL) | ((long) lane1 << 32);
  }

  @Test
  void floatNaNResultsAreCanonical() {
    int signalling = 0x7F80_0001;
    int negativePayload = 0xFFC0_1234;
    long inf = f32x2(Float.POSITIVE_INFINITY, 0f);
    // inf - inf and 0/0 produce a NaN without NaN inputs: must be canonical.
    assertThat(Simd.f32x4Sub(inf, inf)).isEqualTo(f32x2Bits(Simd.CANONICAL_NAN_F32, 0));
    assertThat((int) (Simd.f32x4Div(0, 0) >>> 32)).isEqualTo(Simd.CANONICAL_NAN_F32);
    // A signalling NaN input gives a quiet (here canonical) NaN, never the signalling one.
    assertThat((int) Simd.f32x4Add(f32x2Bits(signalling, 0), 0)).isEqualTo(Simd.CANONICAL_NAN_F32);
    assertThat((int) Simd.f32x4Min(f32x2Bits(negativePayload, 0), 0))
        .isEqualTo(Simd.CANONICAL_NAN_F32);
    assertThat((int) Simd.f32x4Sqrt(f32x2(-1f, 4f))).isEqualTo(Simd.CANONICAL_NAN_F32);
    assertThat(Simd.f64x2Mul(Double.doubleToRawLongBits(0.0),
        Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY))).isEqualTo(Simd.CANONICAL_NAN_F64);
    assertThat(Simd.f64x2Nearest(0x7FF0_0000_0000_0001L)).isEqualTo(Simd.CANONICAL_NAN_F64);
    assertThat(Simd.f64x2PromoteLowF32x4(signalling)).isEqualTo(Simd.CANONICAL_NAN_F64);
    assertThat((int) Simd.f32x4DemoteF64x2Zero(0xFFF0_0000_0000_0001L, 0))
        .isEqualTo(Simd.CANONICAL_NAN_F32);
  }

  @Test
  void signOpsAndPminPmaxKeepBits() {
    int signalling = 0x7F80_0001;
    assertThat(Simd.f32x4Abs(f32x2Bits(0xFF80_0001, 0x8000_0000)))
        .isEqualTo(f32x2Bits(signalling, 0));
    assertThat(Simd.f32x4Neg(f32x2Bits(signalling, 0))).isEqualTo(f32x2Bits(0xFF80_0001, 0x8000_0000));
    assertThat(Simd.f64x2Neg(0x7FF0_0000_0000_0001L)).isEqualTo(0xFFF0_0000_0000_0001L);
    // pmin(a, b) = b < a ? b : a: a NaN in a is returned as it is, a NaN in b never wins.
    assertThat(Simd.f32x4Pmin(f32x2Bits(signalling, 0), f32x2(1f, 0f)))
        .isEqualTo(f32x2Bits(signalling, 0));
    assertThat(Simd.f32x4Pmin(f32x2(1f, 0f), f32x2Bits(signalling, 0x8000_0000)))
        .isEqualTo(f32x2(1f, 0f));
    assertThat(Simd.f32x4Pmax(f32x2(1f, -0f), f32x2(2f, 0f))).isEqualTo(f32x2(2f, -0f));
    assertThat(Simd.f64x2Pmin(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0)))
        .isEqualTo(Double.doubleToRawLongBits(0.0));
  }

  @Test
  void minMaxOrderSignedZeros() {
    assertThat(Simd.f32x4Min(f32x2(0f, -0f), f32x2(-0f, 0f))).isEqualTo(f32x2(-0f, -0f));
    assertThat(Simd.f32x4Max(f32x2(0f, -0f), f32x2(-0f, 0f))).isEqualTo(f32x2(0f, 0f));
    assertThat(Simd.f64x2Min(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void rounding() {
    assertThat(Simd.f32x4Nearest(f32x2(2.5f, -0.5f))).isEqualTo(f32x2(2f, -0f));
    assertThat(Simd.f32x4Trunc(f32x2(-0.7f, 1.9f))).isEqualTo(f32x2(-0f, 1f));
    assertThat(Simd.f32x4Ceil(f32x2(-0.5f, 1.1f))).isEqualTo(f32x2(-0f, 2f));
    assertThat(Simd.f32x4Floor(f32x2(0.5f, -1.1f))).isEqualTo(f32x2(0f, -2f));
    assertThat(Simd.f64x2Trunc(Double.doubleToRawLongBits(-1e300)))
        .isEqualTo(Double.doubleToRawLongBits(-1e300));
  }

  @Test
  void conversions() {
    assertThat(Simd.i32x4TruncSatF32x4U(f32x2(-0.9f, 5e9f))).isEqualTo(0xFFFF_FFFF_0000_0000L);
    assertThat(Simd.i32x4TruncSatF32x4S(f32x2(Float.NaN, -5e9f))).isEqualTo(0x8000_0000_0000_0000L);
    assertThat(Simd.i32x4TruncSatF64x2UZero(Double.doubleToRawLongBits(4294967295.9),
        Double.doubleToRawLongBits(Double.NaN))).isEqualTo(0xFFFF_FFFFL);
    assertThat(Simd.f32x4ConvertI32x4U(0xFFFF_FFFF_0000_0001L)).isEqualTo(f32x2(1f, 4294967296f));
    // 16777217 is not a float: rounds to even (16777216).
    assertThat(Simd.f32x4ConvertI32x4S(16_777_217L)).isEqualTo(f32x2(16777216f, 0f));
    assertThat(Simd.f64x2ConvertLowI32x4U(-1)).isEqualTo(Double.doubleToRawLongBits(4294967295.0));
  }

  @Test
  void memoryHelpers() {
    byte[] m = new byte[32];
    for (int i = 0; i < 16; i++) {
      m[i] = (byte) (i * 17);
    }
    m[3] = (byte) 0x80;
    assertThat(Simd.load64(m, 0)).isEqualTo(0x7766_5544_8022_1100L);
    assertThat(Simd.load8x8S(m, 0)).isEqualTo(0xFF80_0022_0011_0000L);
    assertThat(Simd.load8x8U(m, 0)).isEqualTo(0x0080_0022_0011_0000L);
    assertThat(Simd.load16x4S(m, 2)).isEqualTo(0x0000_5544_FFFF_8022L);
    assertThat(Simd.load16x4U(m, 2)).isEqualTo(0x0000_5544_0000_8022L);
    assertThat(Simd.load32x2S(m, 0)).isEqualTo(0xFFFF_FFFF_8022_1100L);
    assertThat(Simd.load32x2U(m, 0)).isEqualTo(0x8022_1100L);
    assertThat(Simd.load8Splat(m, 3)).isEqualTo(0x8080_8080_8080_8080L);
    assertThat(Simd.load16Splat(m, 0)).isEqualTo(0x1100_1100_1100_1100L);
    assertThat(Simd.load32Splat(m, 0)).isEqualTo(0x8022_1100_8022_1100L);
    assertThat(Simd.load32Zero(m, 0)).isEqualTo(0x8022_1100L);
    assertThat(Simd.load8Lane(m, 1, 0, 13)).isEqualTo(0x0000_1100_0000_0000L);
    assertThat(Simd.load16Lane(m, 0, -1L, 3)).isEqualTo(0x1100_FFFF_FFFF_FFFFL);
    assertThat(Simd.load32Lane(m, 0, 0, 1)).isEqualTo(0x8022_1100_0000_0000L);
    assertThat(Simd.load64Lane(m, 0, 0, 1)).isEqualTo(0x7766_5544_8022_1100L);

    Simd.store64(m, 16, 0x0102_0304_0506_0708L);
    assertThat(m[16]).isEqualTo((byte) 0x08);
    assertThat(m[23]).isEqualTo((byte) 0x01);
    Simd.store8Lane(m, 24, 0x0102_0304_0506_0708L, 14);
    assertThat(m[24]).isEqualTo((byte) 0x02);
    Simd.store16Lane(m, 25, 0x0102_0304_0506_0708L, 5);
    assertThat(m[25]).isEqualTo((byte) 0x06);
    assertThat(m[26]).isEqualTo((byte) 0x05);
    Simd.store32Lane(m, 27, 0x0102_0304_0506_0708L, 3);
    assertThat(Simd.load32Zero(m, 27)).isEqualTo(0x0102_0304L);
    Simd.store64Lane(m, 24, 5L, 1);
    assertThat(Simd.load64(m, 24)).isEqualTo(5L);
    // The caller bounds-checks; an unchecked out-of-range access is not silently wrong.
    assertThatThrownBy(() -> Simd.load64(m, 25)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
