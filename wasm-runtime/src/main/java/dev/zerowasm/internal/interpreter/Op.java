package dev.zerowasm.internal.interpreter;

/**
 * The interpreter's internal opcodes. A translated function is an {@code int[]} of opcodes, each
 * followed by its operands (listed in brackets). The numeric instructions, loads, stores, locals
 * and globals keep their WebAssembly opcode byte, so most instructions translate one to one;
 * control flow gets resolved forms, and a few frequent sequences get fused "superinstructions".
 *
 * <p>Branch operands: {@code target} is an absolute pc in the same code array; {@code base} is the
 * operand-stack height (relative to the frame pointer) of the target label and {@code arity} the
 * number of values the branch carries there. Every branch instruction has its target at {@code
 * pc + 1}, which the translator relies on when it patches forward branches.
 */
final class Op {
  private Op() {}

  static final int UNREACHABLE = 0x00;
  /** [target] unconditional jump, the stack already has the right height. */
  static final int JMP = 0x02;
  /** [target, arity, base] move the top arity values down to base, then jump. */
  static final int BR_MOVE = 0x03;
  /** [target] pop an i32; jump if non-zero. */
  static final int BR_IF = 0x04;
  /** [target, arity, base] pop an i32; if non-zero, move and jump like BR_MOVE. */
  static final int BR_IF_MOVE = 0x05;
  /** [target] pop an i32; jump if zero. */
  static final int BR_UNLESS = 0x06;
  /** [count, arity, (target, base) x (count + 1)] pop an index; branch to the entry (last = default). */
  static final int BR_TABLE = 0x07;
  /** [arity] move the top arity values to the frame pointer and return to the caller. */
  static final int RETURN = 0x08;
  /** [defined function index] call a function of the same module, inline on the same loop. */
  static final int CALL_INTERNAL = 0x09;
  /** [function index] call an imported function through its instance. */
  static final int CALL_EXTERNAL = 0x0A;
  /** [type index, table index] */
  static final int CALL_INDIRECT = 0x0B;
  /** [a, b] push local a, then local b. */
  static final int LOCAL_GET2 = 0x0C;
  /** [c] add the constant c to the i32 on top. */
  static final int I32_ADD_C = 0x0D;
  /** [local, c] local += c (i32): local.get x, i32.const c, i32.add, local.set x. */
  static final int LOCAL_I32_INC = 0x0E;
  /** [a, c] push local a + c (i32). */
  static final int LOCAL_I32_ADD_C = 0x0F;
  /** [a, b] push local a + local b (i32). */
  static final int LOCAL_I32_ADD_L = 0x10;
  /** [a, b] local b = local a (local.get a, local.set b). */
  static final int LOCAL_COPY = 0x11;
  /** [a, offset] push i32.load(local a + offset). */
  static final int LOCAL_I32_LOAD = 0x12;

  static final int DROP = 0x1A;
  static final int SELECT = 0x1B;
  /** [index] */
  static final int LOCAL_GET = 0x20;
  /** [index] */
  static final int LOCAL_SET = 0x21;
  /** [index] */
  static final int LOCAL_TEE = 0x22;
  /** [index] */
  static final int GLOBAL_GET = 0x23;
  /** [index] */
  static final int GLOBAL_SET = 0x24;
  /** [table] */
  static final int TABLE_GET = 0x25;
  /** [table] */
  static final int TABLE_SET = 0x26;
  // 0x28..0x3E loads and stores: [offset] (unsigned 32-bit, memory 0)
  static final int MEMORY_SIZE = 0x3F;
  static final int MEMORY_GROW = 0x40;
  /** [value] */
  static final int I32_CONST = 0x41;
  /** [low, high] */
  static final int I64_CONST = 0x42;
  /** [bits] */
  static final int F32_CONST = 0x43;
  /** [low, high] */
  static final int F64_CONST = 0x44;
  // 0x45..0xC4 numeric instructions, no operands.

  /** [target] pop b, pop a (i32); jump if the comparison holds. 0xC5 + (wasm op - I32_EQ). */
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

  /** [function index] */
  static final int REF_FUNC = 0xD2;

  // 0xE0..0xE7 saturating truncations (0xFC00..0xFC07 - 0xFC00 + 0xE0).
  static final int I32_TRUNC_SAT_F32_S = 0xE0;
  static final int I32_TRUNC_SAT_F32_U = 0xE1;
  static final int I32_TRUNC_SAT_F64_S = 0xE2;
  static final int I32_TRUNC_SAT_F64_U = 0xE3;
  static final int I64_TRUNC_SAT_F32_S = 0xE4;
  static final int I64_TRUNC_SAT_F32_U = 0xE5;
  static final int I64_TRUNC_SAT_F64_S = 0xE6;
  static final int I64_TRUNC_SAT_F64_U = 0xE7;
  /** [data segment] */
  static final int MEMORY_INIT = 0xE8;
  /** [data segment] */
  static final int DATA_DROP = 0xE9;
  static final int MEMORY_COPY = 0xEA;
  static final int MEMORY_FILL = 0xEB;
  /** [element segment, table] */
  static final int TABLE_INIT = 0xEC;
  /** [element segment] */
  static final int ELEM_DROP = 0xED;
  /** [destination table, source table] */
  static final int TABLE_COPY = 0xEE;
  /** [table] */
  static final int TABLE_GROW = 0xEF;
  /** [table] */
  static final int TABLE_SIZE = 0xF0;
  /** [table] */
  static final int TABLE_FILL = 0xF1;
}
