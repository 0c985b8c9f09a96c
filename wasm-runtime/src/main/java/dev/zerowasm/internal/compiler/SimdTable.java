package dev.zerowasm.internal.compiler;

import static dev.zerowasm.internal.wasm.Opcodes.*;

/**
 * How the compiler emits each SIMD instruction that follows one of a few regular shapes: the shape
 * ({@link #pattern}) and the {@code dev.zerowasm.internal.simd.Simd} method it calls once per
 * result half ({@link #method}). The irregular instructions (constants, shuffles, swizzles, splats,
 * lane access, loads and stores) are handled by {@code FunctionCompiler} directly.
 */
final class SimdTable {
  private SimdTable() {}

  /** Not a table instruction. */
  static final int NONE = 0;

  /** {@code (v128) -> v128}, per half: {@code r.x = f(a.x)}. */
  static final int UNARY = 1;

  /** {@code (v128, v128) -> v128}, per half: {@code r.x = f(a.x, b.x)}. */
  static final int BINARY = 2;

  /** {@code (v128, i32) -> v128}, per half: {@code r.x = f(a.x, count)}. */
  static final int SHIFT = 3;

  /** {@code (v128) -> i32}: {@code f(a.lo, a.hi)}. */
  static final int REDUCE = 4;

  /** {@code (v128, v128) -> v128}: {@code r.lo = f(a.lo, a.hi), r.hi = f(b.lo, b.hi)}. */
  static final int NARROW = 5;

  /** {@code (v128) -> v128}: {@code r.lo = f(a.lo, a.hi), r.hi = 0}. */
  static final int ZERO_HIGH = 6;

  /** {@code (v128) -> v128}: {@code r.lo = f((int) a.lo), r.hi = f((int) (a.lo >>> 32))}. */
  static final int WIDEN_LOW = 7;

  /** As {@link #WIDEN_LOW} with {@code a.hi}. */
  static final int WIDEN_HIGH = 8;

  /** {@code (v128, v128) -> v128}: {@link #WIDEN_LOW} over both operands' low halves. */
  static final int EXTMUL_LOW = 9;

  /** As {@link #EXTMUL_LOW} with the high halves. */
  static final int EXTMUL_HIGH = 10;

  /** {@code (v128, v128, v128) -> v128}, per half: {@code r.x = f(a.x, b.x, c.x)}. */
  static final int TERNARY = 11;

  private static final int[] PATTERNS = new int[SIMD_SUBOPCODES];
  private static final String[] METHODS = new String[SIMD_SUBOPCODES];

  /** The shape of SIMD instruction {@code op}, or {@link #NONE}. */
  static int pattern(int op) {
    int sub = op - PREFIX_SIMD;
    return sub >= 0 && sub < PATTERNS.length ? PATTERNS[sub] : NONE;
  }

  /** The {@code Simd} method of a table instruction. */
  static String method(int op) {
    return METHODS[op - PREFIX_SIMD];
  }

  /** Whether {@code op} is a SIMD load or store (it touches memory). */
  static boolean isMemory(int op) {
    return (op >= V128_LOAD && op <= V128_STORE)
        || (op >= V128_LOAD8_LANE && op <= V128_LOAD64_ZERO);
  }

  private static void put(int op, int pattern, String method) {
    PATTERNS[op - PREFIX_SIMD] = pattern;
    METHODS[op - PREFIX_SIMD] = method;
  }

  static {
    put(I8X16_EQ, BINARY, "i8x16Eq");
    put(I8X16_NE, BINARY, "i8x16Ne");
    put(I8X16_LT_S, BINARY, "i8x16LtS");
    put(I8X16_LT_U, BINARY, "i8x16LtU");
    put(I8X16_GT_S, BINARY, "i8x16GtS");
    put(I8X16_GT_U, BINARY, "i8x16GtU");
    put(I8X16_LE_S, BINARY, "i8x16LeS");
    put(I8X16_LE_U, BINARY, "i8x16LeU");
    put(I8X16_GE_S, BINARY, "i8x16GeS");
    put(I8X16_GE_U, BINARY, "i8x16GeU");
    put(I16X8_EQ, BINARY, "i16x8Eq");
    put(I16X8_NE, BINARY, "i16x8Ne");
    put(I16X8_LT_S, BINARY, "i16x8LtS");
    put(I16X8_LT_U, BINARY, "i16x8LtU");
    put(I16X8_GT_S, BINARY, "i16x8GtS");
    put(I16X8_GT_U, BINARY, "i16x8GtU");
    put(I16X8_LE_S, BINARY, "i16x8LeS");
    put(I16X8_LE_U, BINARY, "i16x8LeU");
    put(I16X8_GE_S, BINARY, "i16x8GeS");
    put(I16X8_GE_U, BINARY, "i16x8GeU");
    put(I32X4_EQ, BINARY, "i32x4Eq");
    put(I32X4_NE, BINARY, "i32x4Ne");
    put(I32X4_LT_S, BINARY, "i32x4LtS");
    put(I32X4_LT_U, BINARY, "i32x4LtU");
    put(I32X4_GT_S, BINARY, "i32x4GtS");
    put(I32X4_GT_U, BINARY, "i32x4GtU");
    put(I32X4_LE_S, BINARY, "i32x4LeS");
    put(I32X4_LE_U, BINARY, "i32x4LeU");
    put(I32X4_GE_S, BINARY, "i32x4GeS");
    put(I32X4_GE_U, BINARY, "i32x4GeU");
    put(F32X4_EQ, BINARY, "f32x4Eq");
    put(F32X4_NE, BINARY, "f32x4Ne");
    put(F32X4_LT, BINARY, "f32x4Lt");
    put(F32X4_GT, BINARY, "f32x4Gt");
    put(F32X4_LE, BINARY, "f32x4Le");
    put(F32X4_GE, BINARY, "f32x4Ge");
    put(F64X2_EQ, BINARY, "f64x2Eq");
    put(F64X2_NE, BINARY, "f64x2Ne");
    put(F64X2_LT, BINARY, "f64x2Lt");
    put(F64X2_GT, BINARY, "f64x2Gt");
    put(F64X2_LE, BINARY, "f64x2Le");
    put(F64X2_GE, BINARY, "f64x2Ge");
    put(V128_NOT, UNARY, "v128Not");
    put(V128_AND, BINARY, "v128And");
    put(V128_ANDNOT, BINARY, "v128Andnot");
    put(V128_OR, BINARY, "v128Or");
    put(V128_XOR, BINARY, "v128Xor");
    put(V128_ANY_TRUE, REDUCE, "v128AnyTrue");
    put(F32X4_DEMOTE_F64X2_ZERO, ZERO_HIGH, "f32x4DemoteF64x2Zero");
    put(F64X2_PROMOTE_LOW_F32X4, WIDEN_LOW, "f64x2PromoteLowF32x4");
    put(I8X16_ABS, UNARY, "i8x16Abs");
    put(I8X16_NEG, UNARY, "i8x16Neg");
    put(I8X16_POPCNT, UNARY, "i8x16Popcnt");
    put(I8X16_ALL_TRUE, REDUCE, "i8x16AllTrue");
    put(I8X16_BITMASK, REDUCE, "i8x16Bitmask");
    put(I8X16_NARROW_I16X8_S, NARROW, "i8x16NarrowI16x8S");
    put(I8X16_NARROW_I16X8_U, NARROW, "i8x16NarrowI16x8U");
    put(F32X4_CEIL, UNARY, "f32x4Ceil");
    put(F32X4_FLOOR, UNARY, "f32x4Floor");
    put(F32X4_TRUNC, UNARY, "f32x4Trunc");
    put(F32X4_NEAREST, UNARY, "f32x4Nearest");
    put(I8X16_SHL, SHIFT, "i8x16Shl");
    put(I8X16_SHR_S, SHIFT, "i8x16ShrS");
    put(I8X16_SHR_U, SHIFT, "i8x16ShrU");
    put(I8X16_ADD, BINARY, "i8x16Add");
    put(I8X16_ADD_SAT_S, BINARY, "i8x16AddSatS");
    put(I8X16_ADD_SAT_U, BINARY, "i8x16AddSatU");
    put(I8X16_SUB, BINARY, "i8x16Sub");
    put(I8X16_SUB_SAT_S, BINARY, "i8x16SubSatS");
    put(I8X16_SUB_SAT_U, BINARY, "i8x16SubSatU");
    put(F64X2_CEIL, UNARY, "f64x2Ceil");
    put(F64X2_FLOOR, UNARY, "f64x2Floor");
    put(I8X16_MIN_S, BINARY, "i8x16MinS");
    put(I8X16_MIN_U, BINARY, "i8x16MinU");
    put(I8X16_MAX_S, BINARY, "i8x16MaxS");
    put(I8X16_MAX_U, BINARY, "i8x16MaxU");
    put(F64X2_TRUNC, UNARY, "f64x2Trunc");
    put(I8X16_AVGR_U, BINARY, "i8x16AvgrU");
    put(I16X8_EXTADD_PAIRWISE_I8X16_S, UNARY, "i16x8ExtaddPairwiseI8x16S");
    put(I16X8_EXTADD_PAIRWISE_I8X16_U, UNARY, "i16x8ExtaddPairwiseI8x16U");
    put(I32X4_EXTADD_PAIRWISE_I16X8_S, UNARY, "i32x4ExtaddPairwiseI16x8S");
    put(I32X4_EXTADD_PAIRWISE_I16X8_U, UNARY, "i32x4ExtaddPairwiseI16x8U");
    put(I16X8_ABS, UNARY, "i16x8Abs");
    put(I16X8_NEG, UNARY, "i16x8Neg");
    put(I16X8_Q15MULR_SAT_S, BINARY, "i16x8Q15mulrSatS");
    put(I16X8_ALL_TRUE, REDUCE, "i16x8AllTrue");
    put(I16X8_BITMASK, REDUCE, "i16x8Bitmask");
    put(I16X8_NARROW_I32X4_S, NARROW, "i16x8NarrowI32x4S");
    put(I16X8_NARROW_I32X4_U, NARROW, "i16x8NarrowI32x4U");
    put(I16X8_EXTEND_LOW_I8X16_S, WIDEN_LOW, "i16x8ExtendI8x16S");
    put(I16X8_EXTEND_HIGH_I8X16_S, WIDEN_HIGH, "i16x8ExtendI8x16S");
    put(I16X8_EXTEND_LOW_I8X16_U, WIDEN_LOW, "i16x8ExtendI8x16U");
    put(I16X8_EXTEND_HIGH_I8X16_U, WIDEN_HIGH, "i16x8ExtendI8x16U");
    put(I16X8_SHL, SHIFT, "i16x8Shl");
    put(I16X8_SHR_S, SHIFT, "i16x8ShrS");
    put(I16X8_SHR_U, SHIFT, "i16x8ShrU");
    put(I16X8_ADD, BINARY, "i16x8Add");
    put(I16X8_ADD_SAT_S, BINARY, "i16x8AddSatS");
    put(I16X8_ADD_SAT_U, BINARY, "i16x8AddSatU");
    put(I16X8_SUB, BINARY, "i16x8Sub");
    put(I16X8_SUB_SAT_S, BINARY, "i16x8SubSatS");
    put(I16X8_SUB_SAT_U, BINARY, "i16x8SubSatU");
    put(F64X2_NEAREST, UNARY, "f64x2Nearest");
    put(I16X8_MUL, BINARY, "i16x8Mul");
    put(I16X8_MIN_S, BINARY, "i16x8MinS");
    put(I16X8_MIN_U, BINARY, "i16x8MinU");
    put(I16X8_MAX_S, BINARY, "i16x8MaxS");
    put(I16X8_MAX_U, BINARY, "i16x8MaxU");
    put(I16X8_AVGR_U, BINARY, "i16x8AvgrU");
    put(I16X8_EXTMUL_LOW_I8X16_S, EXTMUL_LOW, "i16x8ExtmulI8x16S");
    put(I16X8_EXTMUL_HIGH_I8X16_S, EXTMUL_HIGH, "i16x8ExtmulI8x16S");
    put(I16X8_EXTMUL_LOW_I8X16_U, EXTMUL_LOW, "i16x8ExtmulI8x16U");
    put(I16X8_EXTMUL_HIGH_I8X16_U, EXTMUL_HIGH, "i16x8ExtmulI8x16U");
    put(I32X4_ABS, UNARY, "i32x4Abs");
    put(I32X4_NEG, UNARY, "i32x4Neg");
    put(I32X4_ALL_TRUE, REDUCE, "i32x4AllTrue");
    put(I32X4_BITMASK, REDUCE, "i32x4Bitmask");
    put(I32X4_EXTEND_LOW_I16X8_S, WIDEN_LOW, "i32x4ExtendI16x8S");
    put(I32X4_EXTEND_HIGH_I16X8_S, WIDEN_HIGH, "i32x4ExtendI16x8S");
    put(I32X4_EXTEND_LOW_I16X8_U, WIDEN_LOW, "i32x4ExtendI16x8U");
    put(I32X4_EXTEND_HIGH_I16X8_U, WIDEN_HIGH, "i32x4ExtendI16x8U");
    put(I32X4_SHL, SHIFT, "i32x4Shl");
    put(I32X4_SHR_S, SHIFT, "i32x4ShrS");
    put(I32X4_SHR_U, SHIFT, "i32x4ShrU");
    put(I32X4_ADD, BINARY, "i32x4Add");
    put(I32X4_SUB, BINARY, "i32x4Sub");
    put(I32X4_MUL, BINARY, "i32x4Mul");
    put(I32X4_MIN_S, BINARY, "i32x4MinS");
    put(I32X4_MIN_U, BINARY, "i32x4MinU");
    put(I32X4_MAX_S, BINARY, "i32x4MaxS");
    put(I32X4_MAX_U, BINARY, "i32x4MaxU");
    put(I32X4_DOT_I16X8_S, BINARY, "i32x4DotI16x8S");
    put(I32X4_EXTMUL_LOW_I16X8_S, EXTMUL_LOW, "i32x4ExtmulI16x8S");
    put(I32X4_EXTMUL_HIGH_I16X8_S, EXTMUL_HIGH, "i32x4ExtmulI16x8S");
    put(I32X4_EXTMUL_LOW_I16X8_U, EXTMUL_LOW, "i32x4ExtmulI16x8U");
    put(I32X4_EXTMUL_HIGH_I16X8_U, EXTMUL_HIGH, "i32x4ExtmulI16x8U");
    put(I64X2_ABS, UNARY, "i64x2Abs");
    put(I64X2_NEG, UNARY, "i64x2Neg");
    put(I64X2_ALL_TRUE, REDUCE, "i64x2AllTrue");
    put(I64X2_BITMASK, REDUCE, "i64x2Bitmask");
    put(I64X2_EXTEND_LOW_I32X4_S, WIDEN_LOW, "i64x2ExtendI32x4S");
    put(I64X2_EXTEND_HIGH_I32X4_S, WIDEN_HIGH, "i64x2ExtendI32x4S");
    put(I64X2_EXTEND_LOW_I32X4_U, WIDEN_LOW, "i64x2ExtendI32x4U");
    put(I64X2_EXTEND_HIGH_I32X4_U, WIDEN_HIGH, "i64x2ExtendI32x4U");
    put(I64X2_SHL, SHIFT, "i64x2Shl");
    put(I64X2_SHR_S, SHIFT, "i64x2ShrS");
    put(I64X2_SHR_U, SHIFT, "i64x2ShrU");
    put(I64X2_ADD, BINARY, "i64x2Add");
    put(I64X2_SUB, BINARY, "i64x2Sub");
    put(I64X2_MUL, BINARY, "i64x2Mul");
    put(I64X2_EQ, BINARY, "i64x2Eq");
    put(I64X2_NE, BINARY, "i64x2Ne");
    put(I64X2_LT_S, BINARY, "i64x2LtS");
    put(I64X2_GT_S, BINARY, "i64x2GtS");
    put(I64X2_LE_S, BINARY, "i64x2LeS");
    put(I64X2_GE_S, BINARY, "i64x2GeS");
    put(I64X2_EXTMUL_LOW_I32X4_S, EXTMUL_LOW, "i64x2ExtmulI32x4S");
    put(I64X2_EXTMUL_HIGH_I32X4_S, EXTMUL_HIGH, "i64x2ExtmulI32x4S");
    put(I64X2_EXTMUL_LOW_I32X4_U, EXTMUL_LOW, "i64x2ExtmulI32x4U");
    put(I64X2_EXTMUL_HIGH_I32X4_U, EXTMUL_HIGH, "i64x2ExtmulI32x4U");
    put(F32X4_ABS, UNARY, "f32x4Abs");
    put(F32X4_NEG, UNARY, "f32x4Neg");
    put(F32X4_SQRT, UNARY, "f32x4Sqrt");
    put(F32X4_ADD, BINARY, "f32x4Add");
    put(F32X4_SUB, BINARY, "f32x4Sub");
    put(F32X4_MUL, BINARY, "f32x4Mul");
    put(F32X4_DIV, BINARY, "f32x4Div");
    put(F32X4_MIN, BINARY, "f32x4Min");
    put(F32X4_MAX, BINARY, "f32x4Max");
    put(F32X4_PMIN, BINARY, "f32x4Pmin");
    put(F32X4_PMAX, BINARY, "f32x4Pmax");
    put(F64X2_ABS, UNARY, "f64x2Abs");
    put(F64X2_NEG, UNARY, "f64x2Neg");
    put(F64X2_SQRT, UNARY, "f64x2Sqrt");
    put(F64X2_ADD, BINARY, "f64x2Add");
    put(F64X2_SUB, BINARY, "f64x2Sub");
    put(F64X2_MUL, BINARY, "f64x2Mul");
    put(F64X2_DIV, BINARY, "f64x2Div");
    put(F64X2_MIN, BINARY, "f64x2Min");
    put(F64X2_MAX, BINARY, "f64x2Max");
    put(F64X2_PMIN, BINARY, "f64x2Pmin");
    put(F64X2_PMAX, BINARY, "f64x2Pmax");
    put(I32X4_TRUNC_SAT_F32X4_S, UNARY, "i32x4TruncSatF32x4S");
    put(I32X4_TRUNC_SAT_F32X4_U, UNARY, "i32x4TruncSatF32x4U");
    put(F32X4_CONVERT_I32X4_S, UNARY, "f32x4ConvertI32x4S");
    put(F32X4_CONVERT_I32X4_U, UNARY, "f32x4ConvertI32x4U");
    put(I32X4_TRUNC_SAT_F64X2_S_ZERO, ZERO_HIGH, "i32x4TruncSatF64x2SZero");
    put(I32X4_TRUNC_SAT_F64X2_U_ZERO, ZERO_HIGH, "i32x4TruncSatF64x2UZero");
    put(V128_BITSELECT, TERNARY, "v128Bitselect");
    // Relaxed SIMD: the deterministic instruction each relaxes, or the Simd method choosing one of
    // the allowed results. i8x16.relaxed_swizzle is irregular, as i8x16.swizzle.
    put(I32X4_RELAXED_TRUNC_F32X4_S, UNARY, "i32x4TruncSatF32x4S");
    put(I32X4_RELAXED_TRUNC_F32X4_U, UNARY, "i32x4TruncSatF32x4U");
    put(I32X4_RELAXED_TRUNC_F64X2_S_ZERO, ZERO_HIGH, "i32x4TruncSatF64x2SZero");
    put(I32X4_RELAXED_TRUNC_F64X2_U_ZERO, ZERO_HIGH, "i32x4TruncSatF64x2UZero");
    put(F32X4_RELAXED_MADD, TERNARY, "f32x4RelaxedMadd");
    put(F32X4_RELAXED_NMADD, TERNARY, "f32x4RelaxedNmadd");
    put(F64X2_RELAXED_MADD, TERNARY, "f64x2RelaxedMadd");
    put(F64X2_RELAXED_NMADD, TERNARY, "f64x2RelaxedNmadd");
    put(I8X16_RELAXED_LANESELECT, TERNARY, "v128Bitselect");
    put(I16X8_RELAXED_LANESELECT, TERNARY, "v128Bitselect");
    put(I32X4_RELAXED_LANESELECT, TERNARY, "v128Bitselect");
    put(I64X2_RELAXED_LANESELECT, TERNARY, "v128Bitselect");
    put(F32X4_RELAXED_MIN, BINARY, "f32x4Min");
    put(F32X4_RELAXED_MAX, BINARY, "f32x4Max");
    put(F64X2_RELAXED_MIN, BINARY, "f64x2Min");
    put(F64X2_RELAXED_MAX, BINARY, "f64x2Max");
    put(I16X8_RELAXED_Q15MULR_S, BINARY, "i16x8Q15mulrSatS");
    put(I16X8_RELAXED_DOT_I8X16_I7X16_S, BINARY, "i16x8RelaxedDotI8x16I7x16S");
    put(I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, TERNARY, "i32x4RelaxedDotI8x16I7x16AddS");
    put(F64X2_CONVERT_LOW_I32X4_S, WIDEN_LOW, "f64x2ConvertLowI32x4S");
    put(F64X2_CONVERT_LOW_I32X4_U, WIDEN_LOW, "f64x2ConvertLowI32x4U");
  }
}
