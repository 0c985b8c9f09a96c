package dev.zerowasm.internal.validation;

import static dev.zerowasm.internal.wasm.Opcodes.*;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CompileException.Phase;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.binary.CodeReader;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.TableType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.Arrays;

/**
 * Type-checks function bodies with the algorithm of the specification's appendix "Validation
 * Algorithm": an operand stack of value types (with {@link #UNKNOWN} for the polymorphic stack
 * after {@code unreachable}, {@code br}, {@code br_table} and {@code return}) and a stack of
 * control frames holding each block's start and end types.
 *
 * <p>It runs at every compile, so it keeps both stacks in primitive arrays that are reused across
 * the functions of a module and allocates nothing per instruction. One instance validates the
 * functions of one module, one after the other; it is not thread-safe.
 */
final class FunctionValidator {
  /** The operand type of the polymorphic stack: matches any type. */
  static final int UNKNOWN = 0;

  // Operand types are ValueType.ordinal() + 1, so that 0 can mean UNKNOWN.
  private static final int I32 = ValueType.I32.ordinal() + 1;
  private static final int I64 = ValueType.I64.ordinal() + 1;
  private static final int F32 = ValueType.F32.ordinal() + 1;
  private static final int F64 = ValueType.F64.ordinal() + 1;
  private static final int V128 = ValueType.V128.ordinal() + 1;
  private static final int FUNCREF = ValueType.FUNCREF.ordinal() + 1;
  private static final int EXTERNREF = ValueType.EXTERNREF.ordinal() + 1;
  private static final ValueType[] VALUE_TYPES = ValueType.values();

  /** Pseudo-opcode of the outermost frame, the function body itself (it behaves as a block). */
  private static final int FUNCTION_FRAME = -1;

  private static final ValueType[] NONE = new ValueType[0];

  /**
   * {@code SINGLE[t.ordinal()]} is the one-element array {@code [t]}, for block types {@code t}.
   */
  private static final ValueType[][] SINGLE = new ValueType[VALUE_TYPES.length][];

  // Signatures of the numeric instructions (single-byte opcodes 0x45..0xC4 and 0xFC 0..7):
  // operand types popped (IN2 on top, 0 if unary) and the result type pushed.
  private static final byte[] IN1 = new byte[256];
  private static final byte[] IN2 = new byte[256];
  private static final byte[] OUT = new byte[256];
  private static final byte[] SAT_IN = new byte[8];
  private static final byte[] SAT_OUT = new byte[8];

  // Loads (0x28..0x35) and stores (0x36..0x3E): the value type and log2 of the natural alignment.
  private static final byte[] MEM_TYPE = new byte[0x3F];
  private static final byte[] MEM_MAX_ALIGN = new byte[0x3F];

  // SIMD instructions, indexed by sub-opcode (opcode - PREFIX_SIMD): the shape of their typing rule
  // (one of the S_* kinds), an auxiliary number (log2 of the natural alignment for memory
  // instructions, the lane count for lane instructions) and the scalar operand type of splat,
  // extract_lane and replace_lane (also of loads/stores: none).
  private static final byte[] SIMD_KIND = new byte[SIMD_SUBOPCODES];
  private static final byte[] SIMD_ALIGN = new byte[SIMD_SUBOPCODES];
  private static final byte[] SIMD_LANES = new byte[SIMD_SUBOPCODES];
  private static final byte[] SIMD_SCALAR = new byte[SIMD_SUBOPCODES];

  private static final byte S_LOAD = 1; // [i32] -> [v128], memarg
  private static final byte S_STORE = 2; // [i32 v128] -> [], memarg
  private static final byte S_LOAD_LANE = 3; // [i32 v128] -> [v128], memarg + lane
  private static final byte S_STORE_LANE = 4; // [i32 v128] -> [], memarg + lane
  private static final byte S_CONST = 5; // [] -> [v128]
  private static final byte S_SHUFFLE = 6; // [v128 v128] -> [v128], 16 lane indices < 32
  private static final byte S_SPLAT = 7; // [t] -> [v128]
  private static final byte S_EXTRACT = 8; // [v128] -> [t], lane
  private static final byte S_REPLACE = 9; // [v128 t] -> [v128], lane
  private static final byte S_UNARY = 10; // [v128] -> [v128]
  private static final byte S_BINARY = 11; // [v128 v128] -> [v128]
  private static final byte S_TERNARY = 12; // [v128 v128 v128] -> [v128]
  private static final byte S_TEST = 13; // [v128] -> [i32]
  private static final byte S_SHIFT = 14; // [v128 i32] -> [v128]

  static {
    for (ValueType t : VALUE_TYPES) {
      SINGLE[t.ordinal()] = new ValueType[] {t};
    }
    unary(I32_EQZ, I32_EQZ, I32, I32);
    binary(I32_EQ, I32_GE_U, I32, I32);
    unary(I64_EQZ, I64_EQZ, I64, I32);
    binary(I64_EQ, I64_GE_U, I64, I32);
    binary(F32_EQ, F32_GE, F32, I32);
    binary(F64_EQ, F64_GE, F64, I32);
    unary(I32_CLZ, I32_POPCNT, I32, I32);
    binary(I32_ADD, I32_ROTR, I32, I32);
    unary(I64_CLZ, I64_POPCNT, I64, I64);
    binary(I64_ADD, I64_ROTR, I64, I64);
    unary(F32_ABS, F32_SQRT, F32, F32);
    binary(F32_ADD, F32_COPYSIGN, F32, F32);
    unary(F64_ABS, F64_SQRT, F64, F64);
    binary(F64_ADD, F64_COPYSIGN, F64, F64);
    unary(I32_WRAP_I64, I32_WRAP_I64, I64, I32);
    unary(I32_TRUNC_F32_S, I32_TRUNC_F32_U, F32, I32);
    unary(I32_TRUNC_F64_S, I32_TRUNC_F64_U, F64, I32);
    unary(I64_EXTEND_I32_S, I64_EXTEND_I32_U, I32, I64);
    unary(I64_TRUNC_F32_S, I64_TRUNC_F32_U, F32, I64);
    unary(I64_TRUNC_F64_S, I64_TRUNC_F64_U, F64, I64);
    unary(F32_CONVERT_I32_S, F32_CONVERT_I32_U, I32, F32);
    unary(F32_CONVERT_I64_S, F32_CONVERT_I64_U, I64, F32);
    unary(F32_DEMOTE_F64, F32_DEMOTE_F64, F64, F32);
    unary(F64_CONVERT_I32_S, F64_CONVERT_I32_U, I32, F64);
    unary(F64_CONVERT_I64_S, F64_CONVERT_I64_U, I64, F64);
    unary(F64_PROMOTE_F32, F64_PROMOTE_F32, F32, F64);
    unary(I32_REINTERPRET_F32, I32_REINTERPRET_F32, F32, I32);
    unary(I64_REINTERPRET_F64, I64_REINTERPRET_F64, F64, I64);
    unary(F32_REINTERPRET_I32, F32_REINTERPRET_I32, I32, F32);
    unary(F64_REINTERPRET_I64, F64_REINTERPRET_I64, I64, F64);
    unary(I32_EXTEND8_S, I32_EXTEND16_S, I32, I32);
    unary(I64_EXTEND8_S, I64_EXTEND32_S, I64, I64);

    sat(I32_TRUNC_SAT_F32_S, F32, I32);
    sat(I32_TRUNC_SAT_F32_U, F32, I32);
    sat(I32_TRUNC_SAT_F64_S, F64, I32);
    sat(I32_TRUNC_SAT_F64_U, F64, I32);
    sat(I64_TRUNC_SAT_F32_S, F32, I64);
    sat(I64_TRUNC_SAT_F32_U, F32, I64);
    sat(I64_TRUNC_SAT_F64_S, F64, I64);
    sat(I64_TRUNC_SAT_F64_U, F64, I64);

    memory(I32_LOAD, I32, 2);
    memory(I64_LOAD, I64, 3);
    memory(F32_LOAD, F32, 2);
    memory(F64_LOAD, F64, 3);
    memory(I32_LOAD8_S, I32, 0);
    memory(I32_LOAD8_U, I32, 0);
    memory(I32_LOAD16_S, I32, 1);
    memory(I32_LOAD16_U, I32, 1);
    memory(I64_LOAD8_S, I64, 0);
    memory(I64_LOAD8_U, I64, 0);
    memory(I64_LOAD16_S, I64, 1);
    memory(I64_LOAD16_U, I64, 1);
    memory(I64_LOAD32_S, I64, 2);
    memory(I64_LOAD32_U, I64, 2);
    memory(I32_STORE, I32, 2);
    memory(I64_STORE, I64, 3);
    memory(F32_STORE, F32, 2);
    memory(F64_STORE, F64, 3);
    memory(I32_STORE8, I32, 0);
    memory(I32_STORE16, I32, 1);
    memory(I64_STORE8, I64, 0);
    memory(I64_STORE16, I64, 1);
    memory(I64_STORE32, I64, 2);

    simdMemory(V128_LOAD, S_LOAD, 4, 0);
    simdMemory(V128_LOAD8X8_S, S_LOAD, 3, 0);
    simdMemory(V128_LOAD8X8_U, S_LOAD, 3, 0);
    simdMemory(V128_LOAD16X4_S, S_LOAD, 3, 0);
    simdMemory(V128_LOAD16X4_U, S_LOAD, 3, 0);
    simdMemory(V128_LOAD32X2_S, S_LOAD, 3, 0);
    simdMemory(V128_LOAD32X2_U, S_LOAD, 3, 0);
    simdMemory(V128_LOAD8_SPLAT, S_LOAD, 0, 0);
    simdMemory(V128_LOAD16_SPLAT, S_LOAD, 1, 0);
    simdMemory(V128_LOAD32_SPLAT, S_LOAD, 2, 0);
    simdMemory(V128_LOAD64_SPLAT, S_LOAD, 3, 0);
    simdMemory(V128_STORE, S_STORE, 4, 0);
    simdMemory(V128_LOAD32_ZERO, S_LOAD, 2, 0);
    simdMemory(V128_LOAD64_ZERO, S_LOAD, 3, 0);
    simdMemory(V128_LOAD8_LANE, S_LOAD_LANE, 0, 16);
    simdMemory(V128_LOAD16_LANE, S_LOAD_LANE, 1, 8);
    simdMemory(V128_LOAD32_LANE, S_LOAD_LANE, 2, 4);
    simdMemory(V128_LOAD64_LANE, S_LOAD_LANE, 3, 2);
    simdMemory(V128_STORE8_LANE, S_STORE_LANE, 0, 16);
    simdMemory(V128_STORE16_LANE, S_STORE_LANE, 1, 8);
    simdMemory(V128_STORE32_LANE, S_STORE_LANE, 2, 4);
    simdMemory(V128_STORE64_LANE, S_STORE_LANE, 3, 2);
    simd(V128_CONST, V128_CONST, S_CONST);
    simd(I8X16_SHUFFLE, I8X16_SHUFFLE, S_SHUFFLE);
    simd(I8X16_SWIZZLE, I8X16_SWIZZLE, S_BINARY);
    simdLane(I8X16_SPLAT, S_SPLAT, I32, 16);
    simdLane(I16X8_SPLAT, S_SPLAT, I32, 8);
    simdLane(I32X4_SPLAT, S_SPLAT, I32, 4);
    simdLane(I64X2_SPLAT, S_SPLAT, I64, 2);
    simdLane(F32X4_SPLAT, S_SPLAT, F32, 4);
    simdLane(F64X2_SPLAT, S_SPLAT, F64, 2);
    simdLane(I8X16_EXTRACT_LANE_S, S_EXTRACT, I32, 16);
    simdLane(I8X16_EXTRACT_LANE_U, S_EXTRACT, I32, 16);
    simdLane(I8X16_REPLACE_LANE, S_REPLACE, I32, 16);
    simdLane(I16X8_EXTRACT_LANE_S, S_EXTRACT, I32, 8);
    simdLane(I16X8_EXTRACT_LANE_U, S_EXTRACT, I32, 8);
    simdLane(I16X8_REPLACE_LANE, S_REPLACE, I32, 8);
    simdLane(I32X4_EXTRACT_LANE, S_EXTRACT, I32, 4);
    simdLane(I32X4_REPLACE_LANE, S_REPLACE, I32, 4);
    simdLane(I64X2_EXTRACT_LANE, S_EXTRACT, I64, 2);
    simdLane(I64X2_REPLACE_LANE, S_REPLACE, I64, 2);
    simdLane(F32X4_EXTRACT_LANE, S_EXTRACT, F32, 4);
    simdLane(F32X4_REPLACE_LANE, S_REPLACE, F32, 4);
    simdLane(F64X2_EXTRACT_LANE, S_EXTRACT, F64, 2);
    simdLane(F64X2_REPLACE_LANE, S_REPLACE, F64, 2);
    simd(I8X16_EQ, F64X2_GE, S_BINARY); // all comparisons
    simd(V128_NOT, V128_NOT, S_UNARY);
    simd(V128_AND, V128_XOR, S_BINARY);
    simd(V128_BITSELECT, V128_BITSELECT, S_TERNARY);
    simd(V128_ANY_TRUE, V128_ANY_TRUE, S_TEST);
    simd(F32X4_DEMOTE_F64X2_ZERO, I8X16_POPCNT, S_UNARY);
    simd(I8X16_ALL_TRUE, I8X16_BITMASK, S_TEST);
    simd(I8X16_NARROW_I16X8_S, I8X16_NARROW_I16X8_U, S_BINARY);
    simd(F32X4_CEIL, F32X4_NEAREST, S_UNARY);
    simd(I8X16_SHL, I8X16_SHR_U, S_SHIFT);
    simd(I8X16_ADD, I8X16_SUB_SAT_U, S_BINARY);
    simd(F64X2_CEIL, F64X2_FLOOR, S_UNARY);
    simd(I8X16_MIN_S, I8X16_MAX_U, S_BINARY);
    simd(F64X2_TRUNC, F64X2_TRUNC, S_UNARY);
    simd(I8X16_AVGR_U, I8X16_AVGR_U, S_BINARY);
    simd(I16X8_EXTADD_PAIRWISE_I8X16_S, I16X8_NEG, S_UNARY);
    simd(I16X8_Q15MULR_SAT_S, I16X8_Q15MULR_SAT_S, S_BINARY);
    simd(I16X8_ALL_TRUE, I16X8_BITMASK, S_TEST);
    simd(I16X8_NARROW_I32X4_S, I16X8_NARROW_I32X4_U, S_BINARY);
    simd(I16X8_EXTEND_LOW_I8X16_S, I16X8_EXTEND_HIGH_I8X16_U, S_UNARY);
    simd(I16X8_SHL, I16X8_SHR_U, S_SHIFT);
    simd(I16X8_ADD, I16X8_SUB_SAT_U, S_BINARY);
    simd(F64X2_NEAREST, F64X2_NEAREST, S_UNARY);
    simd(I16X8_MUL, I16X8_EXTMUL_HIGH_I8X16_U, S_BINARY);
    simd(I32X4_ABS, I32X4_NEG, S_UNARY);
    simd(I32X4_ALL_TRUE, I32X4_BITMASK, S_TEST);
    simd(I32X4_EXTEND_LOW_I16X8_S, I32X4_EXTEND_HIGH_I16X8_U, S_UNARY);
    simd(I32X4_SHL, I32X4_SHR_U, S_SHIFT);
    simd(I32X4_ADD, I32X4_EXTMUL_HIGH_I16X8_U, S_BINARY);
    simd(I64X2_ABS, I64X2_NEG, S_UNARY);
    simd(I64X2_ALL_TRUE, I64X2_BITMASK, S_TEST);
    simd(I64X2_EXTEND_LOW_I32X4_S, I64X2_EXTEND_HIGH_I32X4_U, S_UNARY);
    simd(I64X2_SHL, I64X2_SHR_U, S_SHIFT);
    simd(I64X2_ADD, I64X2_EXTMUL_HIGH_I32X4_U, S_BINARY);
    simd(F32X4_ABS, F32X4_SQRT, S_UNARY);
    simd(F32X4_ADD, F32X4_PMAX, S_BINARY);
    simd(F64X2_ABS, F64X2_SQRT, S_UNARY);
    simd(F64X2_ADD, F64X2_PMAX, S_BINARY);
    simd(I32X4_TRUNC_SAT_F32X4_S, F64X2_CONVERT_LOW_I32X4_U, S_UNARY);
    // Relaxed SIMD.
    simd(I8X16_RELAXED_SWIZZLE, I8X16_RELAXED_SWIZZLE, S_BINARY);
    simd(I32X4_RELAXED_TRUNC_F32X4_S, I32X4_RELAXED_TRUNC_F64X2_U_ZERO, S_UNARY);
    simd(F32X4_RELAXED_MADD, I64X2_RELAXED_LANESELECT, S_TERNARY);
    simd(F32X4_RELAXED_MIN, I16X8_RELAXED_DOT_I8X16_I7X16_S, S_BINARY);
    simd(I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, S_TERNARY);
  }

  /**
   * Gives the SIMD opcodes {@code from..to} the typing rule {@code kind}. Ranges may span
   * sub-opcodes that are not assigned to any instruction: the code reader rejects those before
   * validation.
   */
  private static void simd(int from, int to, byte kind) {
    for (int op = from; op <= to; op++) {
      SIMD_KIND[op - PREFIX_SIMD] = kind;
    }
  }

  private static void simdMemory(int op, byte kind, int maxAlign, int lanes) {
    SIMD_KIND[op - PREFIX_SIMD] = kind;
    SIMD_ALIGN[op - PREFIX_SIMD] = (byte) maxAlign;
    SIMD_LANES[op - PREFIX_SIMD] = (byte) lanes;
  }

  private static void simdLane(int op, byte kind, int scalar, int lanes) {
    SIMD_KIND[op - PREFIX_SIMD] = kind;
    SIMD_SCALAR[op - PREFIX_SIMD] = (byte) scalar;
    SIMD_LANES[op - PREFIX_SIMD] = (byte) lanes;
  }

  private static void unary(int from, int to, int in, int out) {
    for (int op = from; op <= to; op++) {
      IN1[op] = (byte) in;
      OUT[op] = (byte) out;
    }
  }

  private static void binary(int from, int to, int in, int out) {
    for (int op = from; op <= to; op++) {
      IN1[op] = (byte) in;
      IN2[op] = (byte) in;
      OUT[op] = (byte) out;
    }
  }

  private static void sat(int op, int in, int out) {
    SAT_IN[op - PREFIX_FC] = (byte) in;
    SAT_OUT[op - PREFIX_FC] = (byte) out;
  }

  private static void memory(int op, int type, int maxAlign) {
    MEM_TYPE[op] = (byte) type;
    MEM_MAX_ALIGN[op] = (byte) maxAlign;
  }

  private final WasmModule module;
  private final CoreFeatures features;
  private final boolean[] declaredRefs;

  /** Whether br_table needs identical label types (1.0), rather than matching arities (2.0). */
  private final boolean sameLabelTypes;

  // The operand stack.
  private int[] vals = new int[64];
  private int valCount;

  // The control stack, one entry per open block: its opcode, start (parameter) and end (result)
  // types, the operand stack height at its start, and whether the rest of it is unreachable.
  private int[] ctrlOpcode = new int[16];
  private ValueType[][] ctrlStart = new ValueType[16][];
  private ValueType[][] ctrlEnd = new ValueType[16][];
  private int[] ctrlHeight = new int[16];
  private boolean[] ctrlUnreachable = new boolean[16];
  private int ctrlCount;

  // The function being validated.
  private int functionIndex;
  private ValueType[] params;
  private ValueType[] locals;
  private CodeReader reader;
  private int opcode;

  /**
   * A validator for the functions of {@code module}.
   *
   * @param declaredRefs {@code declaredRefs[f]} says whether function {@code f} is in C.refs, so
   *     that {@code ref.func f} is allowed in code
   */
  FunctionValidator(WasmModule module, CoreFeatures features, boolean[] declaredRefs) {
    this.module = module;
    this.features = features;
    this.declaredRefs = declaredRefs;
    this.sameLabelTypes = !features.contains(CoreFeature.REFERENCE_TYPES);
  }

  /**
   * Validates the body of the function at {@code functionIndex} (in the function index space),
   * whose type index the caller has already checked.
   */
  void validate(int functionIndex, Code code) {
    this.functionIndex = functionIndex;
    FuncType type = module.functionType(functionIndex);
    this.params = type.params();
    this.locals = code.locals();
    this.reader =
        new CodeReader(module.bytes, code.bodyStart(), code.bodyEnd(), features, functionIndex);
    this.opcode = FUNCTION_FRAME;
    valCount = 0;
    ctrlCount = 0;
    pushCtrl(FUNCTION_FRAME, NONE, type.results());
    CodeReader r = reader;
    while (r.hasNext()) {
      if (ctrlCount == 0) {
        throw invalid("instructions after the final end", r.position());
      }
      opcode = r.next();
      step(r, opcode);
    }
    if (ctrlCount != 0) {
      throw invalid("function body must end with end", r.position());
    }
    this.reader = null;
  }

  /** Type-checks one instruction. */
  private void step(CodeReader r, int op) {
    switch (op) {
      case UNREACHABLE:
        unreachable();
        return;
      case NOP:
        return;
      case BLOCK:
      case LOOP:
        {
          ValueType[] start = blockStart(r);
          ValueType[] end = blockEnd(r);
          popTypes(start);
          pushCtrl(op, start, end);
          return;
        }
      case IF:
        {
          ValueType[] start = blockStart(r);
          ValueType[] end = blockEnd(r);
          pop(I32);
          popTypes(start);
          pushCtrl(op, start, end);
          return;
        }
      case ELSE:
        {
          int top = ctrlCount - 1;
          if (ctrlOpcode[top] != IF) {
            throw invalid("else without a matching if");
          }
          ValueType[] start = ctrlStart[top];
          ValueType[] end = ctrlEnd[top];
          popCtrl();
          pushCtrl(ELSE, start, end);
          return;
        }
      case END:
        {
          int top = ctrlCount - 1;
          int frameOp = ctrlOpcode[top];
          ValueType[] start = ctrlStart[top];
          ValueType[] end = ctrlEnd[top];
          popCtrl();
          // An if without else behaves as if it had an empty else, which passes its parameters
          // through as its results: that only type-checks when the two are the same.
          if (frameOp == IF && !Arrays.equals(start, end)) {
            throw typeMismatch(
                "if without else must have the same parameters and results, but has "
                    + list(start)
                    + " -> "
                    + list(end));
          }
          pushTypes(end);
          return;
        }
      case BR:
        {
          int frame = label(r.index);
          popTypes(labelTypes(frame));
          unreachable();
          return;
        }
      case BR_IF:
        {
          int frame = label(r.index);
          pop(I32);
          ValueType[] types = labelTypes(frame);
          popTypes(types);
          pushTypes(types);
          return;
        }
      case BR_TABLE:
        brTable(r);
        return;
      case RETURN:
        popTypes(ctrlEnd[0]);
        unreachable();
        return;
      case CALL:
        {
          checkFunction(r.index);
          FuncType type = module.functionType(r.index);
          popTypes(type.params());
          pushTypes(type.results());
          return;
        }
      case CALL_INDIRECT:
        {
          FuncType type = indirectCallType(r, "call_indirect");
          pop(I32);
          popTypes(type.params());
          pushTypes(type.results());
          return;
        }
      case RETURN_CALL:
        {
          checkFunction(r.index);
          FuncType type = module.functionType(r.index);
          checkTailCallResults(type, "return_call");
          popTypes(type.params());
          unreachable();
          return;
        }
      case RETURN_CALL_INDIRECT:
        {
          FuncType type = indirectCallType(r, "return_call_indirect");
          checkTailCallResults(type, "return_call_indirect");
          pop(I32);
          popTypes(type.params());
          unreachable();
          return;
        }
      case DROP:
        pop();
        return;
      case SELECT:
        select();
        return;
      case SELECT_T:
        {
          ValueType[] types = r.selectTypes;
          if (types.length != 1) {
            throw invalid(
                "invalid result arity: select must have exactly one type, has " + types.length);
          }
          int t = code(types[0]);
          pop(I32);
          pop(t);
          pop(t);
          push(t);
          return;
        }
      case LOCAL_GET:
        push(local(r.index));
        return;
      case LOCAL_SET:
        pop(local(r.index));
        return;
      case LOCAL_TEE:
        {
          int t = local(r.index);
          pop(t);
          push(t);
          return;
        }
      case GLOBAL_GET:
        push(code(global(r.index).valueType()));
        return;
      case GLOBAL_SET:
        {
          GlobalType g = global(r.index);
          if (!g.mutable()) {
            throw invalid("global is immutable: global.set " + Integer.toUnsignedString(r.index));
          }
          pop(code(g.valueType()));
          return;
        }
      case TABLE_GET:
        {
          int t = code(table(r.index).elementType());
          pop(I32);
          push(t);
          return;
        }
      case TABLE_SET:
        {
          int t = code(table(r.index).elementType());
          pop(t);
          pop(I32);
          return;
        }
      case MEMORY_SIZE:
        checkMemory(r.index);
        push(I32);
        return;
      case MEMORY_GROW:
        checkMemory(r.index);
        pop(I32);
        push(I32);
        return;
      case I32_CONST:
        push(I32);
        return;
      case I64_CONST:
        push(I64);
        return;
      case F32_CONST:
        push(F32);
        return;
      case F64_CONST:
        push(F64);
        return;
      case REF_NULL:
        push(code(r.refType));
        return;
      case REF_IS_NULL:
        {
          int t = pop();
          if (t != UNKNOWN && t != FUNCREF && t != EXTERNREF) {
            throw typeMismatch("ref.is_null needs a reference, but the stack has " + typeName(t));
          }
          push(I32);
          return;
        }
      case REF_FUNC:
        checkFunction(r.index);
        if (!declaredRefs[r.index]) {
          throw invalid(
              "undeclared function reference: function "
                  + r.index
                  + " must appear in an element segment, export or global initializer to be used"
                  + " by ref.func");
        }
        push(FUNCREF);
        return;
      case MEMORY_INIT:
        checkMemory(r.index2);
        checkData(r.index);
        pop(I32);
        pop(I32);
        pop(I32);
        return;
      case DATA_DROP:
        checkData(r.index);
        return;
      case MEMORY_COPY:
        checkMemory(r.index);
        checkMemory(r.index2);
        pop(I32);
        pop(I32);
        pop(I32);
        return;
      case MEMORY_FILL:
        checkMemory(r.index);
        pop(I32);
        pop(I32);
        pop(I32);
        return;
      case TABLE_INIT:
        {
          ValueType tableType = table(r.index2).elementType();
          ValueType segmentType = elem(r.index);
          if (tableType != segmentType) {
            throw typeMismatch(
                "table.init of a " + segmentType + " segment into a table of " + tableType);
          }
          pop(I32);
          pop(I32);
          pop(I32);
          return;
        }
      case ELEM_DROP:
        elem(r.index);
        return;
      case TABLE_COPY:
        {
          ValueType to = table(r.index).elementType();
          ValueType from = table(r.index2).elementType();
          if (to != from) {
            throw typeMismatch("table.copy from a table of " + from + " to a table of " + to);
          }
          pop(I32);
          pop(I32);
          pop(I32);
          return;
        }
      case TABLE_GROW:
        {
          int t = code(table(r.index).elementType());
          pop(I32);
          pop(t);
          push(I32);
          return;
        }
      case TABLE_SIZE:
        table(r.index);
        push(I32);
        return;
      case TABLE_FILL:
        {
          int t = code(table(r.index).elementType());
          pop(I32);
          pop(t);
          pop(I32);
          return;
        }
      default:
        if (op >= I32_EQZ && op <= I64_EXTEND32_S) {
          int in2 = IN2[op];
          if (in2 != 0) {
            pop(in2);
          }
          pop(IN1[op]);
          push(OUT[op]);
          return;
        }
        if (op >= I32_LOAD && op <= I64_STORE32) {
          memoryAccess(r, op);
          return;
        }
        if (op >= I32_TRUNC_SAT_F32_S && op <= I64_TRUNC_SAT_F64_U) {
          pop(SAT_IN[op - PREFIX_FC]);
          push(SAT_OUT[op - PREFIX_FC]);
          return;
        }
        if (op >= PREFIX_SIMD && op < PREFIX_SIMD + SIMD_KIND.length) {
          simd(r, op);
          return;
        }
        // The code reader rejects every opcode it does not know, so this is an opcode the reader
        // accepts that the validator does not handle yet.
        throw invalid("instruction " + opName(op) + " is not supported by the validator");
    }
  }

  /** Type-checks a SIMD instruction with the rule {@link #SIMD_KIND} gives it. */
  private void simd(CodeReader r, int op) {
    int sub = op - PREFIX_SIMD;
    switch (SIMD_KIND[sub]) {
      case S_LOAD:
        simdAlign(r, op);
        pop(I32);
        push(V128);
        return;
      case S_STORE:
        simdAlign(r, op);
        pop(V128);
        pop(I32);
        return;
      case S_LOAD_LANE:
        simdAlign(r, op);
        checkLane(r.lane, SIMD_LANES[sub]);
        pop(V128);
        pop(I32);
        push(V128);
        return;
      case S_STORE_LANE:
        simdAlign(r, op);
        checkLane(r.lane, SIMD_LANES[sub]);
        pop(V128);
        pop(I32);
        return;
      case S_CONST:
        push(V128);
        return;
      case S_SHUFFLE:
        for (byte lane : r.shuffleLanes) {
          checkLane(lane & 0xFF, 32);
        }
        pop(V128);
        pop(V128);
        push(V128);
        return;
      case S_SPLAT:
        pop(SIMD_SCALAR[sub]);
        push(V128);
        return;
      case S_EXTRACT:
        checkLane(r.lane, SIMD_LANES[sub]);
        pop(V128);
        push(SIMD_SCALAR[sub]);
        return;
      case S_REPLACE:
        checkLane(r.lane, SIMD_LANES[sub]);
        pop(SIMD_SCALAR[sub]);
        pop(V128);
        push(V128);
        return;
      case S_UNARY:
        pop(V128);
        push(V128);
        return;
      case S_BINARY:
        pop(V128);
        pop(V128);
        push(V128);
        return;
      case S_TERNARY:
        pop(V128);
        pop(V128);
        pop(V128);
        push(V128);
        return;
      case S_TEST:
        pop(V128);
        push(I32);
        return;
      case S_SHIFT:
        pop(I32);
        pop(V128);
        push(V128);
        return;
      default:
        throw invalid("instruction " + opName(op) + " is not supported by the validator");
    }
  }

  private void simdAlign(CodeReader r, int op) {
    checkMemory(0);
    int maxAlign = SIMD_ALIGN[op - PREFIX_SIMD];
    // The alignment exponent is an unsigned 32-bit number: a negative int is a huge one.
    if (r.align < 0 || r.align > maxAlign) {
      throw invalid(
          "alignment must not be larger than natural: "
              + opName(op)
              + " has alignment 2^"
              + Integer.toUnsignedString(r.align)
              + ", natural is "
              + (1 << maxAlign));
    }
  }

  private void checkLane(int lane, int lanes) {
    if (lane >= lanes) {
      throw invalid(
          "invalid lane index: "
              + lane
              + " in "
              + opName(opcode)
              + ", which has "
              + lanes
              + " lanes");
    }
  }

  private void memoryAccess(CodeReader r, int op) {
    checkMemory(0);
    int maxAlign = MEM_MAX_ALIGN[op];
    // The alignment exponent is an unsigned 32-bit number: a negative int is a huge one.
    if (r.align < 0 || r.align > maxAlign) {
      throw invalid(
          "alignment must not be larger than natural: "
              + opName(op)
              + " has alignment 2^"
              + Integer.toUnsignedString(r.align)
              + ", natural is "
              + (1 << maxAlign));
    }
    int t = MEM_TYPE[op];
    if (op >= I32_STORE) {
      pop(t);
      pop(I32);
    } else {
      pop(I32);
      push(t);
    }
  }

  private void select() {
    pop(I32);
    int t1 = pop();
    int t2 = pop();
    // Untyped select takes numeric or vector operands only (UNKNOWN counts as either);
    // references need the typed form "select t".
    boolean numeric = isNumeric(t1) && isNumeric(t2);
    boolean vector = isVector(t1) && isVector(t2);
    if (!numeric && !vector) {
      throw typeMismatch(
          "select without a type needs numeric operands, but has "
              + typeName(t2)
              + " and "
              + typeName(t1)
              + " (use select with a type for references)");
    }
    if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
      throw typeMismatch("select operands differ: " + typeName(t2) + " and " + typeName(t1));
    }
    push(t1 == UNKNOWN ? t2 : t1);
  }

  private static boolean isNumeric(int t) {
    return t == I32 || t == I64 || t == F32 || t == F64 || t == UNKNOWN;
  }

  private static boolean isVector(int t) {
    return t == V128 || t == UNKNOWN;
  }

  /**
   * Type-checks {@code br_table}. In 2.0 (with reference types, which brought this rule) each
   * target only needs the default's arity and must accept the operands on the stack, so in
   * unreachable code targets of different types are fine; in 1.0 all targets must have identical
   * types.
   */
  private void brTable(CodeReader r) {
    pop(I32);
    int defaultFrame = label(r.index);
    int arity = labelTypes(defaultFrame).length;
    int[] labels = r.labels;
    for (int i = 0, n = r.labelCount; i < n; i++) {
      ValueType[] types = labelTypes(label(labels[i]));
      if (types.length != arity) {
        throw typeMismatch(
            "br_table targets have different arities: label "
                + Integer.toUnsignedString(labels[i])
                + " takes "
                + types.length
                + " values, the default label "
                + Integer.toUnsignedString(r.index)
                + " takes "
                + arity);
      }
      if (!sameLabelTypes) {
        checkTopTypes(types);
      } else if (!Arrays.equals(types, labelTypes(defaultFrame))) {
        // 1.0 rule: every target takes exactly the default's types, even in unreachable code.
        throw typeMismatch(
            "br_table targets take different types: label "
                + Integer.toUnsignedString(labels[i])
                + " takes "
                + list(types)
                + ", the default label takes "
                + list(labelTypes(defaultFrame)));
      }
    }
    popTypes(labelTypes(defaultFrame));
    unreachable();
  }

  /**
   * Checks that the top of the operand stack matches {@code types} without changing it. This is the
   * specification's {@code push_vals(pop_vals(types))}: below the current frame's height an
   * unreachable frame supplies UNKNOWN values, which match anything.
   */
  private void checkTopTypes(ValueType[] types) {
    int top = ctrlCount - 1;
    int height = ctrlHeight[top];
    int p = valCount - 1;
    for (int i = types.length - 1; i >= 0; i--, p--) {
      int expected = code(types[i]);
      if (p < height) {
        if (ctrlUnreachable[top]) {
          return;
        }
        throw typeMismatch("expected " + typeName(expected) + " but the stack is empty");
      }
      int actual = vals[p];
      if (actual != expected && actual != UNKNOWN) {
        throw typeMismatch(
            "expected " + typeName(expected) + " but the stack has " + typeName(actual));
      }
    }
  }

  // ---- operand stack ----

  private void push(int t) {
    if (valCount == vals.length) {
      vals = Arrays.copyOf(vals, vals.length * 2);
    }
    vals[valCount++] = t;
  }

  private void pushTypes(ValueType[] types) {
    for (ValueType t : types) {
      push(code(t));
    }
  }

  private int pop() {
    int top = ctrlCount - 1;
    if (valCount == ctrlHeight[top]) {
      if (ctrlUnreachable[top]) {
        return UNKNOWN;
      }
      throw typeMismatch(
          opName(opcode) + " expected a value but the stack is empty" + blockWord(top));
    }
    return vals[--valCount];
  }

  private int pop(int expected) {
    int top = ctrlCount - 1;
    if (valCount == ctrlHeight[top]) {
      if (ctrlUnreachable[top]) {
        return UNKNOWN;
      }
      throw typeMismatch(
          opName(opcode)
              + " expected "
              + typeName(expected)
              + " but the stack is empty"
              + blockWord(top));
    }
    int actual = vals[--valCount];
    if (actual != expected && actual != UNKNOWN && expected != UNKNOWN) {
      throw typeMismatch(
          opName(opcode)
              + " expected "
              + typeName(expected)
              + " but the stack has "
              + typeName(actual));
    }
    return actual;
  }

  private void popTypes(ValueType[] types) {
    for (int i = types.length - 1; i >= 0; i--) {
      pop(code(types[i]));
    }
  }

  // ---- control stack ----

  private void pushCtrl(int op, ValueType[] start, ValueType[] end) {
    if (ctrlCount == ctrlOpcode.length) {
      int n = ctrlCount * 2;
      ctrlOpcode = Arrays.copyOf(ctrlOpcode, n);
      ctrlStart = Arrays.copyOf(ctrlStart, n);
      ctrlEnd = Arrays.copyOf(ctrlEnd, n);
      ctrlHeight = Arrays.copyOf(ctrlHeight, n);
      ctrlUnreachable = Arrays.copyOf(ctrlUnreachable, n);
    }
    ctrlOpcode[ctrlCount] = op;
    ctrlStart[ctrlCount] = start;
    ctrlEnd[ctrlCount] = end;
    ctrlHeight[ctrlCount] = valCount;
    ctrlUnreachable[ctrlCount] = false;
    ctrlCount++;
    pushTypes(start);
  }

  private void popCtrl() {
    int top = ctrlCount - 1;
    popTypes(ctrlEnd[top]);
    if (valCount != ctrlHeight[top]) {
      throw typeMismatch(
          (valCount - ctrlHeight[top])
              + " value(s) left on the stack at the end of the "
              + frameName(top)
              + ", which returns "
              + list(ctrlEnd[top]));
    }
    ctrlStart[top] = null;
    ctrlEnd[top] = null;
    ctrlCount--;
  }

  private void unreachable() {
    int top = ctrlCount - 1;
    valCount = ctrlHeight[top];
    ctrlUnreachable[top] = true;
  }

  /** The control stack index of the frame {@code depth} labels out; "unknown label" if none. */
  private int label(int depth) {
    // The depth is an unsigned 32-bit number: a negative int is a huge one.
    if (depth < 0 || depth >= ctrlCount) {
      throw invalid(
          "unknown label "
              + Integer.toUnsignedString(depth)
              + ": only "
              + ctrlCount
              + " enclosing block(s)");
    }
    return ctrlCount - 1 - depth;
  }

  /**
   * The types a branch to {@code frame} carries: a loop's parameters, any other block's results.
   */
  private ValueType[] labelTypes(int frame) {
    return ctrlOpcode[frame] == LOOP ? ctrlStart[frame] : ctrlEnd[frame];
  }

  private ValueType[] blockStart(CodeReader r) {
    return r.blockTypeIndex >= 0 ? type(r.blockTypeIndex).params() : NONE;
  }

  private ValueType[] blockEnd(CodeReader r) {
    if (r.blockTypeIndex >= 0) {
      return type(r.blockTypeIndex).results();
    }
    return r.blockValueType == null ? NONE : SINGLE[r.blockValueType.ordinal()];
  }

  // ---- context lookups ----

  private int local(int index) {
    int paramCount = params.length;
    // Unsigned compare: index is an unsigned 32-bit number.
    if (index < 0 || (long) index >= (long) paramCount + locals.length) {
      throw invalid(
          "unknown local "
              + Integer.toUnsignedString(index)
              + ": the function has "
              + ((long) paramCount + locals.length)
              + " locals (parameters included)");
    }
    return code(index < paramCount ? params[index] : locals[index - paramCount]);
  }

  private GlobalType global(int index) {
    if (index < 0 || index >= module.globalTypes.length) {
      throw invalid("unknown global " + Integer.toUnsignedString(index));
    }
    return module.globalTypes[index];
  }

  /** The type of a {@code call_indirect} or {@code return_call_indirect}, checking its table. */
  private FuncType indirectCallType(CodeReader r, String instruction) {
    TableType table = table(r.index2);
    FuncType type = type(r.index);
    if (table.elementType() != ValueType.FUNCREF) {
      throw typeMismatch(
          instruction
              + " needs a table of funcref, but table "
              + Integer.toUnsignedString(r.index2)
              + " holds "
              + table.elementType());
    }
    return type;
  }

  /** A tail call returns its callee's results as the caller's: they must be the same types. */
  private void checkTailCallResults(FuncType callee, String instruction) {
    if (!Arrays.equals(callee.results(), ctrlEnd[0])) {
      throw typeMismatch(
          instruction
              + " returns "
              + Arrays.toString(callee.results())
              + " but the function returns "
              + Arrays.toString(ctrlEnd[0]));
    }
  }

  private TableType table(int index) {
    if (index < 0 || index >= module.tables.length) {
      throw invalid("unknown table " + Integer.toUnsignedString(index));
    }
    return module.tables[index];
  }

  private void checkMemory(int index) {
    if (index < 0 || index >= module.memories.length) {
      throw invalid("unknown memory " + Integer.toUnsignedString(index));
    }
  }

  private FuncType type(int index) {
    if (index < 0 || index >= module.types.length) {
      throw invalid("unknown type " + Integer.toUnsignedString(index));
    }
    return module.types[index];
  }

  private void checkFunction(int index) {
    if (index < 0 || index >= module.functionTypeIndices.length) {
      throw invalid("unknown function " + Integer.toUnsignedString(index));
    }
  }

  private void checkData(int index) {
    if (module.dataCount < 0) {
      throw invalid("data count section required by " + opName(opcode));
    }
    if (index < 0 || index >= module.dataCount) {
      throw invalid("unknown data segment " + Integer.toUnsignedString(index));
    }
  }

  private ValueType elem(int index) {
    if (index < 0 || index >= module.elements.length) {
      throw invalid("unknown elem segment " + Integer.toUnsignedString(index));
    }
    return module.elements[index].type();
  }

  // ---- types and errors ----

  private static int code(ValueType t) {
    return t.ordinal() + 1;
  }

  private static String typeName(int t) {
    return t == UNKNOWN ? "any" : VALUE_TYPES[t - 1].toString();
  }

  private static String list(ValueType[] types) {
    return new FuncType(types, NONE).toString().replace(" -> ()", "");
  }

  private String frameName(int frame) {
    int op = ctrlOpcode[frame];
    return op == FUNCTION_FRAME ? "function" : opName(op) + " block";
  }

  private String blockWord(int frame) {
    return frame == 0 ? "" : " (inside a " + frameName(frame) + ")";
  }

  private static String opName(int op) {
    return op == FUNCTION_FRAME ? "function" : Opcodes.name(op);
  }

  private CompileException typeMismatch(String detail) {
    return invalid("type mismatch: " + detail);
  }

  private CompileException invalid(String reason) {
    return invalid(reason, reader.instructionOffset());
  }

  private CompileException invalid(String reason, int offset) {
    return new CompileException(Phase.VALIDATE, reason, offset, functionIndex);
  }
}
