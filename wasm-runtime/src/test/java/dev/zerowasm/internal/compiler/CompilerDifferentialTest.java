package dev.zerowasm.internal.compiler;

import static dev.zerowasm.api.ValueType.F32;
import static dev.zerowasm.api.ValueType.F64;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.api.ValueType.V128;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.validation.Validator;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Differential test: random, valid, terminating function bodies (nested blocks, loops, branches
 * that drop values, br_table, select, calls, memory, traps, and in the SIMD variant v128 values and
 * instructions of every shape) run on the compiler and on the interpreter, which must agree on
 * every result and trap.
 */
class CompilerDifferentialTest {
  private static final ValueType[] TYPES = {I32, I64, F32, F64};
  private static final ValueType[] SIMD_TYPES = {I32, I64, F32, F64, V128, V128};
  private static final int FUNCTIONS = 6;

  /** Generates one module's function bodies. */
  private static final class Generator {
    final Random rnd;
    final List<FuncType> signatures = new ArrayList<>();
    ValueType[] params;
    final List<ValueType> locals = new ArrayList<>();

    /** What a branch to each enclosing label carries; the innermost last. */
    final List<ValueType[]> labelStack = new ArrayList<>();

    final List<Boolean> loops = new ArrayList<>();
    TestModule target;
    int currentFunction;
    final ValueType[] types;

    Generator(long seed, boolean simd) {
      rnd = new Random(seed);
      types = simd ? SIMD_TYPES : TYPES;
    }

    ValueType randomType() {
      return types[rnd.nextInt(types.length)];
    }

    /** A random SIMD instruction of table shape {@code pattern} (see {@link SimdTable}). */
    int simdOp(int... patterns) {
      List<Integer> ops = new ArrayList<>();
      for (int op = PREFIX_SIMD; op < PREFIX_SIMD + 0x100; op++) {
        for (int p : patterns) {
          if (SimdTable.pattern(op) == p) {
            ops.add(op);
          }
        }
      }
      return ops.get(rnd.nextInt(ops.size()));
    }

    /** A random lane half: mostly small lanes, sometimes extremes, sometimes random bits. */
    long laneBits() {
      switch (rnd.nextInt(4)) {
        case 0:
          return rnd.nextLong();
        case 1:
          return 0x7FC0_0000_FF80_0000L ^ (rnd.nextInt(2) == 0 ? 0 : 0x8000_0000_8000_0000L);
        case 2:
          return -1L << rnd.nextInt(64);
        default:
          return (rnd.nextInt(20) - 5) & 0x00FF_00FF_00FF_00FFL;
      }
    }

    /** Emits code leaving a v128 in one of the irregular ways (table shapes: {@link #binary}). */
    void simdSpecial(Asm a, int depth) {
      switch (rnd.nextInt(4)) {
        case 0:
          {
            expr(a, V128, depth - 1);
            expr(a, V128, depth - 1);
            int[] lanes = new int[16];
            for (int i = 0; i < 16; i++) {
              lanes[i] = rnd.nextInt(32);
            }
            a.op(I8X16_SHUFFLE).b(lanes);
            return;
          }
        case 1:
          expr(a, V128, depth - 1);
          expr(a, V128, depth - 1);
          a.op(rnd.nextBoolean() ? I8X16_SWIZZLE : simdOp(SimdTable.NARROW));
          return;
        case 2:
          expr(a, V128, depth - 1);
          expr(a, V128, depth - 1);
          expr(a, V128, depth - 1);
          a.op(V128_BITSELECT);
          return;
        default:
          {
            // replace_lane with a scalar of the lane's type
            int[][] shapes = {
              {I8X16_REPLACE_LANE, 16}, {I16X8_REPLACE_LANE, 8}, {I32X4_REPLACE_LANE, 4},
              {I64X2_REPLACE_LANE, 2}, {F32X4_REPLACE_LANE, 4}, {F64X2_REPLACE_LANE, 2}
            };
            ValueType[] scalar = {I32, I32, I32, I64, F32, F64};
            int k = rnd.nextInt(shapes.length);
            expr(a, V128, depth - 1);
            expr(a, scalar[k], depth - 1);
            a.op(shapes[k][0]).b(rnd.nextInt(shapes[k][1]));
          }
      }
    }

    int newLocal(ValueType t) {
      locals.add(t);
      return params.length + locals.size() - 1;
    }

    ValueType localType(int i) {
      return i < params.length ? params[i] : locals.get(i - params.length);
    }

    void constant(Asm a, ValueType t) {
      switch (t) {
        case I32:
          a.i32(rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(20) - 5);
          break;
        case I64:
          a.i64(rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(20) - 5);
          break;
        case F32:
          a.f32(rnd.nextInt(6) == 0 ? Float.NaN : (float) (rnd.nextGaussian() * 100));
          break;
        case V128:
          a.v128(laneBits(), laneBits());
          break;
        default:
          a.f64(rnd.nextInt(6) == 0 ? -0.0 : rnd.nextGaussian() * 1e6);
          break;
      }
    }

    /** Emits code leaving one value of type {@code t}. */
    void expr(Asm a, ValueType t, int depth) {
      int choice = depth <= 0 ? rnd.nextInt(2) : rnd.nextInt(18);
      switch (choice) {
        case 0:
          constant(a, t);
          return;
        case 1:
          {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < params.length + locals.size(); i++) {
              if (localType(i) == t) {
                candidates.add(i);
              }
            }
            if (candidates.isEmpty()) {
              constant(a, t);
            } else {
              a.localGet(candidates.get(rnd.nextInt(candidates.size())));
            }
            return;
          }
        case 2:
          binary(a, t, depth);
          return;
        case 3:
          unaryOrConversion(a, t, depth);
          return;
        case 4: // select
          expr(a, t, depth - 1);
          expr(a, t, depth - 1);
          expr(a, I32, depth - 1);
          a.op(SELECT);
          return;
        case 5:
          { // block with a br_if carrying a value, then dropping it
            a.op(BLOCK).b(t.code());
            push(new ValueType[] {t}, false);
            expr(a, t, depth - 1);
            expr(a, I32, depth - 1);
            a.op(BR_IF).u32(0).op(DROP);
            expr(a, t, depth - 1);
            pop();
            a.end();
            return;
          }
        case 6:
          { // if/else
            expr(a, I32, depth - 1);
            a.op(IF).b(t.code());
            push(new ValueType[] {t}, false);
            expr(a, t, depth - 1);
            a.op(ELSE);
            expr(a, t, depth - 1);
            pop();
            a.end();
            return;
          }
        case 7:
          { // bounded loop whose back edge drops the value computed in the body
            int counter = newLocal(I32);
            a.i32(rnd.nextInt(3) + 1).localSet(counter);
            a.op(LOOP).b(t.code());
            push(new ValueType[0], true);
            expr(a, t, depth - 1);
            a.localGet(counter).i32(1).op(I32_SUB).op(LOCAL_TEE).u32(counter).op(BR_IF).u32(0);
            pop();
            a.end();
            return;
          }
        case 8:
          { // br_table over two blocks with extra values below
            a.op(BLOCK).b(t.code()).op(BLOCK).b(t.code());
            push(new ValueType[] {t}, false);
            push(new ValueType[] {t}, false);
            ValueType junk = randomType();
            expr(a, junk, 0);
            expr(a, t, depth - 1);
            expr(a, I32, depth - 1);
            a.op(BR_TABLE).u32(3).u32(0).u32(1).u32(0).u32(1);
            pop();
            a.end();
            convert(a, t, t); // a distinguishing step on the inner exit
            pop();
            a.end();
            return;
          }
        case 9:
          { // call a previous function
            if (currentFunction == 0) {
              constant(a, t);
              return;
            }
            int callee = rnd.nextInt(currentFunction);
            FuncType ft = signatures.get(callee);
            for (ValueType p : ft.params()) {
              expr(a, p, depth - 1);
            }
            a.op(CALL).u32(callee);
            // results: keep the first of type t if any, else drop all and make a value
            ValueType[] rs = ft.results();
            int keep = -1;
            for (int i = 0; i < rs.length; i++) {
              if (rs[i] == t) {
                keep = i;
              }
            }
            if (keep == rs.length - 1 && keep >= 0) {
              // drop nothing below? results below must be dropped: spill via a local
              int tmp = newLocal(t);
              a.localSet(tmp);
              for (int i = 0; i < rs.length - 1; i++) {
                a.op(DROP);
              }
              a.localGet(tmp);
            } else {
              for (int i = 0; i < rs.length; i++) {
                a.op(DROP);
              }
              expr(a, t, 0);
            }
            return;
          }
        case 10: // memory load
          load(a, t, depth);
          return;
        case 11:
          { // store then value
            ValueType st = randomType();
            address(a, depth);
            expr(a, st, depth - 1);
            if (st == V128) {
              int op = rnd.nextBoolean() ? V128_STORE : V128_STORE8_LANE + rnd.nextInt(4);
              a.op(op).u32(0).u32(rnd.nextInt(4) * 3);
              if (op != V128_STORE) {
                a.b(rnd.nextInt(16 >> (op - V128_STORE8_LANE)));
              }
            } else {
              a.op(
                      st == I32
                          ? I32_STORE
                          : st == I64 ? I64_STORE : st == F32 ? F32_STORE : F64_STORE)
                  .u32(0)
                  .u32(rnd.nextInt(4) * 3);
            }
            expr(a, t, depth - 1);
            return;
          }
        case 12:
          { // local.tee
            int l = newLocal(t);
            expr(a, t, depth - 1);
            a.op(LOCAL_TEE).u32(l);
            return;
          }
        case 14:
          { // br_if to a random enclosing label, carrying its values
            int d = forwardDepth();
            ValueType[] carried = labelStack.get(labelStack.size() - 1 - d);
            for (ValueType c : carried) {
              expr(a, c, depth - 2);
            }
            expr(a, I32, depth - 2);
            a.op(BR_IF).u32(d);
            for (int i = 0; i < carried.length; i++) {
              a.op(DROP);
            }
            expr(a, t, depth - 1);
            return;
          }
        case 15:
          { // br_table to enclosing labels of one signature, inside an if, junk below
            int d0 = forwardDepth();
            ValueType[] carried = labelStack.get(labelStack.size() - 1 - d0);
            List<Integer> same = new ArrayList<>();
            for (int d = 0; d < labelStack.size(); d++) {
              if (Arrays.equals(labelStack.get(labelStack.size() - 1 - d), carried)
                  && !loops.get(labelStack.size() - 1 - d)) {
                same.add(d + 1); // +1: inside the if below
              }
            }
            expr(a, I32, depth - 2);
            a.op(IF).b(0x40);
            push(new ValueType[0], false);
            expr(a, randomType(), 0);
            for (ValueType c : carried) {
              expr(a, c, depth - 2);
            }
            expr(a, I32, depth - 2);
            int n = rnd.nextInt(4);
            a.op(BR_TABLE).u32(n);
            for (int i = 0; i <= n; i++) {
              a.u32(same.get(rnd.nextInt(same.size())));
            }
            pop();
            a.end();
            expr(a, t, depth - 1);
            return;
          }
        case 16:
          { // multi-value block: [t] -> [t, u], then drop u
            ValueType u = randomType();
            int type = target.type(new ValueType[] {t}, types(t, u));
            expr(a, t, depth - 1);
            a.op(BLOCK).s64(type);
            push(new ValueType[] {t, u}, false);
            convert(a, t, t);
            expr(a, u, depth - 1);
            pop();
            a.end().op(DROP);
            return;
          }
        case 17:
          { // loop with a parameter: [t] -> [t], iterating a unary step
            int type = target.type(new ValueType[] {t}, types(t));
            int counter = newLocal(I32);
            a.i32(rnd.nextInt(3) + 1).localSet(counter);
            expr(a, t, depth - 1);
            a.op(LOOP).s64(type);
            push(new ValueType[] {t}, true);
            convert(a, t, t);
            a.localGet(counter).i32(1).op(I32_SUB).op(LOCAL_TEE).u32(counter).op(BR_IF).u32(0);
            pop();
            a.end();
            return;
          }
        default:
          { // return from a nested position sometimes, in an if
            expr(a, I32, depth - 1);
            a.i32(7).op(I32_REM_U).i32(0).op(I32_EQ);
            a.op(IF).b(0x40);
            push(new ValueType[0], false);
            ValueType[] rs = signatures.get(currentFunction).results();
            expr(a, randomType(), 0); // junk below the returned values
            for (ValueType r : rs) {
              expr(a, r, 0);
            }
            a.op(RETURN);
            pop();
            a.end();
            expr(a, t, depth - 1);
          }
      }
    }

    void pop() {
      labelStack.remove(labelStack.size() - 1);
      loops.remove(loops.size() - 1);
    }

    void push(ValueType[] carried, boolean loop) {
      labelStack.add(carried);
      loops.add(loop);
    }

    /** A random depth of an enclosing label that is not a loop (branching back could not end). */
    int forwardDepth() {
      while (true) {
        int d = rnd.nextInt(labelStack.size());
        if (!loops.get(labelStack.size() - 1 - d)) {
          return d;
        }
      }
    }

    void address(Asm a, int depth) {
      expr(a, I32, depth - 1);
      // mostly in bounds, sometimes far out
      a.i32(rnd.nextInt(10) == 0 ? -1 : 0xFFF).op(I32_AND);
    }

    void load(Asm a, ValueType t, int depth) {
      address(a, depth);
      int off = rnd.nextInt(4) * 5;
      switch (t) {
        case I32:
          a.op(
                  new int[] {I32_LOAD, I32_LOAD8_S, I32_LOAD8_U, I32_LOAD16_S, I32_LOAD16_U}
                      [rnd.nextInt(5)])
              .u32(0)
              .u32(off);
          break;
        case I64:
          a.op(
                  new int[] {I64_LOAD, I64_LOAD8_S, I64_LOAD16_U, I64_LOAD32_S, I64_LOAD32_U}
                      [rnd.nextInt(5)])
              .u32(0)
              .u32(off);
          break;
        case F32:
          a.op(F32_LOAD).u32(0).u32(off);
          break;
        case V128:
          if (rnd.nextInt(4) == 0) {
            int op = V128_LOAD8_LANE + rnd.nextInt(4);
            expr(a, V128, depth - 1);
            a.op(op).u32(0).u32(off).b(rnd.nextInt(16 >> (op - V128_LOAD8_LANE)));
          } else {
            int[] ops = {
              V128_LOAD,
              V128_LOAD8X8_S,
              V128_LOAD8X8_U,
              V128_LOAD16X4_S,
              V128_LOAD16X4_U,
              V128_LOAD32X2_S,
              V128_LOAD32X2_U,
              V128_LOAD8_SPLAT,
              V128_LOAD16_SPLAT,
              V128_LOAD32_SPLAT,
              V128_LOAD64_SPLAT,
              V128_LOAD32_ZERO,
              V128_LOAD64_ZERO
            };
            a.op(ops[rnd.nextInt(ops.length)]).u32(0).u32(off);
          }
          break;
        default:
          a.op(F64_LOAD).u32(0).u32(off);
          break;
      }
    }

    void binary(Asm a, ValueType t, int depth) {
      if (t == V128) {
        if (rnd.nextInt(4) == 0) {
          simdSpecial(a, depth);
        } else if (rnd.nextInt(5) == 0) {
          expr(a, V128, depth - 1);
          expr(a, I32, depth - 1);
          a.op(simdOp(SimdTable.SHIFT));
        } else {
          expr(a, V128, depth - 1);
          expr(a, V128, depth - 1);
          a.op(simdOp(SimdTable.BINARY, SimdTable.EXTMUL_LOW, SimdTable.EXTMUL_HIGH));
        }
        return;
      }
      if (t == I32 && rnd.nextInt(3) == 0) { // comparison of another type
        ValueType s = randomType();
        if (s == V128) { // a lane-wise comparison reduced to an i32
          expr(a, s, depth - 1);
          expr(a, s, depth - 1);
          a.op(simdOp(SimdTable.BINARY)).op(simdOp(SimdTable.REDUCE));
          return;
        }
        expr(a, s, depth - 1);
        expr(a, s, depth - 1);
        int[] ops =
            s == I32
                ? new int[] {I32_EQ, I32_LT_U, I32_GE_S, I32_GT_U}
                : s == I64
                    ? new int[] {I64_NE, I64_LT_S, I64_LE_U, I64_GT_U}
                    : s == F32
                        ? new int[] {F32_EQ, F32_LT, F32_GE, F32_NE}
                        : new int[] {F64_NE, F64_GT, F64_LE, F64_EQ};
        a.op(ops[rnd.nextInt(ops.length)]);
        return;
      }
      expr(a, t, depth - 1);
      expr(a, t, depth - 1);
      int[] ops;
      switch (t) {
        case I32:
          ops =
              new int[] {
                I32_ADD, I32_SUB, I32_MUL, I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U, I32_AND,
                I32_OR, I32_XOR, I32_SHL, I32_SHR_S, I32_SHR_U, I32_ROTL, I32_ROTR
              };
          break;
        case I64:
          ops =
              new int[] {
                I64_ADD, I64_SUB, I64_MUL, I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U, I64_AND,
                I64_OR, I64_XOR, I64_SHL, I64_SHR_S, I64_SHR_U, I64_ROTL, I64_ROTR
              };
          break;
        case F32:
          ops = new int[] {F32_ADD, F32_SUB, F32_MUL, F32_DIV, F32_MIN, F32_MAX, F32_COPYSIGN};
          break;
        default:
          ops = new int[] {F64_ADD, F64_SUB, F64_MUL, F64_DIV, F64_MIN, F64_MAX, F64_COPYSIGN};
          break;
      }
      a.op(ops[rnd.nextInt(ops.length)]);
    }

    void unaryOrConversion(Asm a, ValueType t, int depth) {
      ValueType from = randomType();
      expr(a, from, depth - 1);
      convert(a, from, t);
    }

    /** Emits an operation from {@code from} to {@code to}. */
    void convert(Asm a, ValueType from, ValueType to) {
      if (from == V128 || to == V128) {
        simdConvert(a, from, to);
        return;
      }
      int op;
      if (from == to) {
        int[] ops =
            to == I32
                ? new int[] {I32_CLZ, I32_CTZ, I32_POPCNT, I32_EQZ, I32_EXTEND8_S}
                : to == I64
                    ? new int[] {I64_CLZ, I64_CTZ, I64_POPCNT, I64_EXTEND16_S}
                    : to == F32
                        ? new int[] {
                          F32_ABS, F32_NEG, F32_CEIL, F32_FLOOR, F32_TRUNC, F32_NEAREST, F32_SQRT
                        }
                        : new int[] {
                          F64_ABS, F64_NEG, F64_CEIL, F64_FLOOR, F64_TRUNC, F64_NEAREST, F64_SQRT
                        };
        op = ops[rnd.nextInt(ops.length)];
      } else {
        op = conversion(from, to);
      }
      a.op(op);
    }

    /** Emits a SIMD operation from {@code from} to {@code to}, one of them v128. */
    void simdConvert(Asm a, ValueType from, ValueType to) {
      if (from == to) {
        a.op(
            simdOp(
                SimdTable.UNARY, SimdTable.ZERO_HIGH, SimdTable.WIDEN_LOW, SimdTable.WIDEN_HIGH));
      } else if (to == V128) {
        int[] splats =
            from == I32
                ? new int[] {I8X16_SPLAT, I16X8_SPLAT, I32X4_SPLAT}
                : from == I64
                    ? new int[] {I64X2_SPLAT}
                    : from == F32 ? new int[] {F32X4_SPLAT} : new int[] {F64X2_SPLAT};
        a.op(splats[rnd.nextInt(splats.length)]);
      } else if (to == I32) {
        int[][] extracts = {
          {I8X16_EXTRACT_LANE_S, 16},
          {I8X16_EXTRACT_LANE_U, 16},
          {I16X8_EXTRACT_LANE_S, 8},
          {I16X8_EXTRACT_LANE_U, 8},
          {I32X4_EXTRACT_LANE, 4}
        };
        if (rnd.nextBoolean()) {
          a.op(simdOp(SimdTable.REDUCE));
        } else {
          int[] e = extracts[rnd.nextInt(extracts.length)];
          a.op(e[0]).b(rnd.nextInt(e[1]));
        }
      } else if (to == I64) {
        a.op(I64X2_EXTRACT_LANE).b(rnd.nextInt(2));
      } else if (to == F32) {
        a.op(F32X4_EXTRACT_LANE).b(rnd.nextInt(4));
      } else {
        a.op(F64X2_EXTRACT_LANE).b(rnd.nextInt(2));
      }
    }

    int conversion(ValueType from, ValueType to) {
      boolean sat = rnd.nextBoolean();
      switch (to) {
        case I32:
          return from == I64
              ? (rnd.nextBoolean() ? I64_EQZ : I32_WRAP_I64)
              : from == F32
                  ? (sat
                      ? I32_TRUNC_SAT_F32_U
                      : rnd.nextBoolean() ? I32_TRUNC_F32_S : I32_REINTERPRET_F32)
                  : (sat ? I32_TRUNC_SAT_F64_S : I32_TRUNC_F64_U);
        case I64:
          return from == I32
              ? (rnd.nextBoolean() ? I64_EXTEND_I32_S : I64_EXTEND_I32_U)
              : from == F32
                  ? (sat ? I64_TRUNC_SAT_F32_S : I64_TRUNC_F32_U)
                  : (sat
                      ? I64_TRUNC_SAT_F64_U
                      : rnd.nextBoolean() ? I64_TRUNC_F64_S : I64_REINTERPRET_F64);
        case F32:
          return from == I32
              ? (rnd.nextBoolean() ? F32_CONVERT_I32_U : F32_REINTERPRET_I32)
              : from == I64
                  ? (rnd.nextBoolean() ? F32_CONVERT_I64_U : F32_CONVERT_I64_S)
                  : F32_DEMOTE_F64;
        default:
          return from == I32
              ? F64_CONVERT_I32_S
              : from == I64
                  ? (rnd.nextBoolean() ? F64_CONVERT_I64_U : F64_REINTERPRET_I64)
                  : F64_PROMOTE_F32;
      }
    }

    TestModule module() {
      TestModule t = new TestModule();
      t.memory(1, 2);
      target = t;
      for (int f = 0; f < FUNCTIONS; f++) {
        ValueType[] ps = new ValueType[rnd.nextInt(4)];
        for (int i = 0; i < ps.length; i++) {
          ps[i] = randomType();
        }
        ValueType[] rs = new ValueType[rnd.nextInt(3) == 0 ? 2 : 1];
        for (int i = 0; i < rs.length; i++) {
          rs[i] = randomType();
        }
        signatures.add(new FuncType(ps, rs));
        params = ps;
        locals.clear();
        currentFunction = f;
        Asm body = new Asm();
        labelStack.clear();
        loops.clear();
        push(rs, false);
        for (ValueType r : rs) {
          expr(body, r, 5);
        }
        t.function(ps, rs, locals.toArray(new ValueType[0]), body);
      }
      return t;
    }
  }

  private static String run(ModuleInstance inst, int f, long[] args) {
    long[] stack = Arrays.copyOf(args, 8);
    int cell = 0;
    try {
      inst.functions[f].call(stack);
    } catch (TrapException e) {
      return "trap " + e.kind() + " " + e.wasmStackTrace();
    }
    FuncType ft = inst.module.functionType(f);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ft.resultCount(); i++) {
      ValueType t = ft.results()[i];
      long v = stack[cell++];
      if (t == V128) {
        // Both engines compute SIMD through Simd, whose NaNs are canonical: compare exact bits.
        sb.append(Long.toHexString(v)).append(':').append(Long.toHexString(stack[cell++]));
        sb.append(' ');
        continue;
      }
      // NaN payloads of arithmetic results are not deterministic across engines
      if (t == F32 && Float.isNaN(Float.intBitsToFloat((int) v))) {
        sb.append("nan32 ");
      } else if (t == F64 && Double.isNaN(Double.longBitsToDouble(v))) {
        sb.append("nan64 ");
      } else {
        sb.append(t == I32 || t == F32 ? (int) v : v).append(' ');
      }
    }
    byte[] mem = inst.memories[0].buffer;
    return sb.append(Arrays.hashCode(mem)).toString();
  }

  /** Seeds per test: {@code -Dzerowasm.compiler.fuzzSeeds=N} runs more. */
  private static final long SEEDS = Long.getLong("zerowasm.compiler.fuzzSeeds", 300);

  @Test
  void compilerAgreesWithInterpreterOnRandomPrograms() {
    assertAgreement(new CompilerEngine());
  }

  @Test
  void splitFunctionsAgreeWithInterpreterOnRandomPrograms() {
    // Every function split into outlined regions as far as possible.
    assertAgreement(new CompilerEngine(new InterpreterEngine(), 0, 8));
  }

  @Test
  void oneClassPerFunctionAgreesWithInterpreterOnRandomPrograms() {
    // Every call between functions crosses classes.
    assertAgreement(new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1));
  }

  /** Whether the interpreter runs SIMD (it may be built without, then SIMD tests are skipped). */
  private static boolean interpreterRunsSimd() {
    TestModule t = new TestModule();
    t.function(
        new ValueType[] {V128},
        new ValueType[] {I32},
        new ValueType[0],
        new Asm().localGet(0).op(V128_ANY_TRUE));
    try {
      t.instantiate(new InterpreterEngine()).functions[0].call(new long[2]);
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  @Test
  void simdAgreesWithInterpreterOnRandomPrograms() {
    Assumptions.assumeTrue(interpreterRunsSimd(), "the interpreter does not run SIMD yet");
    assertAgreement(new CompilerEngine(), true);
  }

  @Test
  void splitSimdFunctionsAgreeWithInterpreterOnRandomPrograms() {
    Assumptions.assumeTrue(interpreterRunsSimd(), "the interpreter does not run SIMD yet");
    assertAgreement(new CompilerEngine(new InterpreterEngine(), 0, 8), true);
  }

  private static void assertAgreement(CompilerEngine engine) {
    assertAgreement(engine, false);
  }

  private static void assertAgreement(CompilerEngine engine, boolean simd) {
    int compared = 0;
    int results = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Generator g = new Generator(seed, simd);
      TestModule t = g.module();
      WasmModule m = t.build();
      Validator.validate(m, CoreFeatures.V2);
      ModuleInstance compiled = t.instantiate(engine);
      ModuleInstance interpreted = t.instantiate(new InterpreterEngine());
      Random args = new Random(seed * 31);
      for (int f = 0; f < FUNCTIONS; f++) {
        FuncType ft = m.functionType(f);
        for (int rep = 0; rep < 3; rep++) {
          long[] a = new long[FunctionCompiler.cells(ft.params())];
          int cell = 0;
          for (int i = 0; i < ft.paramCount(); i++) {
            ValueType p = ft.params()[i];
            if (p == V128) {
              a[cell++] = args.nextLong();
              a[cell++] = args.nextInt(3) == 0 ? 0 : args.nextLong();
              continue;
            }
            a[cell++] =
                p == I32
                    ? args.nextInt(50) - 10
                    : p == I64
                        ? args.nextLong() % 1000
                        : p == F32
                            ? Float.floatToRawIntBits((float) args.nextGaussian() * 10)
                                & 0xFFFFFFFFL
                            : Double.doubleToRawLongBits(args.nextGaussian() * 1e3);
          }
          String expected = run(interpreted, f, a);
          String actual = run(compiled, f, a);
          assertThat(actual)
              .as("seed %d function %d args %s", seed, f, Arrays.toString(a))
              .isEqualTo(expected);
          compared++;
          if (!expected.startsWith("trap")) {
            results++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(SEEDS * FUNCTIONS * 3);
    // Most programs must run to completion, or the comparison says little.
    assertThat(results).isGreaterThan(compared / 2);
  }
}
