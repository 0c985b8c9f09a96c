package dev.zerowasm.internal.simd;

import static dev.zerowasm.internal.simd.Simd.*;
import static dev.zerowasm.internal.wasm.Opcodes.*;

import dev.zerowasm.internal.binary.CodeReader;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Applies one non-memory SIMD instruction to operand values through {@link Simd}, following the
 * calling convention of its class comment; this is how an engine would use the library. A v128 is
 * {@code long[] {lo, hi}}, a scalar {@code long[] {value}} (i32 sign-extended, floats as raw bits).
 */
final class SimdEval {
  private SimdEval() {}

  /** Whether {@code op} is a SIMD load or store (handled by {@link #load} and {@link #store}). */
  static boolean isMemory(int op) {
    return op >= PREFIX_SIMD && !supports(op);
  }

  /** Whether {@code op} is a SIMD store. */
  static boolean isStore(int op) {
    return op == V128_STORE || (op >= V128_STORE8_LANE && op <= V128_STORE64_LANE);
  }

  /**
   * The result of the SIMD load {@code op} at effective address {@code ea} (in bounds), with
   * {@code args[1]} the vector operand of the lane loads.
   */
  static long[] load(int op, CodeReader r, long[][] args, byte[] m, int ea) {
    int lane = r.lane;
    switch (op) {
      case V128_LOAD:
        return v(load64(m, ea), load64(m, ea + 8));
      case V128_LOAD8X8_S:
        return v(load8x8S(m, ea), load8x8S(m, ea + 4));
      case V128_LOAD8X8_U:
        return v(load8x8U(m, ea), load8x8U(m, ea + 4));
      case V128_LOAD16X4_S:
        return v(load16x4S(m, ea), load16x4S(m, ea + 4));
      case V128_LOAD16X4_U:
        return v(load16x4U(m, ea), load16x4U(m, ea + 4));
      case V128_LOAD32X2_S:
        return v(load32x2S(m, ea), load32x2S(m, ea + 4));
      case V128_LOAD32X2_U:
        return v(load32x2U(m, ea), load32x2U(m, ea + 4));
      case V128_LOAD8_SPLAT:
        return v(load8Splat(m, ea), load8Splat(m, ea));
      case V128_LOAD16_SPLAT:
        return v(load16Splat(m, ea), load16Splat(m, ea));
      case V128_LOAD32_SPLAT:
        return v(load32Splat(m, ea), load32Splat(m, ea));
      case V128_LOAD64_SPLAT:
        return v(load64(m, ea), load64(m, ea));
      case V128_LOAD32_ZERO:
        return v(load32Zero(m, ea), 0);
      case V128_LOAD64_ZERO:
        return v(load64(m, ea), 0);
      default:
        break;
    }
    long[] a = args[1];
    int half = switch (op) {
      case V128_LOAD8_LANE -> lane / 8;
      case V128_LOAD16_LANE -> lane / 4;
      case V128_LOAD32_LANE -> lane / 2;
      default -> lane;
    };
    long[] out = a.clone();
    switch (op) {
      case V128_LOAD8_LANE -> out[half] = load8Lane(m, ea, a[half], lane);
      case V128_LOAD16_LANE -> out[half] = load16Lane(m, ea, a[half], lane);
      case V128_LOAD32_LANE -> out[half] = load32Lane(m, ea, a[half], lane);
      case V128_LOAD64_LANE -> out[half] = load64Lane(m, ea, a[half], lane);
      default -> throw new IllegalArgumentException("not a SIMD load: " + op);
    }
    return out;
  }

  /** Performs the SIMD store {@code op} of the vector {@code value} at {@code ea} (in bounds). */
  static void store(int op, CodeReader r, long[] value, byte[] m, int ea) {
    int lane = r.lane;
    switch (op) {
      case V128_STORE -> {
        store64(m, ea, value[0]);
        store64(m, ea + 8, value[1]);
      }
      case V128_STORE8_LANE -> store8Lane(m, ea, value[lane / 8], lane);
      case V128_STORE16_LANE -> store16Lane(m, ea, value[lane / 4], lane);
      case V128_STORE32_LANE -> store32Lane(m, ea, value[lane / 2], lane);
      case V128_STORE64_LANE -> store64Lane(m, ea, value[lane], lane);
      default -> throw new IllegalArgumentException("not a SIMD store: " + op);
    }
  }

  /** Whether {@link #eval} handles {@code op} (every SIMD opcode but loads and stores). */
  static boolean supports(int op) {
    return op >= PREFIX_SIMD
        && !(op >= V128_LOAD && op <= V128_STORE)
        && !(op >= V128_LOAD8_LANE && op <= V128_LOAD64_ZERO);
  }

  private static long[] v(long lo, long hi) {
    return new long[] {lo, hi};
  }

  private static long[] lanewise(long[] a, LongUnaryOperator f) {
    return v(f.applyAsLong(a[0]), f.applyAsLong(a[1]));
  }

  private static long[] lanewise(long[] a, long[] b, LongBinaryOperator f) {
    return v(f.applyAsLong(a[0], b[0]), f.applyAsLong(a[1], b[1]));
  }

  private static long[] i(long x) {
    return new long[] {x};
  }

  /** The result of {@code op} (with the immediates in {@code r}) on {@code args}. */
  static long[] eval(int op, CodeReader r, long[][] args) {
    long[] a = args.length > 0 ? args[0] : null;
    long[] b = args.length > 1 ? args[1] : null;
    int lane = r.lane;
    switch (op) {
      case V128_CONST:
        return v(r.v128Low, r.v128High);
      case I8X16_SHUFFLE:
        return v(
            i8x16Shuffle(a[0], a[1], b[0], b[1], r.v128Low),
            i8x16Shuffle(a[0], a[1], b[0], b[1], r.v128High));
      case I8X16_SWIZZLE:
        return v(i8x16Swizzle(a[0], a[1], b[0]), i8x16Swizzle(a[0], a[1], b[1]));
      case I8X16_SPLAT:
        return v(i8x16Splat((int) a[0]), i8x16Splat((int) a[0]));
      case I16X8_SPLAT:
        return v(i16x8Splat((int) a[0]), i16x8Splat((int) a[0]));
      case I32X4_SPLAT:
        return v(i32x4Splat((int) a[0]), i32x4Splat((int) a[0]));
      case I64X2_SPLAT:
        return v(i64x2Splat(a[0]), i64x2Splat(a[0]));
      case F32X4_SPLAT:
        return v(f32x4Splat((int) a[0]), f32x4Splat((int) a[0]));
      case F64X2_SPLAT:
        return v(f64x2Splat(a[0]), f64x2Splat(a[0]));
      case I8X16_EXTRACT_LANE_S:
        return i(i8x16ExtractLaneS(a[lane < 8 ? 0 : 1], lane));
      case I8X16_EXTRACT_LANE_U:
        return i(i8x16ExtractLaneU(a[lane < 8 ? 0 : 1], lane));
      case I16X8_EXTRACT_LANE_S:
        return i(i16x8ExtractLaneS(a[lane < 4 ? 0 : 1], lane));
      case I16X8_EXTRACT_LANE_U:
        return i(i16x8ExtractLaneU(a[lane < 4 ? 0 : 1], lane));
      case I32X4_EXTRACT_LANE:
        return i(i32x4ExtractLane(a[lane < 2 ? 0 : 1], lane));
      case F32X4_EXTRACT_LANE:
        return i(i32x4ExtractLane(a[lane < 2 ? 0 : 1], lane) & 0xFFFF_FFFFL);
      case I64X2_EXTRACT_LANE:
      case F64X2_EXTRACT_LANE:
        return i(i64x2ExtractLane(a[lane], lane));
      case I8X16_REPLACE_LANE:
        return lane < 8
            ? v(i8x16ReplaceLane(a[0], lane, (int) b[0]), a[1])
            : v(a[0], i8x16ReplaceLane(a[1], lane, (int) b[0]));
      case I16X8_REPLACE_LANE:
        return lane < 4
            ? v(i16x8ReplaceLane(a[0], lane, (int) b[0]), a[1])
            : v(a[0], i16x8ReplaceLane(a[1], lane, (int) b[0]));
      case I32X4_REPLACE_LANE:
      case F32X4_REPLACE_LANE:
        return lane < 2
            ? v(i32x4ReplaceLane(a[0], lane, (int) b[0]), a[1])
            : v(a[0], i32x4ReplaceLane(a[1], lane, (int) b[0]));
      case I64X2_REPLACE_LANE:
      case F64X2_REPLACE_LANE:
        return lane == 0 ? v(i64x2ReplaceLane(a[0], 0, b[0]), a[1]) : v(a[0], b[0]);
      case I8X16_EQ:
        return lanewise(a, b, Simd::i8x16Eq);
      case I8X16_NE:
        return lanewise(a, b, Simd::i8x16Ne);
      case I8X16_LT_S:
        return lanewise(a, b, Simd::i8x16LtS);
      case I8X16_LT_U:
        return lanewise(a, b, Simd::i8x16LtU);
      case I8X16_GT_S:
        return lanewise(a, b, Simd::i8x16GtS);
      case I8X16_GT_U:
        return lanewise(a, b, Simd::i8x16GtU);
      case I8X16_LE_S:
        return lanewise(a, b, Simd::i8x16LeS);
      case I8X16_LE_U:
        return lanewise(a, b, Simd::i8x16LeU);
      case I8X16_GE_S:
        return lanewise(a, b, Simd::i8x16GeS);
      case I8X16_GE_U:
        return lanewise(a, b, Simd::i8x16GeU);
      case I16X8_EQ:
        return lanewise(a, b, Simd::i16x8Eq);
      case I16X8_NE:
        return lanewise(a, b, Simd::i16x8Ne);
      case I16X8_LT_S:
        return lanewise(a, b, Simd::i16x8LtS);
      case I16X8_LT_U:
        return lanewise(a, b, Simd::i16x8LtU);
      case I16X8_GT_S:
        return lanewise(a, b, Simd::i16x8GtS);
      case I16X8_GT_U:
        return lanewise(a, b, Simd::i16x8GtU);
      case I16X8_LE_S:
        return lanewise(a, b, Simd::i16x8LeS);
      case I16X8_LE_U:
        return lanewise(a, b, Simd::i16x8LeU);
      case I16X8_GE_S:
        return lanewise(a, b, Simd::i16x8GeS);
      case I16X8_GE_U:
        return lanewise(a, b, Simd::i16x8GeU);
      case I32X4_EQ:
        return lanewise(a, b, Simd::i32x4Eq);
      case I32X4_NE:
        return lanewise(a, b, Simd::i32x4Ne);
      case I32X4_LT_S:
        return lanewise(a, b, Simd::i32x4LtS);
      case I32X4_LT_U:
        return lanewise(a, b, Simd::i32x4LtU);
      case I32X4_GT_S:
        return lanewise(a, b, Simd::i32x4GtS);
      case I32X4_GT_U:
        return lanewise(a, b, Simd::i32x4GtU);
      case I32X4_LE_S:
        return lanewise(a, b, Simd::i32x4LeS);
      case I32X4_LE_U:
        return lanewise(a, b, Simd::i32x4LeU);
      case I32X4_GE_S:
        return lanewise(a, b, Simd::i32x4GeS);
      case I32X4_GE_U:
        return lanewise(a, b, Simd::i32x4GeU);
      case F32X4_EQ:
        return lanewise(a, b, Simd::f32x4Eq);
      case F32X4_NE:
        return lanewise(a, b, Simd::f32x4Ne);
      case F32X4_LT:
        return lanewise(a, b, Simd::f32x4Lt);
      case F32X4_GT:
        return lanewise(a, b, Simd::f32x4Gt);
      case F32X4_LE:
        return lanewise(a, b, Simd::f32x4Le);
      case F32X4_GE:
        return lanewise(a, b, Simd::f32x4Ge);
      case F64X2_EQ:
        return lanewise(a, b, Simd::f64x2Eq);
      case F64X2_NE:
        return lanewise(a, b, Simd::f64x2Ne);
      case F64X2_LT:
        return lanewise(a, b, Simd::f64x2Lt);
      case F64X2_GT:
        return lanewise(a, b, Simd::f64x2Gt);
      case F64X2_LE:
        return lanewise(a, b, Simd::f64x2Le);
      case F64X2_GE:
        return lanewise(a, b, Simd::f64x2Ge);
      case V128_NOT:
        return lanewise(a, Simd::v128Not);
      case V128_AND:
        return lanewise(a, b, Simd::v128And);
      case V128_ANDNOT:
        return lanewise(a, b, Simd::v128Andnot);
      case V128_OR:
        return lanewise(a, b, Simd::v128Or);
      case V128_XOR:
        return lanewise(a, b, Simd::v128Xor);
      case V128_BITSELECT:
        return v(v128Bitselect(a[0], b[0], args[2][0]), v128Bitselect(a[1], b[1], args[2][1]));
      case V128_ANY_TRUE:
        return i(v128AnyTrue(a[0], a[1]));
      case F32X4_DEMOTE_F64X2_ZERO:
        return v(f32x4DemoteF64x2Zero(a[0], a[1]), 0);
      case F64X2_PROMOTE_LOW_F32X4:
        return v(f64x2PromoteLowF32x4((int) a[0]), f64x2PromoteLowF32x4((int) (a[0] >>> 32)));
      case I8X16_ABS:
        return lanewise(a, Simd::i8x16Abs);
      case I8X16_NEG:
        return lanewise(a, Simd::i8x16Neg);
      case I8X16_POPCNT:
        return lanewise(a, Simd::i8x16Popcnt);
      case I8X16_ALL_TRUE:
        return i(i8x16AllTrue(a[0], a[1]));
      case I8X16_BITMASK:
        return i(i8x16Bitmask(a[0], a[1]));
      case I8X16_NARROW_I16X8_S:
        return v(i8x16NarrowI16x8S(a[0], a[1]), i8x16NarrowI16x8S(b[0], b[1]));
      case I8X16_NARROW_I16X8_U:
        return v(i8x16NarrowI16x8U(a[0], a[1]), i8x16NarrowI16x8U(b[0], b[1]));
      case F32X4_CEIL:
        return lanewise(a, Simd::f32x4Ceil);
      case F32X4_FLOOR:
        return lanewise(a, Simd::f32x4Floor);
      case F32X4_TRUNC:
        return lanewise(a, Simd::f32x4Trunc);
      case F32X4_NEAREST:
        return lanewise(a, Simd::f32x4Nearest);
      case I8X16_SHL:
        return v(i8x16Shl(a[0], (int) b[0]), i8x16Shl(a[1], (int) b[0]));
      case I8X16_SHR_S:
        return v(i8x16ShrS(a[0], (int) b[0]), i8x16ShrS(a[1], (int) b[0]));
      case I8X16_SHR_U:
        return v(i8x16ShrU(a[0], (int) b[0]), i8x16ShrU(a[1], (int) b[0]));
      case I8X16_ADD:
        return lanewise(a, b, Simd::i8x16Add);
      case I8X16_ADD_SAT_S:
        return lanewise(a, b, Simd::i8x16AddSatS);
      case I8X16_ADD_SAT_U:
        return lanewise(a, b, Simd::i8x16AddSatU);
      case I8X16_SUB:
        return lanewise(a, b, Simd::i8x16Sub);
      case I8X16_SUB_SAT_S:
        return lanewise(a, b, Simd::i8x16SubSatS);
      case I8X16_SUB_SAT_U:
        return lanewise(a, b, Simd::i8x16SubSatU);
      case F64X2_CEIL:
        return lanewise(a, Simd::f64x2Ceil);
      case F64X2_FLOOR:
        return lanewise(a, Simd::f64x2Floor);
      case I8X16_MIN_S:
        return lanewise(a, b, Simd::i8x16MinS);
      case I8X16_MIN_U:
        return lanewise(a, b, Simd::i8x16MinU);
      case I8X16_MAX_S:
        return lanewise(a, b, Simd::i8x16MaxS);
      case I8X16_MAX_U:
        return lanewise(a, b, Simd::i8x16MaxU);
      case F64X2_TRUNC:
        return lanewise(a, Simd::f64x2Trunc);
      case I8X16_AVGR_U:
        return lanewise(a, b, Simd::i8x16AvgrU);
      case I16X8_EXTADD_PAIRWISE_I8X16_S:
        return lanewise(a, Simd::i16x8ExtaddPairwiseI8x16S);
      case I16X8_EXTADD_PAIRWISE_I8X16_U:
        return lanewise(a, Simd::i16x8ExtaddPairwiseI8x16U);
      case I32X4_EXTADD_PAIRWISE_I16X8_S:
        return lanewise(a, Simd::i32x4ExtaddPairwiseI16x8S);
      case I32X4_EXTADD_PAIRWISE_I16X8_U:
        return lanewise(a, Simd::i32x4ExtaddPairwiseI16x8U);
      case I16X8_ABS:
        return lanewise(a, Simd::i16x8Abs);
      case I16X8_NEG:
        return lanewise(a, Simd::i16x8Neg);
      case I16X8_Q15MULR_SAT_S:
        return lanewise(a, b, Simd::i16x8Q15mulrSatS);
      case I16X8_ALL_TRUE:
        return i(i16x8AllTrue(a[0], a[1]));
      case I16X8_BITMASK:
        return i(i16x8Bitmask(a[0], a[1]));
      case I16X8_NARROW_I32X4_S:
        return v(i16x8NarrowI32x4S(a[0], a[1]), i16x8NarrowI32x4S(b[0], b[1]));
      case I16X8_NARROW_I32X4_U:
        return v(i16x8NarrowI32x4U(a[0], a[1]), i16x8NarrowI32x4U(b[0], b[1]));
      case I16X8_EXTEND_LOW_I8X16_S:
        return v(i16x8ExtendI8x16S((int) a[0]), i16x8ExtendI8x16S((int) (a[0] >>> 32)));
      case I16X8_EXTEND_HIGH_I8X16_S:
        return v(i16x8ExtendI8x16S((int) a[1]), i16x8ExtendI8x16S((int) (a[1] >>> 32)));
      case I16X8_EXTEND_LOW_I8X16_U:
        return v(i16x8ExtendI8x16U((int) a[0]), i16x8ExtendI8x16U((int) (a[0] >>> 32)));
      case I16X8_EXTEND_HIGH_I8X16_U:
        return v(i16x8ExtendI8x16U((int) a[1]), i16x8ExtendI8x16U((int) (a[1] >>> 32)));
      case I16X8_SHL:
        return v(i16x8Shl(a[0], (int) b[0]), i16x8Shl(a[1], (int) b[0]));
      case I16X8_SHR_S:
        return v(i16x8ShrS(a[0], (int) b[0]), i16x8ShrS(a[1], (int) b[0]));
      case I16X8_SHR_U:
        return v(i16x8ShrU(a[0], (int) b[0]), i16x8ShrU(a[1], (int) b[0]));
      case I16X8_ADD:
        return lanewise(a, b, Simd::i16x8Add);
      case I16X8_ADD_SAT_S:
        return lanewise(a, b, Simd::i16x8AddSatS);
      case I16X8_ADD_SAT_U:
        return lanewise(a, b, Simd::i16x8AddSatU);
      case I16X8_SUB:
        return lanewise(a, b, Simd::i16x8Sub);
      case I16X8_SUB_SAT_S:
        return lanewise(a, b, Simd::i16x8SubSatS);
      case I16X8_SUB_SAT_U:
        return lanewise(a, b, Simd::i16x8SubSatU);
      case F64X2_NEAREST:
        return lanewise(a, Simd::f64x2Nearest);
      case I16X8_MUL:
        return lanewise(a, b, Simd::i16x8Mul);
      case I16X8_MIN_S:
        return lanewise(a, b, Simd::i16x8MinS);
      case I16X8_MIN_U:
        return lanewise(a, b, Simd::i16x8MinU);
      case I16X8_MAX_S:
        return lanewise(a, b, Simd::i16x8MaxS);
      case I16X8_MAX_U:
        return lanewise(a, b, Simd::i16x8MaxU);
      case I16X8_AVGR_U:
        return lanewise(a, b, Simd::i16x8AvgrU);
      case I16X8_EXTMUL_LOW_I8X16_S:
        return v(
            i16x8ExtmulI8x16S((int) a[0], (int) b[0]),
            i16x8ExtmulI8x16S((int) (a[0] >>> 32), (int) (b[0] >>> 32)));
      case I16X8_EXTMUL_HIGH_I8X16_S:
        return v(
            i16x8ExtmulI8x16S((int) a[1], (int) b[1]),
            i16x8ExtmulI8x16S((int) (a[1] >>> 32), (int) (b[1] >>> 32)));
      case I16X8_EXTMUL_LOW_I8X16_U:
        return v(
            i16x8ExtmulI8x16U((int) a[0], (int) b[0]),
            i16x8ExtmulI8x16U((int) (a[0] >>> 32), (int) (b[0] >>> 32)));
      case I16X8_EXTMUL_HIGH_I8X16_U:
        return v(
            i16x8ExtmulI8x16U((int) a[1], (int) b[1]),
            i16x8ExtmulI8x16U((int) (a[1] >>> 32), (int) (b[1] >>> 32)));
      case I32X4_ABS:
        return lanewise(a, Simd::i32x4Abs);
      case I32X4_NEG:
        return lanewise(a, Simd::i32x4Neg);
      case I32X4_ALL_TRUE:
        return i(i32x4AllTrue(a[0], a[1]));
      case I32X4_BITMASK:
        return i(i32x4Bitmask(a[0], a[1]));
      case I32X4_EXTEND_LOW_I16X8_S:
        return v(i32x4ExtendI16x8S((int) a[0]), i32x4ExtendI16x8S((int) (a[0] >>> 32)));
      case I32X4_EXTEND_HIGH_I16X8_S:
        return v(i32x4ExtendI16x8S((int) a[1]), i32x4ExtendI16x8S((int) (a[1] >>> 32)));
      case I32X4_EXTEND_LOW_I16X8_U:
        return v(i32x4ExtendI16x8U((int) a[0]), i32x4ExtendI16x8U((int) (a[0] >>> 32)));
      case I32X4_EXTEND_HIGH_I16X8_U:
        return v(i32x4ExtendI16x8U((int) a[1]), i32x4ExtendI16x8U((int) (a[1] >>> 32)));
      case I32X4_SHL:
        return v(i32x4Shl(a[0], (int) b[0]), i32x4Shl(a[1], (int) b[0]));
      case I32X4_SHR_S:
        return v(i32x4ShrS(a[0], (int) b[0]), i32x4ShrS(a[1], (int) b[0]));
      case I32X4_SHR_U:
        return v(i32x4ShrU(a[0], (int) b[0]), i32x4ShrU(a[1], (int) b[0]));
      case I32X4_ADD:
        return lanewise(a, b, Simd::i32x4Add);
      case I32X4_SUB:
        return lanewise(a, b, Simd::i32x4Sub);
      case I32X4_MUL:
        return lanewise(a, b, Simd::i32x4Mul);
      case I32X4_MIN_S:
        return lanewise(a, b, Simd::i32x4MinS);
      case I32X4_MIN_U:
        return lanewise(a, b, Simd::i32x4MinU);
      case I32X4_MAX_S:
        return lanewise(a, b, Simd::i32x4MaxS);
      case I32X4_MAX_U:
        return lanewise(a, b, Simd::i32x4MaxU);
      case I32X4_DOT_I16X8_S:
        return lanewise(a, b, Simd::i32x4DotI16x8S);
      case I32X4_EXTMUL_LOW_I16X8_S:
        return v(
            i32x4ExtmulI16x8S((int) a[0], (int) b[0]),
            i32x4ExtmulI16x8S((int) (a[0] >>> 32), (int) (b[0] >>> 32)));
      case I32X4_EXTMUL_HIGH_I16X8_S:
        return v(
            i32x4ExtmulI16x8S((int) a[1], (int) b[1]),
            i32x4ExtmulI16x8S((int) (a[1] >>> 32), (int) (b[1] >>> 32)));
      case I32X4_EXTMUL_LOW_I16X8_U:
        return v(
            i32x4ExtmulI16x8U((int) a[0], (int) b[0]),
            i32x4ExtmulI16x8U((int) (a[0] >>> 32), (int) (b[0] >>> 32)));
      case I32X4_EXTMUL_HIGH_I16X8_U:
        return v(
            i32x4ExtmulI16x8U((int) a[1], (int) b[1]),
            i32x4ExtmulI16x8U((int) (a[1] >>> 32), (int) (b[1] >>> 32)));
      case I64X2_ABS:
        return lanewise(a, Simd::i64x2Abs);
      case I64X2_NEG:
        return lanewise(a, Simd::i64x2Neg);
      case I64X2_ALL_TRUE:
        return i(i64x2AllTrue(a[0], a[1]));
      case I64X2_BITMASK:
        return i(i64x2Bitmask(a[0], a[1]));
      case I64X2_EXTEND_LOW_I32X4_S:
        return v(i64x2ExtendI32x4S((int) a[0]), i64x2ExtendI32x4S((int) (a[0] >>> 32)));
      case I64X2_EXTEND_HIGH_I32X4_S:
        return v(i64x2ExtendI32x4S((int) a[1]), i64x2ExtendI32x4S((int) (a[1] >>> 32)));
      case I64X2_EXTEND_LOW_I32X4_U:
        return v(i64x2ExtendI32x4U((int) a[0]), i64x2ExtendI32x4U((int) (a[0] >>> 32)));
      case I64X2_EXTEND_HIGH_I32X4_U:
        return v(i64x2ExtendI32x4U((int) a[1]), i64x2ExtendI32x4U((int) (a[1] >>> 32)));
      case I64X2_SHL:
        return v(i64x2Shl(a[0], (int) b[0]), i64x2Shl(a[1], (int) b[0]));
      case I64X2_SHR_S:
        return v(i64x2ShrS(a[0], (int) b[0]), i64x2ShrS(a[1], (int) b[0]));
      case I64X2_SHR_U:
        return v(i64x2ShrU(a[0], (int) b[0]), i64x2ShrU(a[1], (int) b[0]));
      case I64X2_ADD:
        return lanewise(a, b, Simd::i64x2Add);
      case I64X2_SUB:
        return lanewise(a, b, Simd::i64x2Sub);
      case I64X2_MUL:
        return lanewise(a, b, Simd::i64x2Mul);
      case I64X2_EQ:
        return lanewise(a, b, Simd::i64x2Eq);
      case I64X2_NE:
        return lanewise(a, b, Simd::i64x2Ne);
      case I64X2_LT_S:
        return lanewise(a, b, Simd::i64x2LtS);
      case I64X2_GT_S:
        return lanewise(a, b, Simd::i64x2GtS);
      case I64X2_LE_S:
        return lanewise(a, b, Simd::i64x2LeS);
      case I64X2_GE_S:
        return lanewise(a, b, Simd::i64x2GeS);
      case I64X2_EXTMUL_LOW_I32X4_S:
        return v(
            i64x2ExtmulI32x4S((int) a[0], (int) b[0]),
            i64x2ExtmulI32x4S((int) (a[0] >>> 32), (int) (b[0] >>> 32)));
      case I64X2_EXTMUL_HIGH_I32X4_S:
        return v(
            i64x2ExtmulI32x4S((int) a[1], (int) b[1]),
            i64x2ExtmulI32x4S((int) (a[1] >>> 32), (int) (b[1] >>> 32)));
      case I64X2_EXTMUL_LOW_I32X4_U:
        return v(
            i64x2ExtmulI32x4U((int) a[0], (int) b[0]),
            i64x2ExtmulI32x4U((int) (a[0] >>> 32), (int) (b[0] >>> 32)));
      case I64X2_EXTMUL_HIGH_I32X4_U:
        return v(
            i64x2ExtmulI32x4U((int) a[1], (int) b[1]),
            i64x2ExtmulI32x4U((int) (a[1] >>> 32), (int) (b[1] >>> 32)));
      case F32X4_ABS:
        return lanewise(a, Simd::f32x4Abs);
      case F32X4_NEG:
        return lanewise(a, Simd::f32x4Neg);
      case F32X4_SQRT:
        return lanewise(a, Simd::f32x4Sqrt);
      case F32X4_ADD:
        return lanewise(a, b, Simd::f32x4Add);
      case F32X4_SUB:
        return lanewise(a, b, Simd::f32x4Sub);
      case F32X4_MUL:
        return lanewise(a, b, Simd::f32x4Mul);
      case F32X4_DIV:
        return lanewise(a, b, Simd::f32x4Div);
      case F32X4_MIN:
        return lanewise(a, b, Simd::f32x4Min);
      case F32X4_MAX:
        return lanewise(a, b, Simd::f32x4Max);
      case F32X4_PMIN:
        return lanewise(a, b, Simd::f32x4Pmin);
      case F32X4_PMAX:
        return lanewise(a, b, Simd::f32x4Pmax);
      case F64X2_ABS:
        return lanewise(a, Simd::f64x2Abs);
      case F64X2_NEG:
        return lanewise(a, Simd::f64x2Neg);
      case F64X2_SQRT:
        return lanewise(a, Simd::f64x2Sqrt);
      case F64X2_ADD:
        return lanewise(a, b, Simd::f64x2Add);
      case F64X2_SUB:
        return lanewise(a, b, Simd::f64x2Sub);
      case F64X2_MUL:
        return lanewise(a, b, Simd::f64x2Mul);
      case F64X2_DIV:
        return lanewise(a, b, Simd::f64x2Div);
      case F64X2_MIN:
        return lanewise(a, b, Simd::f64x2Min);
      case F64X2_MAX:
        return lanewise(a, b, Simd::f64x2Max);
      case F64X2_PMIN:
        return lanewise(a, b, Simd::f64x2Pmin);
      case F64X2_PMAX:
        return lanewise(a, b, Simd::f64x2Pmax);
      case I32X4_TRUNC_SAT_F32X4_S:
        return lanewise(a, Simd::i32x4TruncSatF32x4S);
      case I32X4_TRUNC_SAT_F32X4_U:
        return lanewise(a, Simd::i32x4TruncSatF32x4U);
      case F32X4_CONVERT_I32X4_S:
        return lanewise(a, Simd::f32x4ConvertI32x4S);
      case F32X4_CONVERT_I32X4_U:
        return lanewise(a, Simd::f32x4ConvertI32x4U);
      case I32X4_TRUNC_SAT_F64X2_S_ZERO:
        return v(i32x4TruncSatF64x2SZero(a[0], a[1]), 0);
      case I32X4_TRUNC_SAT_F64X2_U_ZERO:
        return v(i32x4TruncSatF64x2UZero(a[0], a[1]), 0);
      case F64X2_CONVERT_LOW_I32X4_S:
        return v(f64x2ConvertLowI32x4S((int) a[0]), f64x2ConvertLowI32x4S((int) (a[0] >>> 32)));
      case F64X2_CONVERT_LOW_I32X4_U:
        return v(f64x2ConvertLowI32x4U((int) a[0]), f64x2ConvertLowI32x4U((int) (a[0] >>> 32)));
      default:
        throw new IllegalArgumentException("not a non-memory SIMD opcode: " + op);
    }
  }
}
