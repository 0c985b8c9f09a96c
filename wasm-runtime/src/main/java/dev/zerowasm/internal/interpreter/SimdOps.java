package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.internal.simd.Simd.*;
import static dev.zerowasm.internal.wasm.Opcodes.*;

import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;

/**
 * The interpreter's SIMD instructions, run out of the main loop (one dispatch from {@link
 * Op#SIMD}) so that the loop stays small enough for the JIT; the semantics are those of {@link
 * dev.zerowasm.internal.simd.Simd}, called once per 64-bit half.
 *
 * <p>A v128 value takes two consecutive frame slots, low half first (see {@link Translator}). Every
 * SIMD instruction has the same format, {@link #SIZE} ints: {@code [Op.SIMD, op, dst, a, b, c, i0,
 * i1, i2, i3]}, where {@code op} is the WebAssembly opcode ({@code PREFIX_SIMD | sub}) or one of the
 * interpreter's own v128 moves below, {@code a, b, c} are the operand slots in WebAssembly operand
 * order (unused ones 0), and {@code i0..i3} immediates: the lane of lane instructions; for memory
 * instructions the offset in {@code i0} and the lane in {@code i1}; the four 32-bit words of a
 * {@code v128.const} or of the {@code i8x16.shuffle} lane indices (low word first); the global index
 * of the global moves. All operands are read before the result is written, so the result may
 * overwrite an operand's slots.
 */
final class SimdOps {
  private SimdOps() {}

  /** The length in ints of every SIMD instruction, {@link Op#SIMD} included. */
  static final int SIZE = 10;

  /** [dst, a] copies the v128 in a. */
  static final int COPY = 1;

  /** [dst, a, b, c] dst = c != 0 ? a : b, for v128 operands. */
  static final int SELECT = 2;

  /** [dst; i0 = global] reads a v128 global. */
  static final int GLOBAL_GET = 3;

  /** [a; i0 = global] writes a v128 global. */
  static final int GLOBAL_SET = 4;

  /**
   * Runs the SIMD instruction whose opcode word is at {@code pc} (just after {@link Op#SIMD}) and
   * returns the pc of the next instruction.
   */
  static int run(int[] code, int pc, long[] s, int fp, byte[] mem, ModuleInstance inst) {
    int op = code[pc];
    int d = fp + code[pc + 1];
    int a = fp + code[pc + 2];
    int b = fp + code[pc + 3];
    int c = fp + code[pc + 4];
    int i0 = code[pc + 5];
    int i1 = code[pc + 6];
    int i2 = code[pc + 7];
    int i3 = code[pc + 8];
    int next = pc + SIZE - 1;
    long a0 = s[a];
    long a1 = s[a + 1];
    long b0 = s[b];
    long b1 = s[b + 1];
    int lane = i0;
    long r0;
    long r1;
    switch (op) {
      case COPY:
        r0 = a0;
        r1 = a1;
        break;
      case SELECT:
        if ((int) s[c] != 0) {
          r0 = a0;
          r1 = a1;
        } else {
          r0 = b0;
          r1 = b1;
        }
        break;
      case GLOBAL_GET:
        {
          GlobalInstance g = inst.globals[i0];
          r0 = g.value;
          r1 = g.valueHigh;
          break;
        }
      case GLOBAL_SET:
        {
          GlobalInstance g = inst.globals[i0];
          g.value = a0;
          g.valueHigh = a1;
          return next;
        }
      case V128_CONST:
        r0 = (i0 & 0xFFFF_FFFFL) | ((long) i1 << 32);
        r1 = (i2 & 0xFFFF_FFFFL) | ((long) i3 << 32);
        break;
      default:
        if (op <= V128_STORE || (op >= V128_LOAD8_LANE && op <= V128_LOAD64_ZERO)) {
          memory(op, d, a0, b0, b1, i0, i1, s, mem);
          return next;
        }
        long k0;
        long k1;
        long c0 = s[c];
        long c1 = s[c + 1];
        switch (op) {
          case I8X16_SHUFFLE:
            k0 = (i0 & 0xFFFF_FFFFL) | ((long) i1 << 32);
            k1 = (i2 & 0xFFFF_FFFFL) | ((long) i3 << 32);
            r0 = i8x16Shuffle(a0, a1, b0, b1, k0);
            r1 = i8x16Shuffle(a0, a1, b0, b1, k1);
            break;
          case I8X16_RELAXED_SWIZZLE:
          case I8X16_SWIZZLE:
            r0 = i8x16Swizzle(a0, a1, b0);
            r1 = i8x16Swizzle(a0, a1, b1);
            break;
          case I8X16_SPLAT:
            r0 = i8x16Splat((int) a0);
            r1 = i8x16Splat((int) a0);
            break;
          case I16X8_SPLAT:
            r0 = i16x8Splat((int) a0);
            r1 = i16x8Splat((int) a0);
            break;
          case I32X4_SPLAT:
            r0 = i32x4Splat((int) a0);
            r1 = i32x4Splat((int) a0);
            break;
          case I64X2_SPLAT:
            r0 = i64x2Splat(a0);
            r1 = i64x2Splat(a0);
            break;
          case F32X4_SPLAT:
            r0 = f32x4Splat((int) a0);
            r1 = f32x4Splat((int) a0);
            break;
          case F64X2_SPLAT:
            r0 = f64x2Splat(a0);
            r1 = f64x2Splat(a0);
            break;
          case I8X16_EXTRACT_LANE_S:
            s[d] = i8x16ExtractLaneS((lane < 8 ? a0 : a1), lane);
            return next;
          case I8X16_EXTRACT_LANE_U:
            s[d] = i8x16ExtractLaneU((lane < 8 ? a0 : a1), lane);
            return next;
          case I16X8_EXTRACT_LANE_S:
            s[d] = i16x8ExtractLaneS((lane < 4 ? a0 : a1), lane);
            return next;
          case I16X8_EXTRACT_LANE_U:
            s[d] = i16x8ExtractLaneU((lane < 4 ? a0 : a1), lane);
            return next;
          case I32X4_EXTRACT_LANE:
            s[d] = i32x4ExtractLane((lane < 2 ? a0 : a1), lane);
            return next;
          case F32X4_EXTRACT_LANE:
            s[d] = i32x4ExtractLane((lane < 2 ? a0 : a1), lane) & 0xFFFF_FFFFL;
            return next;
          case I64X2_EXTRACT_LANE:
          case F64X2_EXTRACT_LANE:
            s[d] = i64x2ExtractLane((lane == 0 ? a0 : a1), lane);
            return next;
          case I8X16_REPLACE_LANE:
            if (lane < 8) {
              r0 = i8x16ReplaceLane(a0, lane, (int) b0);
              r1 = a1;
            } else {
              r0 = a0;
              r1 = i8x16ReplaceLane(a1, lane, (int) b0);
            }
            break;
          case I16X8_REPLACE_LANE:
            if (lane < 4) {
              r0 = i16x8ReplaceLane(a0, lane, (int) b0);
              r1 = a1;
            } else {
              r0 = a0;
              r1 = i16x8ReplaceLane(a1, lane, (int) b0);
            }
            break;
          case I32X4_REPLACE_LANE:
          case F32X4_REPLACE_LANE:
            if (lane < 2) {
              r0 = i32x4ReplaceLane(a0, lane, (int) b0);
              r1 = a1;
            } else {
              r0 = a0;
              r1 = i32x4ReplaceLane(a1, lane, (int) b0);
            }
            break;
          case I64X2_REPLACE_LANE:
          case F64X2_REPLACE_LANE:
            if (lane == 0) {
              r0 = i64x2ReplaceLane(a0, 0, b0);
              r1 = a1;
            } else {
              r0 = a0;
              r1 = b0;
            }
            break;
          case I8X16_EQ:
            r0 = i8x16Eq(a0, b0);
            r1 = i8x16Eq(a1, b1);
            break;
          case I8X16_NE:
            r0 = i8x16Ne(a0, b0);
            r1 = i8x16Ne(a1, b1);
            break;
          case I8X16_LT_S:
            r0 = i8x16LtS(a0, b0);
            r1 = i8x16LtS(a1, b1);
            break;
          case I8X16_LT_U:
            r0 = i8x16LtU(a0, b0);
            r1 = i8x16LtU(a1, b1);
            break;
          case I8X16_GT_S:
            r0 = i8x16GtS(a0, b0);
            r1 = i8x16GtS(a1, b1);
            break;
          case I8X16_GT_U:
            r0 = i8x16GtU(a0, b0);
            r1 = i8x16GtU(a1, b1);
            break;
          case I8X16_LE_S:
            r0 = i8x16LeS(a0, b0);
            r1 = i8x16LeS(a1, b1);
            break;
          case I8X16_LE_U:
            r0 = i8x16LeU(a0, b0);
            r1 = i8x16LeU(a1, b1);
            break;
          case I8X16_GE_S:
            r0 = i8x16GeS(a0, b0);
            r1 = i8x16GeS(a1, b1);
            break;
          case I8X16_GE_U:
            r0 = i8x16GeU(a0, b0);
            r1 = i8x16GeU(a1, b1);
            break;
          case I16X8_EQ:
            r0 = i16x8Eq(a0, b0);
            r1 = i16x8Eq(a1, b1);
            break;
          case I16X8_NE:
            r0 = i16x8Ne(a0, b0);
            r1 = i16x8Ne(a1, b1);
            break;
          case I16X8_LT_S:
            r0 = i16x8LtS(a0, b0);
            r1 = i16x8LtS(a1, b1);
            break;
          case I16X8_LT_U:
            r0 = i16x8LtU(a0, b0);
            r1 = i16x8LtU(a1, b1);
            break;
          case I16X8_GT_S:
            r0 = i16x8GtS(a0, b0);
            r1 = i16x8GtS(a1, b1);
            break;
          case I16X8_GT_U:
            r0 = i16x8GtU(a0, b0);
            r1 = i16x8GtU(a1, b1);
            break;
          case I16X8_LE_S:
            r0 = i16x8LeS(a0, b0);
            r1 = i16x8LeS(a1, b1);
            break;
          case I16X8_LE_U:
            r0 = i16x8LeU(a0, b0);
            r1 = i16x8LeU(a1, b1);
            break;
          case I16X8_GE_S:
            r0 = i16x8GeS(a0, b0);
            r1 = i16x8GeS(a1, b1);
            break;
          case I16X8_GE_U:
            r0 = i16x8GeU(a0, b0);
            r1 = i16x8GeU(a1, b1);
            break;
          case I32X4_EQ:
            r0 = i32x4Eq(a0, b0);
            r1 = i32x4Eq(a1, b1);
            break;
          case I32X4_NE:
            r0 = i32x4Ne(a0, b0);
            r1 = i32x4Ne(a1, b1);
            break;
          case I32X4_LT_S:
            r0 = i32x4LtS(a0, b0);
            r1 = i32x4LtS(a1, b1);
            break;
          case I32X4_LT_U:
            r0 = i32x4LtU(a0, b0);
            r1 = i32x4LtU(a1, b1);
            break;
          case I32X4_GT_S:
            r0 = i32x4GtS(a0, b0);
            r1 = i32x4GtS(a1, b1);
            break;
          case I32X4_GT_U:
            r0 = i32x4GtU(a0, b0);
            r1 = i32x4GtU(a1, b1);
            break;
          case I32X4_LE_S:
            r0 = i32x4LeS(a0, b0);
            r1 = i32x4LeS(a1, b1);
            break;
          case I32X4_LE_U:
            r0 = i32x4LeU(a0, b0);
            r1 = i32x4LeU(a1, b1);
            break;
          case I32X4_GE_S:
            r0 = i32x4GeS(a0, b0);
            r1 = i32x4GeS(a1, b1);
            break;
          case I32X4_GE_U:
            r0 = i32x4GeU(a0, b0);
            r1 = i32x4GeU(a1, b1);
            break;
          case F32X4_EQ:
            r0 = f32x4Eq(a0, b0);
            r1 = f32x4Eq(a1, b1);
            break;
          case F32X4_NE:
            r0 = f32x4Ne(a0, b0);
            r1 = f32x4Ne(a1, b1);
            break;
          case F32X4_LT:
            r0 = f32x4Lt(a0, b0);
            r1 = f32x4Lt(a1, b1);
            break;
          case F32X4_GT:
            r0 = f32x4Gt(a0, b0);
            r1 = f32x4Gt(a1, b1);
            break;
          case F32X4_LE:
            r0 = f32x4Le(a0, b0);
            r1 = f32x4Le(a1, b1);
            break;
          case F32X4_GE:
            r0 = f32x4Ge(a0, b0);
            r1 = f32x4Ge(a1, b1);
            break;
          case F64X2_EQ:
            r0 = f64x2Eq(a0, b0);
            r1 = f64x2Eq(a1, b1);
            break;
          case F64X2_NE:
            r0 = f64x2Ne(a0, b0);
            r1 = f64x2Ne(a1, b1);
            break;
          case F64X2_LT:
            r0 = f64x2Lt(a0, b0);
            r1 = f64x2Lt(a1, b1);
            break;
          case F64X2_GT:
            r0 = f64x2Gt(a0, b0);
            r1 = f64x2Gt(a1, b1);
            break;
          case F64X2_LE:
            r0 = f64x2Le(a0, b0);
            r1 = f64x2Le(a1, b1);
            break;
          case F64X2_GE:
            r0 = f64x2Ge(a0, b0);
            r1 = f64x2Ge(a1, b1);
            break;
          case V128_NOT:
            r0 = v128Not(a0);
            r1 = v128Not(a1);
            break;
          case V128_AND:
            r0 = v128And(a0, b0);
            r1 = v128And(a1, b1);
            break;
          case V128_ANDNOT:
            r0 = v128Andnot(a0, b0);
            r1 = v128Andnot(a1, b1);
            break;
          case V128_OR:
            r0 = v128Or(a0, b0);
            r1 = v128Or(a1, b1);
            break;
          case V128_XOR:
            r0 = v128Xor(a0, b0);
            r1 = v128Xor(a1, b1);
            break;
          case V128_BITSELECT:
          case I8X16_RELAXED_LANESELECT:
          case I16X8_RELAXED_LANESELECT:
          case I32X4_RELAXED_LANESELECT:
          case I64X2_RELAXED_LANESELECT:
            r0 = v128Bitselect(a0, b0, c0);
            r1 = v128Bitselect(a1, b1, c1);
            break;
          case F32X4_RELAXED_MADD:
            r0 = f32x4RelaxedMadd(a0, b0, c0);
            r1 = f32x4RelaxedMadd(a1, b1, c1);
            break;
          case F32X4_RELAXED_NMADD:
            r0 = f32x4RelaxedNmadd(a0, b0, c0);
            r1 = f32x4RelaxedNmadd(a1, b1, c1);
            break;
          case F64X2_RELAXED_MADD:
            r0 = f64x2RelaxedMadd(a0, b0, c0);
            r1 = f64x2RelaxedMadd(a1, b1, c1);
            break;
          case F64X2_RELAXED_NMADD:
            r0 = f64x2RelaxedNmadd(a0, b0, c0);
            r1 = f64x2RelaxedNmadd(a1, b1, c1);
            break;
          case I16X8_RELAXED_DOT_I8X16_I7X16_S:
            r0 = i16x8RelaxedDotI8x16I7x16S(a0, b0);
            r1 = i16x8RelaxedDotI8x16I7x16S(a1, b1);
            break;
          case I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S:
            r0 = i32x4RelaxedDotI8x16I7x16AddS(a0, b0, c0);
            r1 = i32x4RelaxedDotI8x16I7x16AddS(a1, b1, c1);
            break;
          case V128_ANY_TRUE:
            s[d] = v128AnyTrue(a0, a1);
            return next;
          case F32X4_DEMOTE_F64X2_ZERO:
            r0 = f32x4DemoteF64x2Zero(a0, a1);
            r1 = 0;
            break;
          case F64X2_PROMOTE_LOW_F32X4:
            r0 = f64x2PromoteLowF32x4((int) a0);
            r1 = f64x2PromoteLowF32x4((int) (a0 >>> 32));
            break;
          case I8X16_ABS:
            r0 = i8x16Abs(a0);
            r1 = i8x16Abs(a1);
            break;
          case I8X16_NEG:
            r0 = i8x16Neg(a0);
            r1 = i8x16Neg(a1);
            break;
          case I8X16_POPCNT:
            r0 = i8x16Popcnt(a0);
            r1 = i8x16Popcnt(a1);
            break;
          case I8X16_ALL_TRUE:
            s[d] = i8x16AllTrue(a0, a1);
            return next;
          case I8X16_BITMASK:
            s[d] = i8x16Bitmask(a0, a1);
            return next;
          case I8X16_NARROW_I16X8_S:
            r0 = i8x16NarrowI16x8S(a0, a1);
            r1 = i8x16NarrowI16x8S(b0, b1);
            break;
          case I8X16_NARROW_I16X8_U:
            r0 = i8x16NarrowI16x8U(a0, a1);
            r1 = i8x16NarrowI16x8U(b0, b1);
            break;
          case F32X4_CEIL:
            r0 = f32x4Ceil(a0);
            r1 = f32x4Ceil(a1);
            break;
          case F32X4_FLOOR:
            r0 = f32x4Floor(a0);
            r1 = f32x4Floor(a1);
            break;
          case F32X4_TRUNC:
            r0 = f32x4Trunc(a0);
            r1 = f32x4Trunc(a1);
            break;
          case F32X4_NEAREST:
            r0 = f32x4Nearest(a0);
            r1 = f32x4Nearest(a1);
            break;
          case I8X16_SHL:
            r0 = i8x16Shl(a0, (int) b0);
            r1 = i8x16Shl(a1, (int) b0);
            break;
          case I8X16_SHR_S:
            r0 = i8x16ShrS(a0, (int) b0);
            r1 = i8x16ShrS(a1, (int) b0);
            break;
          case I8X16_SHR_U:
            r0 = i8x16ShrU(a0, (int) b0);
            r1 = i8x16ShrU(a1, (int) b0);
            break;
          case I8X16_ADD:
            r0 = i8x16Add(a0, b0);
            r1 = i8x16Add(a1, b1);
            break;
          case I8X16_ADD_SAT_S:
            r0 = i8x16AddSatS(a0, b0);
            r1 = i8x16AddSatS(a1, b1);
            break;
          case I8X16_ADD_SAT_U:
            r0 = i8x16AddSatU(a0, b0);
            r1 = i8x16AddSatU(a1, b1);
            break;
          case I8X16_SUB:
            r0 = i8x16Sub(a0, b0);
            r1 = i8x16Sub(a1, b1);
            break;
          case I8X16_SUB_SAT_S:
            r0 = i8x16SubSatS(a0, b0);
            r1 = i8x16SubSatS(a1, b1);
            break;
          case I8X16_SUB_SAT_U:
            r0 = i8x16SubSatU(a0, b0);
            r1 = i8x16SubSatU(a1, b1);
            break;
          case F64X2_CEIL:
            r0 = f64x2Ceil(a0);
            r1 = f64x2Ceil(a1);
            break;
          case F64X2_FLOOR:
            r0 = f64x2Floor(a0);
            r1 = f64x2Floor(a1);
            break;
          case I8X16_MIN_S:
            r0 = i8x16MinS(a0, b0);
            r1 = i8x16MinS(a1, b1);
            break;
          case I8X16_MIN_U:
            r0 = i8x16MinU(a0, b0);
            r1 = i8x16MinU(a1, b1);
            break;
          case I8X16_MAX_S:
            r0 = i8x16MaxS(a0, b0);
            r1 = i8x16MaxS(a1, b1);
            break;
          case I8X16_MAX_U:
            r0 = i8x16MaxU(a0, b0);
            r1 = i8x16MaxU(a1, b1);
            break;
          case F64X2_TRUNC:
            r0 = f64x2Trunc(a0);
            r1 = f64x2Trunc(a1);
            break;
          case I8X16_AVGR_U:
            r0 = i8x16AvgrU(a0, b0);
            r1 = i8x16AvgrU(a1, b1);
            break;
          case I16X8_EXTADD_PAIRWISE_I8X16_S:
            r0 = i16x8ExtaddPairwiseI8x16S(a0);
            r1 = i16x8ExtaddPairwiseI8x16S(a1);
            break;
          case I16X8_EXTADD_PAIRWISE_I8X16_U:
            r0 = i16x8ExtaddPairwiseI8x16U(a0);
            r1 = i16x8ExtaddPairwiseI8x16U(a1);
            break;
          case I32X4_EXTADD_PAIRWISE_I16X8_S:
            r0 = i32x4ExtaddPairwiseI16x8S(a0);
            r1 = i32x4ExtaddPairwiseI16x8S(a1);
            break;
          case I32X4_EXTADD_PAIRWISE_I16X8_U:
            r0 = i32x4ExtaddPairwiseI16x8U(a0);
            r1 = i32x4ExtaddPairwiseI16x8U(a1);
            break;
          case I16X8_ABS:
            r0 = i16x8Abs(a0);
            r1 = i16x8Abs(a1);
            break;
          case I16X8_NEG:
            r0 = i16x8Neg(a0);
            r1 = i16x8Neg(a1);
            break;
          case I16X8_RELAXED_Q15MULR_S:
          case I16X8_Q15MULR_SAT_S:
            r0 = i16x8Q15mulrSatS(a0, b0);
            r1 = i16x8Q15mulrSatS(a1, b1);
            break;
          case I16X8_ALL_TRUE:
            s[d] = i16x8AllTrue(a0, a1);
            return next;
          case I16X8_BITMASK:
            s[d] = i16x8Bitmask(a0, a1);
            return next;
          case I16X8_NARROW_I32X4_S:
            r0 = i16x8NarrowI32x4S(a0, a1);
            r1 = i16x8NarrowI32x4S(b0, b1);
            break;
          case I16X8_NARROW_I32X4_U:
            r0 = i16x8NarrowI32x4U(a0, a1);
            r1 = i16x8NarrowI32x4U(b0, b1);
            break;
          case I16X8_EXTEND_LOW_I8X16_S:
            r0 = i16x8ExtendI8x16S((int) a0);
            r1 = i16x8ExtendI8x16S((int) (a0 >>> 32));
            break;
          case I16X8_EXTEND_HIGH_I8X16_S:
            r0 = i16x8ExtendI8x16S((int) a1);
            r1 = i16x8ExtendI8x16S((int) (a1 >>> 32));
            break;
          case I16X8_EXTEND_LOW_I8X16_U:
            r0 = i16x8ExtendI8x16U((int) a0);
            r1 = i16x8ExtendI8x16U((int) (a0 >>> 32));
            break;
          case I16X8_EXTEND_HIGH_I8X16_U:
            r0 = i16x8ExtendI8x16U((int) a1);
            r1 = i16x8ExtendI8x16U((int) (a1 >>> 32));
            break;
          case I16X8_SHL:
            r0 = i16x8Shl(a0, (int) b0);
            r1 = i16x8Shl(a1, (int) b0);
            break;
          case I16X8_SHR_S:
            r0 = i16x8ShrS(a0, (int) b0);
            r1 = i16x8ShrS(a1, (int) b0);
            break;
          case I16X8_SHR_U:
            r0 = i16x8ShrU(a0, (int) b0);
            r1 = i16x8ShrU(a1, (int) b0);
            break;
          case I16X8_ADD:
            r0 = i16x8Add(a0, b0);
            r1 = i16x8Add(a1, b1);
            break;
          case I16X8_ADD_SAT_S:
            r0 = i16x8AddSatS(a0, b0);
            r1 = i16x8AddSatS(a1, b1);
            break;
          case I16X8_ADD_SAT_U:
            r0 = i16x8AddSatU(a0, b0);
            r1 = i16x8AddSatU(a1, b1);
            break;
          case I16X8_SUB:
            r0 = i16x8Sub(a0, b0);
            r1 = i16x8Sub(a1, b1);
            break;
          case I16X8_SUB_SAT_S:
            r0 = i16x8SubSatS(a0, b0);
            r1 = i16x8SubSatS(a1, b1);
            break;
          case I16X8_SUB_SAT_U:
            r0 = i16x8SubSatU(a0, b0);
            r1 = i16x8SubSatU(a1, b1);
            break;
          case F64X2_NEAREST:
            r0 = f64x2Nearest(a0);
            r1 = f64x2Nearest(a1);
            break;
          case I16X8_MUL:
            r0 = i16x8Mul(a0, b0);
            r1 = i16x8Mul(a1, b1);
            break;
          case I16X8_MIN_S:
            r0 = i16x8MinS(a0, b0);
            r1 = i16x8MinS(a1, b1);
            break;
          case I16X8_MIN_U:
            r0 = i16x8MinU(a0, b0);
            r1 = i16x8MinU(a1, b1);
            break;
          case I16X8_MAX_S:
            r0 = i16x8MaxS(a0, b0);
            r1 = i16x8MaxS(a1, b1);
            break;
          case I16X8_MAX_U:
            r0 = i16x8MaxU(a0, b0);
            r1 = i16x8MaxU(a1, b1);
            break;
          case I16X8_AVGR_U:
            r0 = i16x8AvgrU(a0, b0);
            r1 = i16x8AvgrU(a1, b1);
            break;
          case I16X8_EXTMUL_LOW_I8X16_S:
            r0 = i16x8ExtmulI8x16S((int) a0, (int) b0);
            r1 = i16x8ExtmulI8x16S((int) (a0 >>> 32), (int) (b0 >>> 32));
            break;
          case I16X8_EXTMUL_HIGH_I8X16_S:
            r0 = i16x8ExtmulI8x16S((int) a1, (int) b1);
            r1 = i16x8ExtmulI8x16S((int) (a1 >>> 32), (int) (b1 >>> 32));
            break;
          case I16X8_EXTMUL_LOW_I8X16_U:
            r0 = i16x8ExtmulI8x16U((int) a0, (int) b0);
            r1 = i16x8ExtmulI8x16U((int) (a0 >>> 32), (int) (b0 >>> 32));
            break;
          case I16X8_EXTMUL_HIGH_I8X16_U:
            r0 = i16x8ExtmulI8x16U((int) a1, (int) b1);
            r1 = i16x8ExtmulI8x16U((int) (a1 >>> 32), (int) (b1 >>> 32));
            break;
          case I32X4_ABS:
            r0 = i32x4Abs(a0);
            r1 = i32x4Abs(a1);
            break;
          case I32X4_NEG:
            r0 = i32x4Neg(a0);
            r1 = i32x4Neg(a1);
            break;
          case I32X4_ALL_TRUE:
            s[d] = i32x4AllTrue(a0, a1);
            return next;
          case I32X4_BITMASK:
            s[d] = i32x4Bitmask(a0, a1);
            return next;
          case I32X4_EXTEND_LOW_I16X8_S:
            r0 = i32x4ExtendI16x8S((int) a0);
            r1 = i32x4ExtendI16x8S((int) (a0 >>> 32));
            break;
          case I32X4_EXTEND_HIGH_I16X8_S:
            r0 = i32x4ExtendI16x8S((int) a1);
            r1 = i32x4ExtendI16x8S((int) (a1 >>> 32));
            break;
          case I32X4_EXTEND_LOW_I16X8_U:
            r0 = i32x4ExtendI16x8U((int) a0);
            r1 = i32x4ExtendI16x8U((int) (a0 >>> 32));
            break;
          case I32X4_EXTEND_HIGH_I16X8_U:
            r0 = i32x4ExtendI16x8U((int) a1);
            r1 = i32x4ExtendI16x8U((int) (a1 >>> 32));
            break;
          case I32X4_SHL:
            r0 = i32x4Shl(a0, (int) b0);
            r1 = i32x4Shl(a1, (int) b0);
            break;
          case I32X4_SHR_S:
            r0 = i32x4ShrS(a0, (int) b0);
            r1 = i32x4ShrS(a1, (int) b0);
            break;
          case I32X4_SHR_U:
            r0 = i32x4ShrU(a0, (int) b0);
            r1 = i32x4ShrU(a1, (int) b0);
            break;
          case I32X4_ADD:
            r0 = i32x4Add(a0, b0);
            r1 = i32x4Add(a1, b1);
            break;
          case I32X4_SUB:
            r0 = i32x4Sub(a0, b0);
            r1 = i32x4Sub(a1, b1);
            break;
          case I32X4_MUL:
            r0 = i32x4Mul(a0, b0);
            r1 = i32x4Mul(a1, b1);
            break;
          case I32X4_MIN_S:
            r0 = i32x4MinS(a0, b0);
            r1 = i32x4MinS(a1, b1);
            break;
          case I32X4_MIN_U:
            r0 = i32x4MinU(a0, b0);
            r1 = i32x4MinU(a1, b1);
            break;
          case I32X4_MAX_S:
            r0 = i32x4MaxS(a0, b0);
            r1 = i32x4MaxS(a1, b1);
            break;
          case I32X4_MAX_U:
            r0 = i32x4MaxU(a0, b0);
            r1 = i32x4MaxU(a1, b1);
            break;
          case I32X4_DOT_I16X8_S:
            r0 = i32x4DotI16x8S(a0, b0);
            r1 = i32x4DotI16x8S(a1, b1);
            break;
          case I32X4_EXTMUL_LOW_I16X8_S:
            r0 = i32x4ExtmulI16x8S((int) a0, (int) b0);
            r1 = i32x4ExtmulI16x8S((int) (a0 >>> 32), (int) (b0 >>> 32));
            break;
          case I32X4_EXTMUL_HIGH_I16X8_S:
            r0 = i32x4ExtmulI16x8S((int) a1, (int) b1);
            r1 = i32x4ExtmulI16x8S((int) (a1 >>> 32), (int) (b1 >>> 32));
            break;
          case I32X4_EXTMUL_LOW_I16X8_U:
            r0 = i32x4ExtmulI16x8U((int) a0, (int) b0);
            r1 = i32x4ExtmulI16x8U((int) (a0 >>> 32), (int) (b0 >>> 32));
            break;
          case I32X4_EXTMUL_HIGH_I16X8_U:
            r0 = i32x4ExtmulI16x8U((int) a1, (int) b1);
            r1 = i32x4ExtmulI16x8U((int) (a1 >>> 32), (int) (b1 >>> 32));
            break;
          case I64X2_ABS:
            r0 = i64x2Abs(a0);
            r1 = i64x2Abs(a1);
            break;
          case I64X2_NEG:
            r0 = i64x2Neg(a0);
            r1 = i64x2Neg(a1);
            break;
          case I64X2_ALL_TRUE:
            s[d] = i64x2AllTrue(a0, a1);
            return next;
          case I64X2_BITMASK:
            s[d] = i64x2Bitmask(a0, a1);
            return next;
          case I64X2_EXTEND_LOW_I32X4_S:
            r0 = i64x2ExtendI32x4S((int) a0);
            r1 = i64x2ExtendI32x4S((int) (a0 >>> 32));
            break;
          case I64X2_EXTEND_HIGH_I32X4_S:
            r0 = i64x2ExtendI32x4S((int) a1);
            r1 = i64x2ExtendI32x4S((int) (a1 >>> 32));
            break;
          case I64X2_EXTEND_LOW_I32X4_U:
            r0 = i64x2ExtendI32x4U((int) a0);
            r1 = i64x2ExtendI32x4U((int) (a0 >>> 32));
            break;
          case I64X2_EXTEND_HIGH_I32X4_U:
            r0 = i64x2ExtendI32x4U((int) a1);
            r1 = i64x2ExtendI32x4U((int) (a1 >>> 32));
            break;
          case I64X2_SHL:
            r0 = i64x2Shl(a0, (int) b0);
            r1 = i64x2Shl(a1, (int) b0);
            break;
          case I64X2_SHR_S:
            r0 = i64x2ShrS(a0, (int) b0);
            r1 = i64x2ShrS(a1, (int) b0);
            break;
          case I64X2_SHR_U:
            r0 = i64x2ShrU(a0, (int) b0);
            r1 = i64x2ShrU(a1, (int) b0);
            break;
          case I64X2_ADD:
            r0 = i64x2Add(a0, b0);
            r1 = i64x2Add(a1, b1);
            break;
          case I64X2_SUB:
            r0 = i64x2Sub(a0, b0);
            r1 = i64x2Sub(a1, b1);
            break;
          case I64X2_MUL:
            r0 = i64x2Mul(a0, b0);
            r1 = i64x2Mul(a1, b1);
            break;
          case I64X2_EQ:
            r0 = i64x2Eq(a0, b0);
            r1 = i64x2Eq(a1, b1);
            break;
          case I64X2_NE:
            r0 = i64x2Ne(a0, b0);
            r1 = i64x2Ne(a1, b1);
            break;
          case I64X2_LT_S:
            r0 = i64x2LtS(a0, b0);
            r1 = i64x2LtS(a1, b1);
            break;
          case I64X2_GT_S:
            r0 = i64x2GtS(a0, b0);
            r1 = i64x2GtS(a1, b1);
            break;
          case I64X2_LE_S:
            r0 = i64x2LeS(a0, b0);
            r1 = i64x2LeS(a1, b1);
            break;
          case I64X2_GE_S:
            r0 = i64x2GeS(a0, b0);
            r1 = i64x2GeS(a1, b1);
            break;
          case I64X2_EXTMUL_LOW_I32X4_S:
            r0 = i64x2ExtmulI32x4S((int) a0, (int) b0);
            r1 = i64x2ExtmulI32x4S((int) (a0 >>> 32), (int) (b0 >>> 32));
            break;
          case I64X2_EXTMUL_HIGH_I32X4_S:
            r0 = i64x2ExtmulI32x4S((int) a1, (int) b1);
            r1 = i64x2ExtmulI32x4S((int) (a1 >>> 32), (int) (b1 >>> 32));
            break;
          case I64X2_EXTMUL_LOW_I32X4_U:
            r0 = i64x2ExtmulI32x4U((int) a0, (int) b0);
            r1 = i64x2ExtmulI32x4U((int) (a0 >>> 32), (int) (b0 >>> 32));
            break;
          case I64X2_EXTMUL_HIGH_I32X4_U:
            r0 = i64x2ExtmulI32x4U((int) a1, (int) b1);
            r1 = i64x2ExtmulI32x4U((int) (a1 >>> 32), (int) (b1 >>> 32));
            break;
          case F32X4_ABS:
            r0 = f32x4Abs(a0);
            r1 = f32x4Abs(a1);
            break;
          case F32X4_NEG:
            r0 = f32x4Neg(a0);
            r1 = f32x4Neg(a1);
            break;
          case F32X4_SQRT:
            r0 = f32x4Sqrt(a0);
            r1 = f32x4Sqrt(a1);
            break;
          case F32X4_ADD:
            r0 = f32x4Add(a0, b0);
            r1 = f32x4Add(a1, b1);
            break;
          case F32X4_SUB:
            r0 = f32x4Sub(a0, b0);
            r1 = f32x4Sub(a1, b1);
            break;
          case F32X4_MUL:
            r0 = f32x4Mul(a0, b0);
            r1 = f32x4Mul(a1, b1);
            break;
          case F32X4_DIV:
            r0 = f32x4Div(a0, b0);
            r1 = f32x4Div(a1, b1);
            break;
          case F32X4_RELAXED_MIN:
          case F32X4_MIN:
            r0 = f32x4Min(a0, b0);
            r1 = f32x4Min(a1, b1);
            break;
          case F32X4_RELAXED_MAX:
          case F32X4_MAX:
            r0 = f32x4Max(a0, b0);
            r1 = f32x4Max(a1, b1);
            break;
          case F32X4_PMIN:
            r0 = f32x4Pmin(a0, b0);
            r1 = f32x4Pmin(a1, b1);
            break;
          case F32X4_PMAX:
            r0 = f32x4Pmax(a0, b0);
            r1 = f32x4Pmax(a1, b1);
            break;
          case F64X2_ABS:
            r0 = f64x2Abs(a0);
            r1 = f64x2Abs(a1);
            break;
          case F64X2_NEG:
            r0 = f64x2Neg(a0);
            r1 = f64x2Neg(a1);
            break;
          case F64X2_SQRT:
            r0 = f64x2Sqrt(a0);
            r1 = f64x2Sqrt(a1);
            break;
          case F64X2_ADD:
            r0 = f64x2Add(a0, b0);
            r1 = f64x2Add(a1, b1);
            break;
          case F64X2_SUB:
            r0 = f64x2Sub(a0, b0);
            r1 = f64x2Sub(a1, b1);
            break;
          case F64X2_MUL:
            r0 = f64x2Mul(a0, b0);
            r1 = f64x2Mul(a1, b1);
            break;
          case F64X2_DIV:
            r0 = f64x2Div(a0, b0);
            r1 = f64x2Div(a1, b1);
            break;
          case F64X2_RELAXED_MIN:
          case F64X2_MIN:
            r0 = f64x2Min(a0, b0);
            r1 = f64x2Min(a1, b1);
            break;
          case F64X2_RELAXED_MAX:
          case F64X2_MAX:
            r0 = f64x2Max(a0, b0);
            r1 = f64x2Max(a1, b1);
            break;
          case F64X2_PMIN:
            r0 = f64x2Pmin(a0, b0);
            r1 = f64x2Pmin(a1, b1);
            break;
          case F64X2_PMAX:
            r0 = f64x2Pmax(a0, b0);
            r1 = f64x2Pmax(a1, b1);
            break;
          case I32X4_RELAXED_TRUNC_F32X4_S:
          case I32X4_TRUNC_SAT_F32X4_S:
            r0 = i32x4TruncSatF32x4S(a0);
            r1 = i32x4TruncSatF32x4S(a1);
            break;
          case I32X4_RELAXED_TRUNC_F32X4_U:
          case I32X4_TRUNC_SAT_F32X4_U:
            r0 = i32x4TruncSatF32x4U(a0);
            r1 = i32x4TruncSatF32x4U(a1);
            break;
          case F32X4_CONVERT_I32X4_S:
            r0 = f32x4ConvertI32x4S(a0);
            r1 = f32x4ConvertI32x4S(a1);
            break;
          case F32X4_CONVERT_I32X4_U:
            r0 = f32x4ConvertI32x4U(a0);
            r1 = f32x4ConvertI32x4U(a1);
            break;
          case I32X4_RELAXED_TRUNC_F64X2_S_ZERO:
          case I32X4_TRUNC_SAT_F64X2_S_ZERO:
            r0 = i32x4TruncSatF64x2SZero(a0, a1);
            r1 = 0;
            break;
          case I32X4_RELAXED_TRUNC_F64X2_U_ZERO:
          case I32X4_TRUNC_SAT_F64X2_U_ZERO:
            r0 = i32x4TruncSatF64x2UZero(a0, a1);
            r1 = 0;
            break;
          case F64X2_CONVERT_LOW_I32X4_S:
            r0 = f64x2ConvertLowI32x4S((int) a0);
            r1 = f64x2ConvertLowI32x4S((int) (a0 >>> 32));
            break;
          case F64X2_CONVERT_LOW_I32X4_U:
            r0 = f64x2ConvertLowI32x4U((int) a0);
            r1 = f64x2ConvertLowI32x4U((int) (a0 >>> 32));
            break;
          default:
            throw new IllegalStateException("not a SIMD opcode: 0x" + Integer.toHexString(op));
        }
    }
    s[d] = r0;
    s[d + 1] = r1;
    return next;
  }

  /**
   * The SIMD loads and stores: the address is {@code address} plus the unsigned {@code offset};
   * {@code v0, v1} is the vector operand of lane loads and of stores.
   *
   * @throws dev.zerowasm.api.TrapException OUT_OF_BOUNDS_MEMORY_ACCESS if the access does not fit
   */
  private static void memory(
      int op, int d, long address, long v0, long v1, int offset, int lane, long[] s, byte[] m) {
    long r0;
    long r1;
    int ea;
    switch (op) {
      case V128_LOAD:
        ea = Interpreter.ea(address, offset, 16, m);
        r0 = load64(m, ea);
        r1 = load64(m, ea + 8);
        break;
      case V128_LOAD8X8_S:
        ea = Interpreter.ea(address, offset, 8, m);
        r0 = load8x8S(m, ea);
        r1 = load8x8S(m, ea + 4);
        break;
      case V128_LOAD8X8_U:
        ea = Interpreter.ea(address, offset, 8, m);
        r0 = load8x8U(m, ea);
        r1 = load8x8U(m, ea + 4);
        break;
      case V128_LOAD16X4_S:
        ea = Interpreter.ea(address, offset, 8, m);
        r0 = load16x4S(m, ea);
        r1 = load16x4S(m, ea + 4);
        break;
      case V128_LOAD16X4_U:
        ea = Interpreter.ea(address, offset, 8, m);
        r0 = load16x4U(m, ea);
        r1 = load16x4U(m, ea + 4);
        break;
      case V128_LOAD32X2_S:
        ea = Interpreter.ea(address, offset, 8, m);
        r0 = load32x2S(m, ea);
        r1 = load32x2S(m, ea + 4);
        break;
      case V128_LOAD32X2_U:
        ea = Interpreter.ea(address, offset, 8, m);
        r0 = load32x2U(m, ea);
        r1 = load32x2U(m, ea + 4);
        break;
      case V128_LOAD8_SPLAT:
        r0 = load8Splat(m, Interpreter.ea(address, offset, 1, m));
        r1 = r0;
        break;
      case V128_LOAD16_SPLAT:
        r0 = load16Splat(m, Interpreter.ea(address, offset, 2, m));
        r1 = r0;
        break;
      case V128_LOAD32_SPLAT:
        r0 = load32Splat(m, Interpreter.ea(address, offset, 4, m));
        r1 = r0;
        break;
      case V128_LOAD64_SPLAT:
        r0 = load64(m, Interpreter.ea(address, offset, 8, m));
        r1 = r0;
        break;
      case V128_LOAD32_ZERO:
        r0 = load32Zero(m, Interpreter.ea(address, offset, 4, m));
        r1 = 0;
        break;
      case V128_LOAD64_ZERO:
        r0 = load64(m, Interpreter.ea(address, offset, 8, m));
        r1 = 0;
        break;
      case V128_LOAD8_LANE:
        ea = Interpreter.ea(address, offset, 1, m);
        r0 = lane < 8 ? load8Lane(m, ea, v0, lane) : v0;
        r1 = lane < 8 ? v1 : load8Lane(m, ea, v1, lane);
        break;
      case V128_LOAD16_LANE:
        ea = Interpreter.ea(address, offset, 2, m);
        r0 = lane < 4 ? load16Lane(m, ea, v0, lane) : v0;
        r1 = lane < 4 ? v1 : load16Lane(m, ea, v1, lane);
        break;
      case V128_LOAD32_LANE:
        ea = Interpreter.ea(address, offset, 4, m);
        r0 = lane < 2 ? load32Lane(m, ea, v0, lane) : v0;
        r1 = lane < 2 ? v1 : load32Lane(m, ea, v1, lane);
        break;
      case V128_LOAD64_LANE:
        ea = Interpreter.ea(address, offset, 8, m);
        r0 = lane == 0 ? load64Lane(m, ea, v0, lane) : v0;
        r1 = lane == 0 ? v1 : load64Lane(m, ea, v1, lane);
        break;
      case V128_STORE:
        ea = Interpreter.ea(address, offset, 16, m);
        store64(m, ea, v0);
        store64(m, ea + 8, v1);
        return;
      case V128_STORE8_LANE:
        store8Lane(m, Interpreter.ea(address, offset, 1, m), lane < 8 ? v0 : v1, lane);
        return;
      case V128_STORE16_LANE:
        store16Lane(m, Interpreter.ea(address, offset, 2, m), lane < 4 ? v0 : v1, lane);
        return;
      case V128_STORE32_LANE:
        store32Lane(m, Interpreter.ea(address, offset, 4, m), lane < 2 ? v0 : v1, lane);
        return;
      case V128_STORE64_LANE:
        store64Lane(m, Interpreter.ea(address, offset, 8, m), lane == 0 ? v0 : v1, lane);
        return;
      default:
        throw new IllegalStateException("not a SIMD memory opcode: 0x" + Integer.toHexString(op));
    }
    s[d] = r0;
    s[d + 1] = r1;
  }

  // ---- operand shapes, for the translator ----

  /** [i32] -> [v128], memarg */
  static final int S_LOAD = 1;

  /** [i32 v128] -> [], memarg */
  static final int S_STORE = 2;

  /** [i32 v128] -> [v128], memarg + lane */
  static final int S_LOAD_LANE = 3;

  /** [] -> [v128] */
  static final int S_CONST = 5;

  /** [v128 v128] -> [v128], 16 lane indices */
  static final int S_SHUFFLE = 6;

  /** [t] -> [v128] */
  static final int S_SPLAT = 7;

  /** [v128] -> [t], lane */
  static final int S_EXTRACT = 8;

  /** [v128 t] -> [v128], lane */
  static final int S_REPLACE = 9;

  /** [v128] -> [v128] */
  static final int S_UNARY = 10;

  /** [v128 v128] -> [v128] */
  static final int S_BINARY = 11;

  /** [v128 v128 v128] -> [v128] */
  static final int S_TERNARY = 12;

  /** [v128] -> [i32] */
  static final int S_TEST = 13;

  /** [v128 i32] -> [v128] */
  static final int S_SHIFT = 14;

  private static final byte[] KIND = new byte[SIMD_SUBOPCODES];

  static {
    for (int op = V128_LOAD; op <= V128_LOAD64_SPLAT; op++) {
      KIND[op - PREFIX_SIMD] = S_LOAD;
    }
    KIND[V128_STORE - PREFIX_SIMD] = S_STORE;
    KIND[V128_LOAD32_ZERO - PREFIX_SIMD] = S_LOAD;
    KIND[V128_LOAD64_ZERO - PREFIX_SIMD] = S_LOAD;
    kinds(V128_LOAD8_LANE, V128_LOAD64_LANE, S_LOAD_LANE);
    kinds(V128_STORE8_LANE, V128_STORE64_LANE, S_STORE);
    kinds(V128_CONST, V128_CONST, S_CONST);
    kinds(I8X16_SHUFFLE, I8X16_SHUFFLE, S_SHUFFLE);
    kinds(I8X16_SWIZZLE, I8X16_SWIZZLE, S_BINARY);
    kinds(I8X16_SPLAT, F64X2_SPLAT, S_SPLAT);
    kinds(I8X16_EXTRACT_LANE_S, I8X16_EXTRACT_LANE_U, S_EXTRACT);
    kinds(I16X8_EXTRACT_LANE_S, I16X8_EXTRACT_LANE_U, S_EXTRACT);
    kinds(I32X4_EXTRACT_LANE, I32X4_EXTRACT_LANE, S_EXTRACT);
    kinds(I64X2_EXTRACT_LANE, I64X2_EXTRACT_LANE, S_EXTRACT);
    kinds(F32X4_EXTRACT_LANE, F32X4_EXTRACT_LANE, S_EXTRACT);
    kinds(F64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE, S_EXTRACT);
    kinds(I8X16_REPLACE_LANE, I8X16_REPLACE_LANE, S_REPLACE);
    kinds(I16X8_REPLACE_LANE, I16X8_REPLACE_LANE, S_REPLACE);
    kinds(I32X4_REPLACE_LANE, I32X4_REPLACE_LANE, S_REPLACE);
    kinds(I64X2_REPLACE_LANE, I64X2_REPLACE_LANE, S_REPLACE);
    kinds(F32X4_REPLACE_LANE, F32X4_REPLACE_LANE, S_REPLACE);
    kinds(F64X2_REPLACE_LANE, F64X2_REPLACE_LANE, S_REPLACE);
    kinds(I8X16_EQ, F64X2_GE, S_BINARY);
    kinds(V128_NOT, V128_NOT, S_UNARY);
    kinds(V128_AND, V128_XOR, S_BINARY);
    kinds(V128_BITSELECT, V128_BITSELECT, S_TERNARY);
    kinds(V128_ANY_TRUE, V128_ANY_TRUE, S_TEST);
    kinds(F32X4_DEMOTE_F64X2_ZERO, I8X16_POPCNT, S_UNARY);
    kinds(I8X16_ALL_TRUE, I8X16_BITMASK, S_TEST);
    kinds(I8X16_NARROW_I16X8_S, I8X16_NARROW_I16X8_U, S_BINARY);
    kinds(F32X4_CEIL, F32X4_NEAREST, S_UNARY);
    kinds(I8X16_SHL, I8X16_SHR_U, S_SHIFT);
    kinds(I8X16_ADD, I8X16_SUB_SAT_U, S_BINARY);
    kinds(F64X2_CEIL, F64X2_FLOOR, S_UNARY);
    kinds(I8X16_MIN_S, I8X16_MAX_U, S_BINARY);
    kinds(F64X2_TRUNC, F64X2_TRUNC, S_UNARY);
    kinds(I8X16_AVGR_U, I8X16_AVGR_U, S_BINARY);
    kinds(I16X8_EXTADD_PAIRWISE_I8X16_S, I16X8_NEG, S_UNARY);
    kinds(I16X8_Q15MULR_SAT_S, I16X8_Q15MULR_SAT_S, S_BINARY);
    kinds(I16X8_ALL_TRUE, I16X8_BITMASK, S_TEST);
    kinds(I16X8_NARROW_I32X4_S, I16X8_NARROW_I32X4_U, S_BINARY);
    kinds(I16X8_EXTEND_LOW_I8X16_S, I16X8_EXTEND_HIGH_I8X16_U, S_UNARY);
    kinds(I16X8_SHL, I16X8_SHR_U, S_SHIFT);
    kinds(I16X8_ADD, I16X8_SUB_SAT_U, S_BINARY);
    kinds(F64X2_NEAREST, F64X2_NEAREST, S_UNARY);
    kinds(I16X8_MUL, I16X8_EXTMUL_HIGH_I8X16_U, S_BINARY);
    kinds(I32X4_ABS, I32X4_NEG, S_UNARY);
    kinds(I32X4_ALL_TRUE, I32X4_BITMASK, S_TEST);
    kinds(I32X4_EXTEND_LOW_I16X8_S, I32X4_EXTEND_HIGH_I16X8_U, S_UNARY);
    kinds(I32X4_SHL, I32X4_SHR_U, S_SHIFT);
    kinds(I32X4_ADD, I32X4_EXTMUL_HIGH_I16X8_U, S_BINARY);
    kinds(I64X2_ABS, I64X2_NEG, S_UNARY);
    kinds(I64X2_ALL_TRUE, I64X2_BITMASK, S_TEST);
    kinds(I64X2_EXTEND_LOW_I32X4_S, I64X2_EXTEND_HIGH_I32X4_U, S_UNARY);
    kinds(I64X2_SHL, I64X2_SHR_U, S_SHIFT);
    kinds(I64X2_ADD, I64X2_EXTMUL_HIGH_I32X4_U, S_BINARY);
    kinds(F32X4_ABS, F32X4_SQRT, S_UNARY);
    kinds(F32X4_ADD, F32X4_PMAX, S_BINARY);
    kinds(F64X2_ABS, F64X2_SQRT, S_UNARY);
    kinds(F64X2_ADD, F64X2_PMAX, S_BINARY);
    kinds(I32X4_TRUNC_SAT_F32X4_S, F64X2_CONVERT_LOW_I32X4_U, S_UNARY);
    kinds(I8X16_RELAXED_SWIZZLE, I8X16_RELAXED_SWIZZLE, S_BINARY);
    kinds(I32X4_RELAXED_TRUNC_F32X4_S, I32X4_RELAXED_TRUNC_F64X2_U_ZERO, S_UNARY);
    kinds(F32X4_RELAXED_MADD, I64X2_RELAXED_LANESELECT, S_TERNARY);
    kinds(F32X4_RELAXED_MIN, I16X8_RELAXED_DOT_I8X16_I7X16_S, S_BINARY);
    kinds(I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, S_TERNARY);
  }

  private static void kinds(int from, int to, int kind) {
    for (int op = from; op <= to; op++) {
      KIND[op - PREFIX_SIMD] = (byte) kind;
    }
  }

  /** The operand shape ({@code S_*}) of the SIMD opcode {@code op}, or 0 if unknown. */
  static int kind(int op) {
    int sub = op - PREFIX_SIMD;
    return sub >= 0 && sub < KIND.length ? KIND[sub] : 0;
  }
}
