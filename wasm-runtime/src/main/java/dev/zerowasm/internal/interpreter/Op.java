package dev.zerowasm.internal.interpreter;

/**
 * The interpreter's internal opcodes. A translated function is an {@code int[]} of opcodes, each
 * followed by its operands (listed in brackets). The code is register-based: operands name slots of
 * the frame (relative to the frame pointer) where locals and operand-stack values live, so {@code
 * local.get}, {@code drop} and most stack shuffling disappear at translation time.
 *
 * <p>The numeric instructions keep their WebAssembly opcode byte: unary ones take {@code [dst,
 * src]}, binary ones {@code [dst, a, b]}. Loads take {@code [dst, address, offset]}, stores {@code
 * [address, value, offset]} (offset unsigned 32-bit, memory 0).
 *
 * <p>Branch targets are absolute pcs in the same code array.
 */
final class Op {
  private Op() {}

  static final int UNREACHABLE = 0x00;

  /**
   * [] checks for interruption ({@code Interrupts.poll}); emitted only in interruptible code, at
   * function entry and loop headers. 0xDF is otherwise unused, which keeps the switch dense.
   */
  static final int POLL = 0xDF;

  /** [target] */
  static final int JMP = 0x01;

  /** [cond, target] jump if the i32 in cond is not zero. */
  static final int BR_IF = 0x02;

  /** [cond, target] jump if the i32 in cond is zero. */
  static final int BR_UNLESS = 0x03;

  /**
   * [index, count, n, from, (target, base) x (count + 1)] move n slots (the label's values, a v128
   * taking two) from slot {@code from} to the chosen entry's {@code base} and jump to its target
   * (the last entry is the default).
   */
  static final int BR_TABLE = 0x04;

  /**
   * [from, n] move the results, n slots (a v128 takes two), from slot {@code from} to slot 0 and
   * return.
   */
  static final int RETURN = 0x05;

  /** [src] return the single value in src. */
  static final int RETURN1 = 0x06;

  /** [defined function index, argument slot] call an own function inline; results replace args. */
  static final int CALL_INTERNAL = 0x07;

  /** [function index, argument slot] call an imported function. */
  static final int CALL_EXTERNAL = 0x08;

  /** [type index, table index, index slot, argument slot] */
  static final int CALL_INDIRECT = 0x09;

  /**
   * [defined function index, argument slot] {@code return_call} of an own function: the arguments
   * move to slot 0 and the callee's code replaces this frame's, so tail calls take no frame.
   */
  static final int TAIL_CALL = 0x12;

  /**
   * [type index, table index, index slot, argument slot, result slots] {@code
   * return_call_indirect}: as {@link #TAIL_CALL_EXTERNAL}, for the function the table holds.
   */
  static final int TAIL_CALL_INDIRECT = 0x13;

  /**
   * [function index, argument slot, result slots] {@code return_call} through the instance's
   * functions (an import, or any function in listening code): a tail call as {@link #TAIL_CALL}
   * when the function's {@code tailCallTarget()} is an interpreted function of this code;
   * otherwise a call whose results are then returned.
   */
  static final int TAIL_CALL_EXTERNAL = 0x14;

  /** [dst, src] */
  static final int COPY = 0x0A;

  /** [dst, low, high] a 64-bit constant (i32 values come sign-extended, f32 zero-extended). */
  static final int CONST = 0x0B;

  /** [dst, a, b, cond] dst = cond != 0 ? a : b. */
  static final int SELECT = 0x0C;

  /** [dst, a, c] i32 add of a constant. */
  static final int I32_ADD_C = 0x0D;

  /**
   * [address, offset, size] traps unless the access of {@code size} bytes at the unsigned address
   * plus the unsigned offset ends within the memory's size ({@code MemoryInstance.byteSize});
   * emitted only in size-checked code ({@code CodeOptions.sizeChecked}), right before each load,
   * store and SIMD memory instruction, whose own check is against the array's length.
   */
  static final int MEM_CHECK = 0x0E;

  /** [dst, global index] */
  static final int GLOBAL_GET = 0x23;

  /** [src, global index] */
  static final int GLOBAL_SET = 0x24;

  /** [dst, index slot, table] */
  static final int TABLE_GET = 0x25;

  /** [index slot, value slot, table] */
  static final int TABLE_SET = 0x26;

  /** [dst] */
  static final int MEMORY_SIZE = 0x3F;

  /** [dst, delta slot] */
  static final int MEMORY_GROW = 0x40;

  /** [a, b, target] jump if the i32 comparison holds; 0xC5 + (wasm op - i32.eq). */
  static final int BR_IF_I32_EQ = 0xC5;

  static final int BR_IF_I32_NE = 0xC6;
  static final int BR_IF_I32_LT_S = 0xC7;
  static final int BR_IF_I32_LT_U = 0xC8;
  static final int BR_IF_I32_GT_S = 0xC9;
  static final int BR_IF_I32_GT_U = 0xCA;
  static final int BR_IF_I32_LE_S = 0xCB;
  static final int BR_IF_I32_LE_U = 0xCC;
  static final int BR_IF_I32_GE_S = 0xCD;
  static final int BR_IF_I32_GE_U = 0xCE;

  /** [dst, function index] */
  static final int REF_FUNC = 0xD2;

  /** [a, b, target] jump if the i64 comparison holds; 0xD3 + (wasm op - i64.eq). */
  static final int BR_IF_I64_EQ = 0xD3;

  static final int BR_IF_I64_NE = 0xD4;
  static final int BR_IF_I64_LT_S = 0xD5;
  static final int BR_IF_I64_LT_U = 0xD6;
  static final int BR_IF_I64_GT_S = 0xD7;
  static final int BR_IF_I64_GT_U = 0xD8;
  static final int BR_IF_I64_LE_S = 0xD9;
  static final int BR_IF_I64_LE_U = 0xDA;
  static final int BR_IF_I64_GE_S = 0xDB;
  static final int BR_IF_I64_GE_U = 0xDC;

  /** [a, target] jump if the i64 (or reference) in a is zero. */
  static final int BR_IF_I64_Z = 0xDD;

  /** [a, target] jump if the i64 (or reference) in a is not zero. */
  static final int BR_IF_I64_NZ = 0xDE;

  // 0xE0..0xE7 saturating truncations [dst, src] (0xFC00..0xFC07 - 0xFC00 + 0xE0).
  static final int I32_TRUNC_SAT_F32_S = 0xE0;
  static final int I32_TRUNC_SAT_F32_U = 0xE1;
  static final int I32_TRUNC_SAT_F64_S = 0xE2;
  static final int I32_TRUNC_SAT_F64_U = 0xE3;
  static final int I64_TRUNC_SAT_F32_S = 0xE4;
  static final int I64_TRUNC_SAT_F32_U = 0xE5;
  static final int I64_TRUNC_SAT_F64_S = 0xE6;
  static final int I64_TRUNC_SAT_F64_U = 0xE7;

  /** [dst, src, n, data segment] */
  static final int MEMORY_INIT = 0xE8;

  /** [data segment] */
  static final int DATA_DROP = 0xE9;

  /** [dst, src, n] */
  static final int MEMORY_COPY = 0xEA;

  /** [dst, value, n] */
  static final int MEMORY_FILL = 0xEB;

  /** [dst, src, n, element segment, table] */
  static final int TABLE_INIT = 0xEC;

  /** [element segment] */
  static final int ELEM_DROP = 0xED;

  /** [dst, src, n, destination table, source table] */
  static final int TABLE_COPY = 0xEE;

  /** [dst, init, n, table] */
  static final int TABLE_GROW = 0xEF;

  /** [dst, table] */
  static final int TABLE_SIZE = 0xF0;

  /** [index, value, n, table] */
  static final int TABLE_FILL = 0xF1;

  /** A SIMD instruction or v128 move, run by {@link SimdOps}; its format is described there. */
  static final int SIMD = 0xF2;
}
