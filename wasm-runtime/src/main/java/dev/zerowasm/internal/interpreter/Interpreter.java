package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.internal.interpreter.Numerics.f32;
import static dev.zerowasm.internal.interpreter.Numerics.f64;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.lang.invoke.VarHandle;

/**
 * The interpreter loop. One call of {@link #execute} runs a function and every function of the same
 * instance that it calls directly or indirectly: such calls push a frame record in the {@link
 * Context} and switch the loop's code array, so they cost no Java stack. Calls into other instances
 * recurse into {@link #execute} on the same value stack; calls to host functions go through {@link
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
    int sp = fp + body.numLocals;
    for (int i = fp + body.numParams; i < sp; i++) {
      s[i] = 0;
    }
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
          case Op.BR_MOVE:
            sp = move(s, sp, code[pc + 1], fp + code[pc + 2]);
            pc = code[pc];
            break;
          case Op.BR_IF:
            if ((int) s[--sp] != 0) {
              pc = code[pc];
            } else {
              pc++;
            }
            break;
          case Op.BR_IF_MOVE:
            if ((int) s[--sp] != 0) {
              sp = move(s, sp, code[pc + 1], fp + code[pc + 2]);
              pc = code[pc];
            } else {
              pc += 3;
            }
            break;
          case Op.BR_UNLESS:
            if ((int) s[--sp] == 0) {
              pc = code[pc];
            } else {
              pc++;
            }
            break;
          case Op.BR_TABLE:
            {
              int count = code[pc];
              int i = (int) s[--sp];
              if (i < 0 || i > count) {
                i = count; // unsigned index out of range: the default label
              }
              int entry = pc + 2 + 2 * i;
              int arity = code[pc + 1];
              sp = move(s, sp, arity, fp + code[entry + 1]);
              pc = code[entry];
              break;
            }
          case Op.RETURN:
            {
              int n = code[pc];
              int src = sp - n;
              if (src != fp) {
                for (int i = 0; i < n; i++) {
                  s[fp + i] = s[src + i];
                }
              }
              if (depth == baseDepth) {
                return;
              }
              sp = fp + n;
              depth -= 3;
              pc = frames[depth];
              fp = frames[depth + 1];
              cur = frames[depth + 2];
              code = bodies[cur].code;
              break;
            }
          case Op.CALL_INTERNAL:
            {
              int target = code[pc++];
              FunctionBody callee = bodies[target];
              if (callee == null) {
                callee = compiled.body(target);
              }
              int calleeFp = sp - callee.numParams;
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
              sp = calleeFp + callee.numLocals;
              for (int i = calleeFp + callee.numParams; i < sp; i++) {
                s[i] = 0;
              }
              cur = target;
              code = callee.code;
              pc = 0;
              break;
            }
          case Op.CALL_EXTERNAL:
            {
              FunctionInstance f = functions[code[pc++]];
              ctx.depth = depth;
              sp = callOther(ctx, f, sp);
              s = ctx.stack;
              mem = memory == null ? null : memory.buffer;
              break;
            }
          case Op.CALL_INDIRECT:
            {
              FuncType expected = compiled.module.types[code[pc]];
              FunctionInstance f =
                  tableFunction(inst, code[pc + 1], (int) s[--sp], expected);
              pc += 2;
              if (f instanceof InterpreterFunction && f.module() == inst) {
                // Same instance: an inline call, as CALL_INTERNAL.
                int target = ((InterpreterFunction) f).definedIndex;
                FunctionBody callee = bodies[target];
                if (callee == null) {
                  callee = compiled.body(target);
                }
                int calleeFp = sp - callee.numParams;
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
                sp = calleeFp + callee.numLocals;
                for (int i = calleeFp + callee.numParams; i < sp; i++) {
                  s[i] = 0;
                }
                cur = target;
                code = callee.code;
                pc = 0;
              } else {
                ctx.depth = depth;
                sp = callOther(ctx, f, sp);
                s = ctx.stack;
                mem = memory == null ? null : memory.buffer;
              }
              break;
            }
          case Op.LOCAL_GET2:
            s[sp] = s[fp + code[pc]];
            s[sp + 1] = s[fp + code[pc + 1]];
            sp += 2;
            pc += 2;
            break;
          case Op.I32_ADD_C:
            s[sp - 1] = (int) s[sp - 1] + code[pc++];
            break;
          case Op.LOCAL_I32_INC:
            {
              int l = fp + code[pc];
              s[l] = (int) s[l] + code[pc + 1];
              pc += 2;
              break;
            }
          case Op.LOCAL_I32_ADD_C:
            s[sp++] = (int) s[fp + code[pc]] + code[pc + 1];
            pc += 2;
            break;
          case Op.LOCAL_I32_ADD_L:
            s[sp++] = (int) s[fp + code[pc]] + (int) s[fp + code[pc + 1]];
            pc += 2;
            break;
          case Op.LOCAL_COPY:
            s[fp + code[pc + 1]] = s[fp + code[pc]];
            pc += 2;
            break;
          case Op.LOCAL_I32_LOAD:
            s[sp++] = (int) INT.get(mem, ea(s[fp + code[pc]], code[pc + 1], 4, mem));
            pc += 2;
            break;
          case Op.DROP:
            sp--;
            break;
          case Op.SELECT:
            sp -= 2;
            if ((int) s[sp + 1] == 0) {
              s[sp - 1] = s[sp];
            }
            break;
          case Op.LOCAL_GET:
            s[sp++] = s[fp + code[pc++]];
            break;
          case Op.LOCAL_SET:
            s[fp + code[pc++]] = s[--sp];
            break;
          case Op.LOCAL_TEE:
            s[fp + code[pc++]] = s[sp - 1];
            break;
          case Op.GLOBAL_GET:
            s[sp++] = globals[code[pc++]].value;
            break;
          case Op.GLOBAL_SET:
            globals[code[pc++]].value = s[--sp];
            break;
          case Op.TABLE_GET:
            s[sp - 1] = Tables.get(inst, code[pc++], (int) s[sp - 1]);
            break;
          case Op.TABLE_SET:
            sp -= 2;
            Tables.set(inst, code[pc++], (int) s[sp], s[sp + 1]);
            break;

            // ---- memory ----
          case 0x28: // i32.load
            s[sp - 1] = (int) INT.get(mem, ea(s[sp - 1], code[pc++], 4, mem));
            break;
          case 0x29: // i64.load
            s[sp - 1] = (long) LONG.get(mem, ea(s[sp - 1], code[pc++], 8, mem));
            break;
          case 0x2A: // f32.load
            s[sp - 1] = (int) INT.get(mem, ea(s[sp - 1], code[pc++], 4, mem)) & 0xFFFF_FFFFL;
            break;
          case 0x2B: // f64.load
            s[sp - 1] = (long) LONG.get(mem, ea(s[sp - 1], code[pc++], 8, mem));
            break;
          case 0x2C: // i32.load8_s
          case 0x30: // i64.load8_s
            s[sp - 1] = mem[ea(s[sp - 1], code[pc++], 1, mem)];
            break;
          case 0x2D: // i32.load8_u
          case 0x31: // i64.load8_u
            s[sp - 1] = mem[ea(s[sp - 1], code[pc++], 1, mem)] & 0xFF;
            break;
          case 0x2E: // i32.load16_s
          case 0x32: // i64.load16_s
            s[sp - 1] = (short) SHORT.get(mem, ea(s[sp - 1], code[pc++], 2, mem));
            break;
          case 0x2F: // i32.load16_u
          case 0x33: // i64.load16_u
            s[sp - 1] = (short) SHORT.get(mem, ea(s[sp - 1], code[pc++], 2, mem)) & 0xFFFF;
            break;
          case 0x34: // i64.load32_s
            s[sp - 1] = (int) INT.get(mem, ea(s[sp - 1], code[pc++], 4, mem));
            break;
          case 0x35: // i64.load32_u
            s[sp - 1] = (int) INT.get(mem, ea(s[sp - 1], code[pc++], 4, mem)) & 0xFFFF_FFFFL;
            break;
          case 0x36: // i32.store
          case 0x38: // f32.store
          case 0x3E: // i64.store32
            sp -= 2;
            INT.set(mem, ea(s[sp], code[pc++], 4, mem), (int) s[sp + 1]);
            break;
          case 0x37: // i64.store
          case 0x39: // f64.store
            sp -= 2;
            LONG.set(mem, ea(s[sp], code[pc++], 8, mem), s[sp + 1]);
            break;
          case 0x3A: // i32.store8
          case 0x3C: // i64.store8
            sp -= 2;
            mem[ea(s[sp], code[pc++], 1, mem)] = (byte) s[sp + 1];
            break;
          case 0x3B: // i32.store16
          case 0x3D: // i64.store16
            sp -= 2;
            SHORT.set(mem, ea(s[sp], code[pc++], 2, mem), (short) s[sp + 1]);
            break;
          case Op.MEMORY_SIZE:
            s[sp++] = memory.pages();
            break;
          case Op.MEMORY_GROW:
            s[sp - 1] = memory.grow((int) s[sp - 1]);
            mem = memory.buffer;
            break;

            // ---- constants ----
          case Op.I32_CONST:
          case Op.F32_CONST:
            // f32 bits are zero-extended; the translator stores them as an int operand.
            s[sp++] = op == Op.I32_CONST ? code[pc] : code[pc] & 0xFFFF_FFFFL;
            pc++;
            break;
          case Op.I64_CONST:
          case Op.F64_CONST:
            s[sp++] = (code[pc] & 0xFFFF_FFFFL) | ((long) code[pc + 1] << 32);
            pc += 2;
            break;

            // ---- i32 comparisons ----
          case 0x45: // i32.eqz
            s[sp - 1] = (int) s[sp - 1] == 0 ? 1 : 0;
            break;
          case 0x46:
            sp--;
            s[sp - 1] = (int) s[sp - 1] == (int) s[sp] ? 1 : 0;
            break;
          case 0x47:
            sp--;
            s[sp - 1] = (int) s[sp - 1] != (int) s[sp] ? 1 : 0;
            break;
          case 0x48:
            sp--;
            s[sp - 1] = (int) s[sp - 1] < (int) s[sp] ? 1 : 0;
            break;
          case 0x49:
            sp--;
            s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) < 0 ? 1 : 0;
            break;
          case 0x4A:
            sp--;
            s[sp - 1] = (int) s[sp - 1] > (int) s[sp] ? 1 : 0;
            break;
          case 0x4B:
            sp--;
            s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) > 0 ? 1 : 0;
            break;
          case 0x4C:
            sp--;
            s[sp - 1] = (int) s[sp - 1] <= (int) s[sp] ? 1 : 0;
            break;
          case 0x4D:
            sp--;
            s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) <= 0 ? 1 : 0;
            break;
          case 0x4E:
            sp--;
            s[sp - 1] = (int) s[sp - 1] >= (int) s[sp] ? 1 : 0;
            break;
          case 0x4F:
            sp--;
            s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) >= 0 ? 1 : 0;
            break;

            // ---- i64 comparisons ----
          case 0x50: // i64.eqz (and ref.is_null)
            s[sp - 1] = s[sp - 1] == 0 ? 1 : 0;
            break;
          case 0x51:
            sp--;
            s[sp - 1] = s[sp - 1] == s[sp] ? 1 : 0;
            break;
          case 0x52:
            sp--;
            s[sp - 1] = s[sp - 1] != s[sp] ? 1 : 0;
            break;
          case 0x53:
            sp--;
            s[sp - 1] = s[sp - 1] < s[sp] ? 1 : 0;
            break;
          case 0x54:
            sp--;
            s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) < 0 ? 1 : 0;
            break;
          case 0x55:
            sp--;
            s[sp - 1] = s[sp - 1] > s[sp] ? 1 : 0;
            break;
          case 0x56:
            sp--;
            s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) > 0 ? 1 : 0;
            break;
          case 0x57:
            sp--;
            s[sp - 1] = s[sp - 1] <= s[sp] ? 1 : 0;
            break;
          case 0x58:
            sp--;
            s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) <= 0 ? 1 : 0;
            break;
          case 0x59:
            sp--;
            s[sp - 1] = s[sp - 1] >= s[sp] ? 1 : 0;
            break;
          case 0x5A:
            sp--;
            s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) >= 0 ? 1 : 0;
            break;

            // ---- float comparisons ----
          case 0x5B:
            sp--;
            s[sp - 1] = f32(s[sp - 1]) == f32(s[sp]) ? 1 : 0;
            break;
          case 0x5C:
            sp--;
            s[sp - 1] = f32(s[sp - 1]) != f32(s[sp]) ? 1 : 0;
            break;
          case 0x5D:
            sp--;
            s[sp - 1] = f32(s[sp - 1]) < f32(s[sp]) ? 1 : 0;
            break;
          case 0x5E:
            sp--;
            s[sp - 1] = f32(s[sp - 1]) > f32(s[sp]) ? 1 : 0;
            break;
          case 0x5F:
            sp--;
            s[sp - 1] = f32(s[sp - 1]) <= f32(s[sp]) ? 1 : 0;
            break;
          case 0x60:
            sp--;
            s[sp - 1] = f32(s[sp - 1]) >= f32(s[sp]) ? 1 : 0;
            break;
          case 0x61:
            sp--;
            s[sp - 1] = f64(s[sp - 1]) == f64(s[sp]) ? 1 : 0;
            break;
          case 0x62:
            sp--;
            s[sp - 1] = f64(s[sp - 1]) != f64(s[sp]) ? 1 : 0;
            break;
          case 0x63:
            sp--;
            s[sp - 1] = f64(s[sp - 1]) < f64(s[sp]) ? 1 : 0;
            break;
          case 0x64:
            sp--;
            s[sp - 1] = f64(s[sp - 1]) > f64(s[sp]) ? 1 : 0;
            break;
          case 0x65:
            sp--;
            s[sp - 1] = f64(s[sp - 1]) <= f64(s[sp]) ? 1 : 0;
            break;
          case 0x66:
            sp--;
            s[sp - 1] = f64(s[sp - 1]) >= f64(s[sp]) ? 1 : 0;
            break;

            // ---- i32 arithmetic ----
          case 0x67:
            s[sp - 1] = Integer.numberOfLeadingZeros((int) s[sp - 1]);
            break;
          case 0x68:
            s[sp - 1] = Integer.numberOfTrailingZeros((int) s[sp - 1]);
            break;
          case 0x69:
            s[sp - 1] = Integer.bitCount((int) s[sp - 1]);
            break;
          case 0x6A:
            sp--;
            s[sp - 1] = (int) s[sp - 1] + (int) s[sp];
            break;
          case 0x6B:
            sp--;
            s[sp - 1] = (int) s[sp - 1] - (int) s[sp];
            break;
          case 0x6C:
            sp--;
            s[sp - 1] = (int) s[sp - 1] * (int) s[sp];
            break;
          case 0x6D:
            sp--;
            s[sp - 1] = Numerics.i32DivS((int) s[sp - 1], (int) s[sp]);
            break;
          case 0x6E:
            sp--;
            s[sp - 1] = Numerics.i32DivU((int) s[sp - 1], (int) s[sp]);
            break;
          case 0x6F:
            sp--;
            s[sp - 1] = Numerics.i32RemS((int) s[sp - 1], (int) s[sp]);
            break;
          case 0x70:
            sp--;
            s[sp - 1] = Numerics.i32RemU((int) s[sp - 1], (int) s[sp]);
            break;
          case 0x71:
            sp--;
            s[sp - 1] = (int) s[sp - 1] & (int) s[sp];
            break;
          case 0x72:
            sp--;
            s[sp - 1] = (int) s[sp - 1] | (int) s[sp];
            break;
          case 0x73:
            sp--;
            s[sp - 1] = (int) s[sp - 1] ^ (int) s[sp];
            break;
          case 0x74:
            sp--;
            s[sp - 1] = (int) s[sp - 1] << (int) s[sp];
            break;
          case 0x75:
            sp--;
            s[sp - 1] = (int) s[sp - 1] >> (int) s[sp];
            break;
          case 0x76:
            sp--;
            s[sp - 1] = (int) s[sp - 1] >>> (int) s[sp];
            break;
          case 0x77:
            sp--;
            s[sp - 1] = Integer.rotateLeft((int) s[sp - 1], (int) s[sp]);
            break;
          case 0x78:
            sp--;
            s[sp - 1] = Integer.rotateRight((int) s[sp - 1], (int) s[sp]);
            break;

            // ---- i64 arithmetic ----
          case 0x79:
            s[sp - 1] = Long.numberOfLeadingZeros(s[sp - 1]);
            break;
          case 0x7A:
            s[sp - 1] = Long.numberOfTrailingZeros(s[sp - 1]);
            break;
          case 0x7B:
            s[sp - 1] = Long.bitCount(s[sp - 1]);
            break;
          case 0x7C:
            sp--;
            s[sp - 1] += s[sp];
            break;
          case 0x7D:
            sp--;
            s[sp - 1] -= s[sp];
            break;
          case 0x7E:
            sp--;
            s[sp - 1] *= s[sp];
            break;
          case 0x7F:
            sp--;
            s[sp - 1] = Numerics.i64DivS(s[sp - 1], s[sp]);
            break;
          case 0x80:
            sp--;
            s[sp - 1] = Numerics.i64DivU(s[sp - 1], s[sp]);
            break;
          case 0x81:
            sp--;
            s[sp - 1] = Numerics.i64RemS(s[sp - 1], s[sp]);
            break;
          case 0x82:
            sp--;
            s[sp - 1] = Numerics.i64RemU(s[sp - 1], s[sp]);
            break;
          case 0x83:
            sp--;
            s[sp - 1] &= s[sp];
            break;
          case 0x84:
            sp--;
            s[sp - 1] |= s[sp];
            break;
          case 0x85:
            sp--;
            s[sp - 1] ^= s[sp];
            break;
          case 0x86:
            sp--;
            s[sp - 1] <<= s[sp];
            break;
          case 0x87:
            sp--;
            s[sp - 1] >>= s[sp];
            break;
          case 0x88:
            sp--;
            s[sp - 1] >>>= s[sp];
            break;
          case 0x89:
            sp--;
            s[sp - 1] = Long.rotateLeft(s[sp - 1], (int) s[sp]);
            break;
          case 0x8A:
            sp--;
            s[sp - 1] = Long.rotateRight(s[sp - 1], (int) s[sp]);
            break;

            // ---- f32 arithmetic ----
          case 0x8B: // f32.abs
            s[sp - 1] &= 0x7FFF_FFFFL;
            break;
          case 0x8C: // f32.neg
            s[sp - 1] ^= 0x8000_0000L;
            break;
          case 0x92:
            sp--;
            s[sp - 1] = f32(f32(s[sp - 1]) + f32(s[sp]));
            break;
          case 0x93:
            sp--;
            s[sp - 1] = f32(f32(s[sp - 1]) - f32(s[sp]));
            break;
          case 0x94:
            sp--;
            s[sp - 1] = f32(f32(s[sp - 1]) * f32(s[sp]));
            break;
          case 0x95:
            sp--;
            s[sp - 1] = f32(f32(s[sp - 1]) / f32(s[sp]));
            break;
          case 0x96:
            sp--;
            s[sp - 1] = Numerics.f32Min(s[sp - 1], s[sp]);
            break;
          case 0x97:
            sp--;
            s[sp - 1] = Numerics.f32Max(s[sp - 1], s[sp]);
            break;
          case 0x98: // f32.copysign
            sp--;
            s[sp - 1] = (s[sp - 1] & 0x7FFF_FFFFL) | (s[sp] & 0x8000_0000L);
            break;

            // ---- f64 arithmetic ----
          case 0x99: // f64.abs
            s[sp - 1] &= Long.MAX_VALUE;
            break;
          case 0x9A: // f64.neg
            s[sp - 1] ^= Long.MIN_VALUE;
            break;
          case 0xA0:
            sp--;
            s[sp - 1] = f64(f64(s[sp - 1]) + f64(s[sp]));
            break;
          case 0xA1:
            sp--;
            s[sp - 1] = f64(f64(s[sp - 1]) - f64(s[sp]));
            break;
          case 0xA2:
            sp--;
            s[sp - 1] = f64(f64(s[sp - 1]) * f64(s[sp]));
            break;
          case 0xA3:
            sp--;
            s[sp - 1] = f64(f64(s[sp - 1]) / f64(s[sp]));
            break;
          case 0xA4:
            sp--;
            s[sp - 1] = Numerics.f64Min(s[sp - 1], s[sp]);
            break;
          case 0xA5:
            sp--;
            s[sp - 1] = Numerics.f64Max(s[sp - 1], s[sp]);
            break;
          case 0xA6: // f64.copysign
            sp--;
            s[sp - 1] = (s[sp - 1] & Long.MAX_VALUE) | (s[sp] & Long.MIN_VALUE);
            break;

            // ---- frequent conversions ----
          case 0xA7: // i32.wrap_i64 (also i64.extend_i32_s and i32.reinterpret_f32)
            s[sp - 1] = (int) s[sp - 1];
            break;
          case 0xAD: // i64.extend_i32_u (also f32.reinterpret_i32)
            s[sp - 1] &= 0xFFFF_FFFFL;
            break;

            // ---- rare numeric instructions, one operand, out of line ----
          case 0x8D: case 0x8E: case 0x8F: case 0x90: case 0x91:
          case 0x9B: case 0x9C: case 0x9D: case 0x9E: case 0x9F:
          case 0xA8: case 0xA9: case 0xAA: case 0xAB:
          case 0xAE: case 0xAF: case 0xB0: case 0xB1:
          case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB6:
          case 0xB7: case 0xB8: case 0xB9: case 0xBA: case 0xBB:
          case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC4:
          case 0xE0: case 0xE1: case 0xE2: case 0xE3:
          case 0xE4: case 0xE5: case 0xE6: case 0xE7:
            s[sp - 1] = unary(op, s[sp - 1]);
            break;

            // ---- fused compare-and-branch ----
          case Op.BR_IF_I32_EQ:
            sp -= 2;
            pc = (int) s[sp] == (int) s[sp + 1] ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_NE:
            sp -= 2;
            pc = (int) s[sp] != (int) s[sp + 1] ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_LT_S:
            sp -= 2;
            pc = (int) s[sp] < (int) s[sp + 1] ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_LT_U:
            sp -= 2;
            pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) < 0 ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_GT_S:
            sp -= 2;
            pc = (int) s[sp] > (int) s[sp + 1] ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_GT_U:
            sp -= 2;
            pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) > 0 ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_LE_S:
            sp -= 2;
            pc = (int) s[sp] <= (int) s[sp + 1] ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_LE_U:
            sp -= 2;
            pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) <= 0 ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_GE_S:
            sp -= 2;
            pc = (int) s[sp] >= (int) s[sp + 1] ? code[pc] : pc + 1;
            break;
          case Op.BR_IF_I32_GE_U:
            sp -= 2;
            pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) >= 0 ? code[pc] : pc + 1;
            break;

            // ---- references, bulk memory and tables ----
          case Op.REF_FUNC:
            s[sp++] = inst.store.references.referenceOf(functions[code[pc++]]);
            break;
          case Op.MEMORY_INIT:
            sp -= 3;
            Bulk.memoryInit(inst, mem, code[pc++], s[sp], s[sp + 1], s[sp + 2]);
            break;
          case Op.DATA_DROP:
            Bulk.dataDrop(inst, code[pc++]);
            break;
          case Op.MEMORY_COPY:
            sp -= 3;
            Bulk.memoryCopy(mem, s[sp], s[sp + 1], s[sp + 2]);
            break;
          case Op.MEMORY_FILL:
            sp -= 3;
            Bulk.memoryFill(mem, s[sp], s[sp + 1], s[sp + 2]);
            break;
          case Op.TABLE_INIT:
            sp -= 3;
            Tables.init(inst, code[pc], code[pc + 1], s[sp], s[sp + 1], s[sp + 2]);
            pc += 2;
            break;
          case Op.ELEM_DROP:
            Tables.elemDrop(inst, code[pc++]);
            break;
          case Op.TABLE_COPY:
            sp -= 3;
            Tables.copy(inst, code[pc], code[pc + 1], s[sp], s[sp + 1], s[sp + 2]);
            pc += 2;
            break;
          case Op.TABLE_GROW:
            sp--;
            s[sp - 1] = inst.tables[code[pc++]].grow((int) s[sp], s[sp - 1]);
            break;
          case Op.TABLE_SIZE:
            s[sp++] = inst.tables[code[pc++]].size;
            break;
          case Op.TABLE_FILL:
            sp -= 3;
            Tables.fill(inst, code[pc++], s[sp], s[sp + 1], s[sp + 2]);
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

  /**
   * Moves the top {@code arity} values from {@code sp - arity} down to {@code to} and returns the
   * new stack pointer.
   */
  private static int move(long[] s, int sp, int arity, int to) {
    int from = sp - arity;
    if (from != to) {
      for (int i = 0; i < arity; i++) {
        s[to + i] = s[from + i];
      }
    }
    return to + arity;
  }

  /**
   * The effective address of an access of {@code size} bytes at unsigned {@code base} plus
   * unsigned {@code offset}, as an index into {@code mem}.
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

  private static TrapException outOfBounds(long ea, int size, int memSize) {
    return new TrapException(
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS,
        "out of bounds memory access: address " + ea + ", size " + size + ", memory size "
            + memSize);
  }

  /**
   * Calls a function that is not an own function of the running instance: an interpreted function
   * of another instance runs on the same value stack, anything else through {@link
   * FunctionInstance#call}. The arguments are the top of the stack; returns the new stack pointer
   * (the results replace the arguments).
   */
  private static int callOther(Context ctx, FunctionInstance f, int sp) {
    FuncType t = f.type();
    int np = t.paramCount();
    int nr = t.resultCount();
    int base = sp - np;
    if (f instanceof InterpreterFunction) {
      execute(ctx, (InterpreterFunction) f, base);
      return base + nr;
    }
    long[] args = new long[Math.max(np, nr)];
    long[] s = ctx.stack;
    System.arraycopy(s, base, args, 0, np);
    f.call(args);
    // The host may have re-entered WebAssembly on another context; ours is unchanged.
    System.arraycopy(args, 0, ctx.stack, base, nr);
    return base + nr;
  }

  /** Looks up the callee of {@code call_indirect} and checks it. */
  private static FunctionInstance tableFunction(
      ModuleInstance inst, int tableIndex, int index, FuncType expected) {
    var table = inst.tables[tableIndex];
    if (index < 0 || index >= table.size) {
      throw new TrapException(
          TrapKind.UNDEFINED_ELEMENT,
          "undefined element: index " + Integer.toUnsignedString(index) + ", table size "
              + table.size);
    }
    long ref = table.elements[index];
    if (ref == 0) {
      throw new TrapException(
          TrapKind.UNINITIALIZED_ELEMENT, "uninitialized element " + index);
    }
    FunctionInstance f = inst.store.references.function(ref);
    if (f == null) {
      throw new TrapException(
          TrapKind.UNINITIALIZED_ELEMENT, "uninitialized element " + index + " (released)");
    }
    FuncType actual = f.type();
    if (actual != expected && !actual.equals(expected)) {
      throw new TrapException(
          TrapKind.INDIRECT_CALL_TYPE_MISMATCH,
          "indirect call type mismatch: expected " + expected + ", got " + actual);
    }
    return f;
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
        return Numerics.i32TruncS(f32(v));
      case 0xA9:
        return Numerics.i32TruncU(f32(v));
      case 0xAA:
        return Numerics.i32TruncS(f64(v));
      case 0xAB:
        return Numerics.i32TruncU(f64(v));
      case 0xAE: // i64.trunc_f32_s
        return Numerics.i64TruncS(f32(v));
      case 0xAF:
        return Numerics.i64TruncU(f32(v));
      case 0xB0:
        return Numerics.i64TruncS(f64(v));
      case 0xB1:
        return Numerics.i64TruncU(f64(v));
      case 0xB2: // f32.convert_i32_s
        return f32((float) (int) v);
      case 0xB3:
        return f32((float) (v & 0xFFFF_FFFFL));
      case 0xB4:
        return f32((float) v);
      case 0xB5:
        return f32(Numerics.u64ToF32(v));
      case 0xB6: // f32.demote_f64
        return f32((float) f64(v));
      case 0xB7: // f64.convert_i32_s
        return f64((double) (int) v);
      case 0xB8:
        return f64((double) (v & 0xFFFF_FFFFL));
      case 0xB9:
        return f64((double) v);
      case 0xBA:
        return f64(Numerics.u64ToF64(v));
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
        return Numerics.i32TruncSatU(f32(v));
      case Op.I32_TRUNC_SAT_F64_S:
        return (int) f64(v);
      case Op.I32_TRUNC_SAT_F64_U:
        return Numerics.i32TruncSatU(f64(v));
      case Op.I64_TRUNC_SAT_F32_S:
        return (long) f32(v);
      case Op.I64_TRUNC_SAT_F32_U:
        return Numerics.i64TruncSatU(f32(v));
      case Op.I64_TRUNC_SAT_F64_S:
        return (long) f64(v);
      case Op.I64_TRUNC_SAT_F64_U:
        return Numerics.i64TruncSatU(f64(v));
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
