package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.internal.interpreter.Numerics.f32;
import static dev.zerowasm.internal.interpreter.Numerics.f64;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.internal.numeric.ScalarOps;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.Interrupts;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.TableInstance;
import java.lang.invoke.VarHandle;

/**
 * The interpreter loop over register-based internal code (see {@link Op} and {@link Translator}).
 * One call of {@link #execute} runs a function and every function of the same instance that it
 * calls directly or indirectly: such calls push a frame record in the {@link Context} and switch
 * the loop's code array, so they cost no Java stack. Calls into other instances recurse into {@link
 * #execute} on the same value stack; calls to host functions go through {@link
 * FunctionInstance#call}.
 *
 * <p>Slots hold values as described in {@link dev.zerowasm.api.ValueType}: i32 sign-extended, f32
 * raw bits zero-extended, f64 raw bits, references as handles. The loop method must stay below
 * HotSpot's 8000-byte limit for JIT compilation, so rare instructions call out to helpers.
 */
final class Interpreter {
  private Interpreter() {}

  private static final VarHandle SHORT = MemoryInstance.SHORT;
  private static final VarHandle INT = MemoryInstance.INT;
  private static final VarHandle LONG = MemoryInstance.LONG;

  /** At most this many frames are recorded in a trap's WebAssembly stack trace. */
  private static final int MAX_TRACE = 256;

  /**
   * Runs {@code fn} with its parameters already in {@code ctx.stack[fp, fp + params)}; leaves the
   * results in {@code ctx.stack[fp, fp + results)}.
   */
  static void execute(Context ctx, InterpreterFunction fn, int fp) {
    final ModuleInstance inst = fn.module();
    final InterpretedCode compiled = fn.compiled;
    final FunctionBody[] bodies = compiled.bodies;
    final FunctionInstance[] functions = inst.functions;
    final GlobalInstance[] globals = inst.globals;
    final MemoryInstance memory =
        inst.memories != null && inst.memories.length > 0 ? inst.memories[0] : null;
    byte[] mem = memory == null ? null : memory.buffer;

    int cur = fn.definedIndex;
    FunctionBody body = compiled.body(cur);
    long[] s = ctx.ensure(fp + body.maxStack);
    enter(s, fp, body);
    int[] code = body.code;
    int pc = 0;
    final int baseDepth = ctx.depth;
    int depth = baseDepth;
    int[] frames = ctx.frames;
    try {
      while (true) {
        int op = code[pc++];
        switch (op) {
          case Op.UNREACHABLE:
            throw new TrapException(TrapKind.UNREACHABLE);
          case Op.JMP:
            pc = code[pc];
            break;
          case Op.POLL:
            Interrupts.poll(inst);
            break;
          case Op.BR_IF:
            pc = (int) s[fp + code[pc]] != 0 ? code[pc + 1] : pc + 2;
            break;
          case Op.BR_UNLESS:
            pc = (int) s[fp + code[pc]] == 0 ? code[pc + 1] : pc + 2;
            break;
          case Op.BR_TABLE:
            {
              int count = code[pc + 1];
              int i = (int) s[fp + code[pc]];
              if (i < 0 || i > count) {
                i = count; // an unsigned index out of range: the default label
              }
              int entry = pc + 4 + 2 * i;
              move(s, fp + code[pc + 3], fp + code[entry + 1], code[pc + 2]);
              pc = code[entry];
              break;
            }
          case Op.RETURN:
          case Op.RETURN1:
            {
              if (op == Op.RETURN1) {
                s[fp] = s[fp + code[pc]];
              } else {
                move(s, fp + code[pc], fp, code[pc + 1]);
              }
              if (depth == baseDepth) {
                return;
              }
              depth -= 3;
              pc = frames[depth];
              fp = frames[depth + 1];
              cur = frames[depth + 2];
              code = bodies[cur].code;
              break;
            }
          case Op.CALL_INTERNAL:
          case Op.CALL_INDIRECT:
            {
              int target;
              int calleeFp;
              if (op == Op.CALL_INTERNAL) {
                target = code[pc];
                calleeFp = fp + code[pc + 1];
                pc += 2;
              } else {
                FunctionInstance f =
                    tableFunction(
                        inst,
                        code[pc + 1],
                        (int) s[fp + code[pc + 2]],
                        compiled.module.types[code[pc]]);
                calleeFp = fp + code[pc + 3];
                pc += 4;
                if (!(f instanceof InterpreterFunction) || f.module() != inst) {
                  ctx.depth = depth;
                  callOther(ctx, f, calleeFp);
                  s = ctx.stack;
                  frames = ctx.frames;
                  mem = memory == null ? null : memory.buffer;
                  break;
                }
                // The same instance: an inline call, as CALL_INTERNAL.
                target = ((InterpreterFunction) f).definedIndex;
              }
              FunctionBody callee = bodies[target];
              if (callee == null) {
                callee = compiled.body(target);
              }
              int top = calleeFp + callee.maxStack;
              if (top > s.length) {
                s = ctx.grow(top);
              }
              if (depth + 3 > frames.length) {
                frames = ctx.growFrames();
              }
              frames[depth] = pc;
              frames[depth + 1] = fp;
              frames[depth + 2] = cur;
              depth += 3;
              fp = calleeFp;
              enter(s, fp, callee);
              cur = target;
              code = callee.code;
              pc = 0;
              break;
            }
          case Op.TAIL_CALL:
          case Op.TAIL_CALL_INDIRECT:
          case Op.TAIL_CALL_EXTERNAL:
            {
              int target;
              int args;
              if (op == Op.TAIL_CALL) {
                target = code[pc];
                args = fp + code[pc + 1];
              } else {
                FunctionInstance f;
                int results;
                if (op == Op.TAIL_CALL_EXTERNAL) {
                  f = functions[code[pc]];
                  args = fp + code[pc + 1];
                  results = code[pc + 2];
                } else {
                  f =
                      tableFunction(
                          inst,
                          code[pc + 1],
                          (int) s[fp + code[pc + 2]],
                          compiled.module.types[code[pc]]);
                  args = fp + code[pc + 3];
                  results = code[pc + 4];
                }
                FunctionInstance t = f.tailCallTarget();
                if (!(t instanceof InterpreterFunction)
                    || t.module() != inst
                    || ((InterpreterFunction) t).compiled != compiled) {
                  // Another instance, the host or compiled code: call it, then return its
                  // results as ours.
                  ctx.depth = depth;
                  callOther(ctx, t, args);
                  s = ctx.stack;
                  frames = ctx.frames;
                  mem = memory == null ? null : memory.buffer;
                  move(s, args, fp, results);
                  if (depth == baseDepth) {
                    return;
                  }
                  depth -= 3;
                  pc = frames[depth];
                  fp = frames[depth + 1];
                  cur = frames[depth + 2];
                  code = bodies[cur].code;
                  break;
                }
                target = ((InterpreterFunction) t).definedIndex;
              }
              // This frame becomes the callee's: arguments to slot 0, locals zeroed.
              FunctionBody callee = bodies[target];
              if (callee == null) {
                callee = compiled.body(target);
              }
              move(s, args, fp, callee.numParams);
              int top = fp + callee.maxStack;
              if (top > s.length) {
                s = ctx.grow(top);
              }
              enter(s, fp, callee);
              cur = target;
              code = callee.code;
              pc = 0;
              break;
            }
          case Op.CALL_EXTERNAL:
            {
              FunctionInstance f = functions[code[pc]];
              int base = fp + code[pc + 1];
              pc += 2;
              ctx.depth = depth;
              callOther(ctx, f, base);
              // The callee may have grown the stack or the frames, and grown the memory.
              s = ctx.stack;
              frames = ctx.frames;
              mem = memory == null ? null : memory.buffer;
              break;
            }
          case Op.COPY:
            s[fp + code[pc]] = s[fp + code[pc + 1]];
            pc += 2;
            break;
          case Op.CONST:
            s[fp + code[pc]] = (code[pc + 1] & 0xFFFF_FFFFL) | ((long) code[pc + 2] << 32);
            pc += 3;
            break;
          case Op.SELECT:
            s[fp + code[pc]] =
                (int) s[fp + code[pc + 3]] != 0 ? s[fp + code[pc + 1]] : s[fp + code[pc + 2]];
            pc += 4;
            break;
          case Op.I32_ADD_C:
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] + code[pc + 2];
            pc += 3;
            break;
          case Op.GLOBAL_GET:
            s[fp + code[pc]] = globals[code[pc + 1]].value;
            pc += 2;
            break;
          case Op.GLOBAL_SET:
            globals[code[pc + 1]].value = s[fp + code[pc]];
            pc += 2;
            break;

            // ---- memory: loads [dst, address, offset], stores [address, value, offset] ----
          case 0x28: // i32.load
          case 0x34: // i64.load32_s
            s[fp + code[pc]] = (int) INT.get(mem, ea(s[fp + code[pc + 1]], code[pc + 2], 4, mem));
            pc += 3;
            break;
          case 0x29: // i64.load
          case 0x2B: // f64.load
            s[fp + code[pc]] = (long) LONG.get(mem, ea(s[fp + code[pc + 1]], code[pc + 2], 8, mem));
            pc += 3;
            break;
          case 0x2A: // f32.load
          case 0x35: // i64.load32_u
            s[fp + code[pc]] =
                (int) INT.get(mem, ea(s[fp + code[pc + 1]], code[pc + 2], 4, mem)) & 0xFFFF_FFFFL;
            pc += 3;
            break;
          case 0x2C: // i32.load8_s
          case 0x30: // i64.load8_s
            s[fp + code[pc]] = mem[ea(s[fp + code[pc + 1]], code[pc + 2], 1, mem)];
            pc += 3;
            break;
          case 0x2D: // i32.load8_u
          case 0x31: // i64.load8_u
            s[fp + code[pc]] = mem[ea(s[fp + code[pc + 1]], code[pc + 2], 1, mem)] & 0xFF;
            pc += 3;
            break;
          case 0x2E: // i32.load16_s
          case 0x32: // i64.load16_s
            s[fp + code[pc]] =
                (short) SHORT.get(mem, ea(s[fp + code[pc + 1]], code[pc + 2], 2, mem));
            pc += 3;
            break;
          case 0x2F: // i32.load16_u
          case 0x33: // i64.load16_u
            s[fp + code[pc]] =
                (short) SHORT.get(mem, ea(s[fp + code[pc + 1]], code[pc + 2], 2, mem)) & 0xFFFF;
            pc += 3;
            break;
          case 0x36: // i32.store
          case 0x38: // f32.store
          case 0x3E: // i64.store32
            INT.set(mem, ea(s[fp + code[pc]], code[pc + 2], 4, mem), (int) s[fp + code[pc + 1]]);
            pc += 3;
            break;
          case 0x37: // i64.store
          case 0x39: // f64.store
            LONG.set(mem, ea(s[fp + code[pc]], code[pc + 2], 8, mem), s[fp + code[pc + 1]]);
            pc += 3;
            break;
          case 0x3A: // i32.store8
          case 0x3C: // i64.store8
            mem[ea(s[fp + code[pc]], code[pc + 2], 1, mem)] = (byte) s[fp + code[pc + 1]];
            pc += 3;
            break;
          case 0x3B: // i32.store16
          case 0x3D: // i64.store16
            SHORT.set(
                mem, ea(s[fp + code[pc]], code[pc + 2], 2, mem), (short) s[fp + code[pc + 1]]);
            pc += 3;
            break;
          case Op.MEMORY_SIZE:
            s[fp + code[pc]] = memory.pages();
            pc += 1;
            break;
          case Op.MEMORY_GROW:
            s[fp + code[pc]] = memory.grow((int) s[fp + code[pc + 1]]);
            mem = memory.buffer;
            pc += 2;
            break;

            // ---- numeric ----
          case 0x45: // i32.eqz
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] == 0 ? 1 : 0;
            pc += 2;
            break;
          case 0x46: // i32.eq
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] == (int) s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x47: // i32.ne
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] != (int) s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x48: // i32.lt_s
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] < (int) s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x49: // i32.lt_u
            s[fp + code[pc]] =
                Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) < 0
                    ? 1
                    : 0;
            pc += 3;
            break;
          case 0x4A: // i32.gt_s
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] > (int) s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x4B: // i32.gt_u
            s[fp + code[pc]] =
                Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) > 0
                    ? 1
                    : 0;
            pc += 3;
            break;
          case 0x4C: // i32.le_s
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] <= (int) s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x4D: // i32.le_u
            s[fp + code[pc]] =
                Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) <= 0
                    ? 1
                    : 0;
            pc += 3;
            break;
          case 0x4E: // i32.ge_s
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] >= (int) s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x4F: // i32.ge_u
            s[fp + code[pc]] =
                Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) >= 0
                    ? 1
                    : 0;
            pc += 3;
            break;
          case 0x50: // i64.eqz, ref.is_null
            s[fp + code[pc]] = s[fp + code[pc + 1]] == 0 ? 1 : 0;
            pc += 2;
            break;
          case 0x51: // i64.eq
            s[fp + code[pc]] = s[fp + code[pc + 1]] == s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x52: // i64.ne
            s[fp + code[pc]] = s[fp + code[pc + 1]] != s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x53: // i64.lt_s
            s[fp + code[pc]] = s[fp + code[pc + 1]] < s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x54: // i64.lt_u
            s[fp + code[pc]] =
                Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) < 0 ? 1 : 0;
            pc += 3;
            break;
          case 0x55: // i64.gt_s
            s[fp + code[pc]] = s[fp + code[pc + 1]] > s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x56: // i64.gt_u
            s[fp + code[pc]] =
                Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) > 0 ? 1 : 0;
            pc += 3;
            break;
          case 0x57: // i64.le_s
            s[fp + code[pc]] = s[fp + code[pc + 1]] <= s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x58: // i64.le_u
            s[fp + code[pc]] =
                Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) <= 0 ? 1 : 0;
            pc += 3;
            break;
          case 0x59: // i64.ge_s
            s[fp + code[pc]] = s[fp + code[pc + 1]] >= s[fp + code[pc + 2]] ? 1 : 0;
            pc += 3;
            break;
          case 0x5A: // i64.ge_u
            s[fp + code[pc]] =
                Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) >= 0 ? 1 : 0;
            pc += 3;
            break;
          case 0x61: // f64.eq
            s[fp + code[pc]] = f64(s[fp + code[pc + 1]]) == f64(s[fp + code[pc + 2]]) ? 1 : 0;
            pc += 3;
            break;
          case 0x62: // f64.ne
            s[fp + code[pc]] = f64(s[fp + code[pc + 1]]) != f64(s[fp + code[pc + 2]]) ? 1 : 0;
            pc += 3;
            break;
          case 0x63: // f64.lt
            s[fp + code[pc]] = f64(s[fp + code[pc + 1]]) < f64(s[fp + code[pc + 2]]) ? 1 : 0;
            pc += 3;
            break;
          case 0x64: // f64.gt
            s[fp + code[pc]] = f64(s[fp + code[pc + 1]]) > f64(s[fp + code[pc + 2]]) ? 1 : 0;
            pc += 3;
            break;
          case 0x65: // f64.le
            s[fp + code[pc]] = f64(s[fp + code[pc + 1]]) <= f64(s[fp + code[pc + 2]]) ? 1 : 0;
            pc += 3;
            break;
          case 0x66: // f64.ge
            s[fp + code[pc]] = f64(s[fp + code[pc + 1]]) >= f64(s[fp + code[pc + 2]]) ? 1 : 0;
            pc += 3;
            break;
          case 0x67: // i32.clz
            s[fp + code[pc]] = Integer.numberOfLeadingZeros((int) s[fp + code[pc + 1]]);
            pc += 2;
            break;
          case 0x68: // i32.ctz
            s[fp + code[pc]] = Integer.numberOfTrailingZeros((int) s[fp + code[pc + 1]]);
            pc += 2;
            break;
          case 0x69: // i32.popcnt
            s[fp + code[pc]] = Integer.bitCount((int) s[fp + code[pc + 1]]);
            pc += 2;
            break;
          case 0x6A: // i32.add
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] + (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x6B: // i32.sub
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] - (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x6C: // i32.mul
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] * (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x71: // i32.and
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] & (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x72: // i32.or
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] | (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x73: // i32.xor
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] ^ (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x74: // i32.shl
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] << (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x75: // i32.shr_s
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] >> (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x76: // i32.shr_u
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] >>> (int) s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x77: // i32.rotl
            s[fp + code[pc]] =
                Integer.rotateLeft((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
            break;
          case 0x78: // i32.rotr
            s[fp + code[pc]] =
                Integer.rotateRight((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
            break;
          case 0x79: // i64.clz
            s[fp + code[pc]] = Long.numberOfLeadingZeros(s[fp + code[pc + 1]]);
            pc += 2;
            break;
          case 0x7A: // i64.ctz
            s[fp + code[pc]] = Long.numberOfTrailingZeros(s[fp + code[pc + 1]]);
            pc += 2;
            break;
          case 0x7B: // i64.popcnt
            s[fp + code[pc]] = Long.bitCount(s[fp + code[pc + 1]]);
            pc += 2;
            break;
          case 0x7C: // i64.add
            s[fp + code[pc]] = s[fp + code[pc + 1]] + s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x7D: // i64.sub
            s[fp + code[pc]] = s[fp + code[pc + 1]] - s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x7E: // i64.mul
            s[fp + code[pc]] = s[fp + code[pc + 1]] * s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x83: // i64.and
            s[fp + code[pc]] = s[fp + code[pc + 1]] & s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x84: // i64.or
            s[fp + code[pc]] = s[fp + code[pc + 1]] | s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x85: // i64.xor
            s[fp + code[pc]] = s[fp + code[pc + 1]] ^ s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x86: // i64.shl
            s[fp + code[pc]] = s[fp + code[pc + 1]] << s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x87: // i64.shr_s
            s[fp + code[pc]] = s[fp + code[pc + 1]] >> s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x88: // i64.shr_u
            s[fp + code[pc]] = s[fp + code[pc + 1]] >>> s[fp + code[pc + 2]];
            pc += 3;
            break;
          case 0x89: // i64.rotl
            s[fp + code[pc]] = Long.rotateLeft(s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
            break;
          case 0x8A: // i64.rotr
            s[fp + code[pc]] = Long.rotateRight(s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
            break;
          case 0x8B: // f32.abs
            s[fp + code[pc]] = s[fp + code[pc + 1]] & 0x7FFF_FFFFL;
            pc += 2;
            break;
          case 0x8C: // f32.neg
            s[fp + code[pc]] = s[fp + code[pc + 1]] ^ 0x8000_0000L;
            pc += 2;
            break;
          case 0x92: // f32.add
            s[fp + code[pc]] = f32(f32(s[fp + code[pc + 1]]) + f32(s[fp + code[pc + 2]]));
            pc += 3;
            break;
          case 0x93: // f32.sub
            s[fp + code[pc]] = f32(f32(s[fp + code[pc + 1]]) - f32(s[fp + code[pc + 2]]));
            pc += 3;
            break;
          case 0x94: // f32.mul
            s[fp + code[pc]] = f32(f32(s[fp + code[pc + 1]]) * f32(s[fp + code[pc + 2]]));
            pc += 3;
            break;
          case 0x95: // f32.div
            s[fp + code[pc]] = f32(f32(s[fp + code[pc + 1]]) / f32(s[fp + code[pc + 2]]));
            pc += 3;
            break;
          case 0x99: // f64.abs
            s[fp + code[pc]] = s[fp + code[pc + 1]] & Long.MAX_VALUE;
            pc += 2;
            break;
          case 0x9A: // f64.neg
            s[fp + code[pc]] = s[fp + code[pc + 1]] ^ Long.MIN_VALUE;
            pc += 2;
            break;
          case 0xA0: // f64.add
            s[fp + code[pc]] = f64(f64(s[fp + code[pc + 1]]) + f64(s[fp + code[pc + 2]]));
            pc += 3;
            break;
          case 0xA1: // f64.sub
            s[fp + code[pc]] = f64(f64(s[fp + code[pc + 1]]) - f64(s[fp + code[pc + 2]]));
            pc += 3;
            break;
          case 0xA2: // f64.mul
            s[fp + code[pc]] = f64(f64(s[fp + code[pc + 1]]) * f64(s[fp + code[pc + 2]]));
            pc += 3;
            break;
          case 0xA3: // f64.div
            s[fp + code[pc]] = f64(f64(s[fp + code[pc + 1]]) / f64(s[fp + code[pc + 2]]));
            pc += 3;
            break;
          case 0xA7: // i32.wrap_i64, i64.extend_i32_s, i32.reinterpret_f32
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]];
            pc += 2;
            break;
          case 0xAD: // i64.extend_i32_u, f32.reinterpret_i32
            s[fp + code[pc]] = s[fp + code[pc + 1]] & 0xFFFF_FFFFL;
            pc += 2;
            break;
            // rare binary numeric instructions, out of line
          case 0x6D: // i32.div_s
          case 0x6E:
          case 0x6F:
          case 0x70:
          case 0x7F: // i64.div_s
          case 0x80:
          case 0x81:
          case 0x82:
          case 0x5B:
          case 0x5C:
          case 0x5D:
          case 0x5E:
          case 0x5F:
          case 0x60:
          case 0x96:
          case 0x97:
          case 0x98:
          case 0xA4:
          case 0xA5:
          case 0xA6:
            s[fp + code[pc]] = binary(op, s[fp + code[pc + 1]], s[fp + code[pc + 2]]);
            pc += 3;
            break;
            // rare unary numeric instructions, out of line
          case 0x8D:
          case 0x8E:
          case 0x8F:
          case 0x90:
          case 0x91:
          case 0x9B:
          case 0x9C:
          case 0x9D:
          case 0x9E:
          case 0x9F:
          case 0xA8:
          case 0xA9:
          case 0xAA:
          case 0xAB:
          case 0xAE:
          case 0xAF:
          case 0xB0:
          case 0xB1:
          case 0xB2:
          case 0xB3:
          case 0xB4:
          case 0xB5:
          case 0xB6:
          case 0xB7:
          case 0xB8:
          case 0xB9:
          case 0xBA:
          case 0xBB:
          case 0xC0:
          case 0xC1:
          case 0xC2:
          case 0xC3:
          case 0xC4:
          case 0xE0:
          case 0xE1:
          case 0xE2:
          case 0xE3:
          case 0xE4:
          case 0xE5:
          case 0xE6:
          case 0xE7:
            s[fp + code[pc]] = unary(op, s[fp + code[pc + 1]]);
            pc += 2;
            break;

            // ---- fused compare-and-branch [a, b, target] ----
          case Op.BR_IF_I32_EQ:
            pc = (int) s[fp + code[pc]] == (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I32_NE:
            pc = (int) s[fp + code[pc]] != (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I32_LT_S:
            pc = (int) s[fp + code[pc]] < (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I32_GT_S:
            pc = (int) s[fp + code[pc]] > (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I32_LE_S:
            pc = (int) s[fp + code[pc]] <= (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I32_GE_S:
            pc = (int) s[fp + code[pc]] >= (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I32_LT_U:
            pc =
                Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) < 0
                    ? code[pc + 2]
                    : pc + 3;
            break;
          case Op.BR_IF_I32_GT_U:
            pc =
                Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) > 0
                    ? code[pc + 2]
                    : pc + 3;
            break;
          case Op.BR_IF_I32_LE_U:
            pc =
                Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) <= 0
                    ? code[pc + 2]
                    : pc + 3;
            break;
          case Op.BR_IF_I32_GE_U:
            pc =
                Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) >= 0
                    ? code[pc + 2]
                    : pc + 3;
            break;

          case Op.BR_IF_I64_EQ:
            pc = s[fp + code[pc]] == s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I64_NE:
            pc = s[fp + code[pc]] != s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I64_LT_S:
            pc = s[fp + code[pc]] < s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I64_LT_U:
            pc =
                Long.compareUnsigned(s[fp + code[pc]], s[fp + code[pc + 1]]) < 0
                    ? code[pc + 2]
                    : pc + 3;
            break;
          case Op.BR_IF_I64_GT_S:
            pc = s[fp + code[pc]] > s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I64_GT_U:
            pc =
                Long.compareUnsigned(s[fp + code[pc]], s[fp + code[pc + 1]]) > 0
                    ? code[pc + 2]
                    : pc + 3;
            break;
          case Op.BR_IF_I64_LE_S:
            pc = s[fp + code[pc]] <= s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I64_LE_U:
            pc =
                Long.compareUnsigned(s[fp + code[pc]], s[fp + code[pc + 1]]) <= 0
                    ? code[pc + 2]
                    : pc + 3;
            break;
          case Op.BR_IF_I64_GE_S:
            pc = s[fp + code[pc]] >= s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
            break;
          case Op.BR_IF_I64_GE_U:
            pc =
                Long.compareUnsigned(s[fp + code[pc]], s[fp + code[pc + 1]]) >= 0
                    ? code[pc + 2]
                    : pc + 3;
            break;
          case Op.BR_IF_I64_Z:
            pc = s[fp + code[pc]] == 0 ? code[pc + 1] : pc + 2;
            break;
          case Op.BR_IF_I64_NZ:
            pc = s[fp + code[pc]] != 0 ? code[pc + 1] : pc + 2;
            break;

            // ---- references, tables, bulk memory and size checks, out of line ----
            // MEM_CHECK (size-checked code only) goes out of line too: the default code's loop
            // stays as it was, only its jump table gains an entry.
          case Op.MEM_CHECK:
          case Op.REF_FUNC:
          case Op.TABLE_GET:
          case Op.TABLE_SET:
          case Op.MEMORY_INIT:
          case Op.DATA_DROP:
          case Op.MEMORY_COPY:
          case Op.MEMORY_FILL:
          case Op.TABLE_INIT:
          case Op.ELEM_DROP:
          case Op.TABLE_COPY:
          case Op.TABLE_GROW:
          case Op.TABLE_SIZE:
          case Op.TABLE_FILL:
            pc = tablesAndBulk(op, inst, mem, code, pc, s, fp);
            break;
          case Op.SIMD:
            pc = SimdOps.run(code, pc, s, fp, mem, inst);
            break;
          default:
            throw new IllegalStateException(
                "bad interpreter opcode 0x" + Integer.toHexString(op) + " at pc " + (pc - 1));
        }
      }
    } catch (TrapException e) {
      ctx.depth = baseDepth;
      addTrace(e, inst, compiled.importedFunctionCount, cur, frames, depth, baseDepth);
      throw e;
    }
  }

  /** Copies {@code n} slots from {@code from} to {@code to} (a lower or equal slot). */
  /**
   * Prepares the frame at {@code fp} for {@code body}, whose parameters are in place: zeroes its
   * locals and writes its constants above them.
   */
  private static void enter(long[] s, int fp, FunctionBody body) {
    for (int i = fp + body.numParams, end = fp + body.numLocals; i < end; i++) {
      s[i] = 0;
    }
    long[] constants = body.constants;
    for (int i = 0, at = fp + body.numLocals; i < constants.length; i++) {
      s[at + i] = constants[i];
    }
  }

  private static void move(long[] s, int from, int to, int n) {
    if (from != to) {
      for (int i = 0; i < n; i++) {
        s[to + i] = s[from + i];
      }
    }
  }

  /**
   * The effective address of an access of {@code size} bytes at unsigned {@code base} plus unsigned
   * {@code offset}, as an index into {@code mem}.
   *
   * @throws TrapException OUT_OF_BOUNDS_MEMORY_ACCESS if the access does not fit
   */
  static int ea(long base, int offset, int size, byte[] mem) {
    long ea = (base & 0xFFFF_FFFFL) + (offset & 0xFFFF_FFFFL);
    if (ea > mem.length - size) {
      throw outOfBounds(ea, size, mem.length);
    }
    return (int) ea;
  }

  /**
   * {@link Op#MEM_CHECK}: traps unless {@code size} bytes at unsigned {@code base} plus unsigned
   * {@code offset} lie within the memory's size (not the array's length, which may be larger).
   */
  private static void sizeCheck(long base, int offset, int size, int memorySize) {
    long ea = (base & 0xFFFF_FFFFL) + (offset & 0xFFFF_FFFFL);
    if (ea > memorySize - size) {
      throw outOfBounds(ea, size, memorySize);
    }
  }

  private static TrapException outOfBounds(long ea, int size, int memSize) {
    return new TrapException(
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS,
        "out of bounds memory access: address "
            + ea
            + ", size "
            + size
            + ", memory size "
            + memSize);
  }

  /**
   * Calls a function that is not an own function of the running instance, with its arguments in the
   * slots from {@code base}, where it leaves its results: an interpreted function of another
   * instance runs on the same value stack, anything else through {@link FunctionInstance#call}.
   */
  private static void callOther(Context ctx, FunctionInstance f, int base) {
    if (f instanceof InterpreterFunction) {
      execute(ctx, (InterpreterFunction) f, base);
      return;
    }
    FuncType t = f.type();
    // Arguments and results are packed, a v128 taking two slots, as FunctionInstance.call expects.
    int np = InterpreterFunction.slots(t.params());
    int nr = InterpreterFunction.slots(t.results());
    long[] args = ctx.scratch(Math.max(np, nr));
    System.arraycopy(ctx.stack, base, args, 0, np);
    f.call(args);
    // A host re-entering WebAssembly runs on another context; ours is unchanged.
    System.arraycopy(args, 0, ctx.stack, base, nr);
  }

  /** Looks up the callee of {@code call_indirect} and checks it. */
  private static FunctionInstance tableFunction(
      ModuleInstance inst, int tableIndex, int index, FuncType expected) {
    TableInstance table = inst.tables[tableIndex];
    if (index < 0 || index >= table.size) {
      throw new TrapException(
          TrapKind.UNDEFINED_ELEMENT,
          "undefined element: index "
              + Integer.toUnsignedString(index)
              + ", table size "
              + table.size);
    }
    long ref = table.elements[index];
    FunctionInstance f = ref == 0 ? null : inst.store.references.function(ref);
    if (f == null) {
      throw new TrapException(TrapKind.UNINITIALIZED_ELEMENT, "uninitialized element " + index);
    }
    FuncType actual = f.type();
    if (actual != expected && !actual.equals(expected)) {
      throw new TrapException(
          TrapKind.INDIRECT_CALL_TYPE_MISMATCH,
          "indirect call type mismatch: expected " + expected + ", got " + actual);
    }
    return f;
  }

  /**
   * The reference, table and bulk memory instructions, whose work dwarfs a second dispatch, and the
   * size checks of size-checked code. Returns the pc after the instruction's operands. {@code mem}
   * is the memory's array, whose length is the capacity: the bound is {@code
   * MemoryInstance.byteSize}.
   */
  private static int tablesAndBulk(
      int op, ModuleInstance inst, byte[] mem, int[] code, int pc, long[] s, int fp) {
    switch (op) {
      case Op.MEM_CHECK:
        sizeCheck(s[fp + code[pc]], code[pc + 1], code[pc + 2], inst.memories[0].byteSize);
        return pc + 3;
      case Op.REF_FUNC:
        s[fp + code[pc]] = inst.store.references.referenceOf(inst.functions[code[pc + 1]]);
        return pc + 2;
      case Op.TABLE_GET:
        s[fp + code[pc]] = inst.tables[code[pc + 2]].get((int) s[fp + code[pc + 1]]);
        return pc + 3;
      case Op.TABLE_SET:
        inst.tables[code[pc + 2]].set((int) s[fp + code[pc]], s[fp + code[pc + 1]]);
        return pc + 3;
      case Op.MEMORY_INIT:
        Bulk.memoryInit(
            inst,
            mem,
            inst.memories[0].byteSize,
            code[pc + 3],
            s[fp + code[pc]],
            s[fp + code[pc + 1]],
            s[fp + code[pc + 2]]);
        return pc + 4;
      case Op.DATA_DROP:
        Bulk.dataDrop(inst, code[pc]);
        return pc + 1;
      case Op.MEMORY_COPY:
        Bulk.memoryCopy(
            mem,
            inst.memories[0].byteSize,
            s[fp + code[pc]],
            s[fp + code[pc + 1]],
            s[fp + code[pc + 2]]);
        return pc + 3;
      case Op.MEMORY_FILL:
        Bulk.memoryFill(
            mem,
            inst.memories[0].byteSize,
            s[fp + code[pc]],
            s[fp + code[pc + 1]],
            s[fp + code[pc + 2]]);
        return pc + 3;
      case Op.TABLE_INIT:
        Tables.init(
            inst,
            code[pc + 3],
            code[pc + 4],
            s[fp + code[pc]],
            s[fp + code[pc + 1]],
            s[fp + code[pc + 2]]);
        return pc + 5;
      case Op.ELEM_DROP:
        Tables.elemDrop(inst, code[pc]);
        return pc + 1;
      case Op.TABLE_COPY:
        Tables.copy(
            inst,
            code[pc + 3],
            code[pc + 4],
            s[fp + code[pc]],
            s[fp + code[pc + 1]],
            s[fp + code[pc + 2]]);
        return pc + 5;
      case Op.TABLE_GROW:
        s[fp + code[pc]] =
            inst.tables[code[pc + 3]].grow((int) s[fp + code[pc + 2]], s[fp + code[pc + 1]]);
        return pc + 4;
      case Op.TABLE_SIZE:
        s[fp + code[pc]] = inst.tables[code[pc + 1]].size;
        return pc + 2;
      case Op.TABLE_FILL:
        Tables.fill(
            inst, code[pc + 3], s[fp + code[pc]], s[fp + code[pc + 1]], s[fp + code[pc + 2]]);
        return pc + 4;
      default:
        throw new IllegalStateException("not a table or bulk opcode: 0x" + Integer.toHexString(op));
    }
  }

  /** The numeric instructions with two operands that are too rare to sit in the loop. */
  private static long binary(int op, long a, long b) {
    switch (op) {
      case 0x6D:
        return ScalarOps.i32DivS((int) a, (int) b);
      case 0x6E:
        return ScalarOps.i32DivU((int) a, (int) b);
      case 0x6F:
        return ScalarOps.i32RemS((int) a, (int) b);
      case 0x70:
        return ScalarOps.i32RemU((int) a, (int) b);
      case 0x7F:
        return ScalarOps.i64DivS(a, b);
      case 0x80:
        return ScalarOps.i64DivU(a, b);
      case 0x81:
        return ScalarOps.i64RemS(a, b);
      case 0x82:
        return ScalarOps.i64RemU(a, b);
      case 0x5B:
        return f32(a) == f32(b) ? 1 : 0;
      case 0x5C:
        return f32(a) != f32(b) ? 1 : 0;
      case 0x5D:
        return f32(a) < f32(b) ? 1 : 0;
      case 0x5E:
        return f32(a) > f32(b) ? 1 : 0;
      case 0x5F:
        return f32(a) <= f32(b) ? 1 : 0;
      case 0x60:
        return f32(a) >= f32(b) ? 1 : 0;
      case 0x96:
        return Numerics.f32Min(a, b);
      case 0x97:
        return Numerics.f32Max(a, b);
      case 0x98: // f32.copysign
        return (a & 0x7FFF_FFFFL) | (b & 0x8000_0000L);
      case 0xA4:
        return Numerics.f64Min(a, b);
      case 0xA5:
        return Numerics.f64Max(a, b);
      case 0xA6: // f64.copysign
        return (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
      default:
        throw new IllegalStateException("not a binary opcode: 0x" + Integer.toHexString(op));
    }
  }

  /** The numeric instructions with one operand that are too rare to sit in the loop. */
  private static long unary(int op, long v) {
    switch (op) {
      case 0x8D:
        return Numerics.f32Ceil(v);
      case 0x8E:
        return Numerics.f32Floor(v);
      case 0x8F:
        return Numerics.f32Trunc(v);
      case 0x90:
        return Numerics.f32Nearest(v);
      case 0x91:
        return Numerics.f32Sqrt(v);
      case 0x9B:
        return Numerics.f64Ceil(v);
      case 0x9C:
        return Numerics.f64Floor(v);
      case 0x9D:
        return Numerics.f64Trunc(v);
      case 0x9E:
        return Numerics.f64Nearest(v);
      case 0x9F:
        return Numerics.f64Sqrt(v);
      case 0xA8: // i32.trunc_f32_s
        return ScalarOps.i32TruncS(f32(v));
      case 0xA9:
        return ScalarOps.i32TruncU(f32(v));
      case 0xAA:
        return ScalarOps.i32TruncS(f64(v));
      case 0xAB:
        return ScalarOps.i32TruncU(f64(v));
      case 0xAE: // i64.trunc_f32_s
        return ScalarOps.i64TruncS(f32(v));
      case 0xAF:
        return ScalarOps.i64TruncU(f32(v));
      case 0xB0:
        return ScalarOps.i64TruncS(f64(v));
      case 0xB1:
        return ScalarOps.i64TruncU(f64(v));
      case 0xB2: // f32.convert_i32_s
        return f32((float) (int) v);
      case 0xB3:
        return f32((float) (v & 0xFFFF_FFFFL));
      case 0xB4:
        return f32((float) v);
      case 0xB5:
        return f32(ScalarOps.f32ConvertI64U(v));
      case 0xB6: // f32.demote_f64
        return f32((float) f64(v));
      case 0xB7: // f64.convert_i32_s
        return f64((double) (int) v);
      case 0xB8:
        return f64((double) (v & 0xFFFF_FFFFL));
      case 0xB9:
        return f64((double) v);
      case 0xBA:
        return f64(ScalarOps.f64ConvertI64U(v));
      case 0xBB: // f64.promote_f32
        return f64((double) f32(v));
      case 0xC0: // i32.extend8_s
      case 0xC2: // i64.extend8_s
        return (byte) v;
      case 0xC1: // i32.extend16_s
      case 0xC3: // i64.extend16_s
        return (short) v;
      case 0xC4: // i64.extend32_s
        return (int) v;
      case Op.I32_TRUNC_SAT_F32_S:
        return (int) f32(v);
      case Op.I32_TRUNC_SAT_F32_U:
        return ScalarOps.i32TruncSatU(f32(v));
      case Op.I32_TRUNC_SAT_F64_S:
        return (int) f64(v);
      case Op.I32_TRUNC_SAT_F64_U:
        return ScalarOps.i32TruncSatU(f64(v));
      case Op.I64_TRUNC_SAT_F32_S:
        return (long) f32(v);
      case Op.I64_TRUNC_SAT_F32_U:
        return ScalarOps.i64TruncSatU(f32(v));
      case Op.I64_TRUNC_SAT_F64_S:
        return (long) f64(v);
      case Op.I64_TRUNC_SAT_F64_U:
        return ScalarOps.i64TruncSatU(f64(v));
      default:
        throw new IllegalStateException("not a unary opcode: 0x" + Integer.toHexString(op));
    }
  }

  /** Appends the frames of this execution, innermost first, to a trap's stack trace. */
  private static void addTrace(
      TrapException e,
      ModuleInstance inst,
      int importCount,
      int cur,
      int[] frames,
      int depth,
      int baseDepth) {
    if (e.wasmStackTrace().size() >= MAX_TRACE) {
      return;
    }
    e.addWasmFrame(inst.definitions[importCount + cur].debugName());
    for (int d = depth - 3; d >= baseDepth && e.wasmStackTrace().size() < MAX_TRACE; d -= 3) {
      e.addWasmFrame(inst.definitions[importCount + frames[d + 2]].debugName());
    }
  }
}
