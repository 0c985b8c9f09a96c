package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.internal.wasm.Opcodes.*;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.binary.CodeReader;
import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates the body of one validated function into the interpreter's register-based internal code
 * (see {@link Op}).
 *
 * <p>The frame is a run of {@code long} slots: the locals (parameters first), then the function's
 * most frequent constants (written on entry, see {@link FunctionBody#constants}), then one slot per
 * operand-stack position, its <em>canonical</em> slot. A v128 takes two consecutive slots (low half
 * first) wherever it is, so locals and stack are packed by type; that is also the layout of
 * arguments and results in {@code FunctionInstance.call(long[])}. The translator keeps a virtual operand stack
 * whose entries say where each value is right now: in its canonical slot, still in a local (after
 * {@code local.get}, nothing is copied), or a constant (read from its pooled slot, or written where
 * needed). Instructions read their operands from wherever the values are and write their result to
 * the canonical slot of the result's position; {@code local.set} right after an instruction
 * redirects that instruction's result into the local. Pending values are <em>materialized</em>
 * (written to their canonical slot) where code paths meet or values must sit in known slots: at
 * block starts, block ends, branches, calls, and before a {@code local.set} overwrites a local that
 * the stack still refers to.
 *
 * <p>Forward branches are patched when their label's {@code end} is reached: until then each
 * unresolved target operand holds the position of the previous unresolved operand of the same label
 * (a chain ending in -1). A few frequent sequences are fused: i32 or i64 comparison or eqz +
 * branch, i32.add of a constant; and a loop that starts with an exit check is rotated: a {@code br}
 * back to it performs the check itself with the opposite condition (see {@link #branch}).
 */
final class Translator {
  private static final int BLOCK_KIND = 0;
  private static final int LOOP_KIND = 1;
  private static final int IF_KIND = 2;
  private static final int FUNCTION_KIND = 3;

  /** The marker in {@link #vSlot} of a constant entry. */
  private static final int CONSTANT = -1;

  /** The most constants pooled in frame slots per function (each costs a copy per call). */
  private static final int MAX_POOLED = 16;

  private static final ValueType[] NO_TYPES = new ValueType[0];

  private final WasmModule module;
  private final int functionIndex;

  /** The number of slots the locals take (a v128 local takes two). */
  private int numLocals;

  /** The slot of each local, by local index: locals are packed, a v128 taking two slots. */
  private int[] localSlot;

  /** Whether each local, by local index, is a v128. */
  private boolean[] localWide;

  /** Whether the function uses SIMD instructions (whose operands are read two slots at a time). */
  private boolean usesSimd;

  /** The first operand-stack slot: after the locals and the pooled constants. */
  private int stackBase;

  /** Pooled constant value to its slot. */
  private final HashMap<Long, Integer> pool = new HashMap<>();

  private int[] code = new int[64];
  private int len;

  // The virtual operand stack.
  private int height;
  private int[] vSlot = new int[32];
  private long[] vConst = new long[32];

  /** Whether each entry is a v128, which takes two slots (low half first). */
  private boolean[] vWide = new boolean[32];

  /**
   * The canonical slot of each position relative to {@link #stackBase}: the stack is packed, a v128
   * taking two slots. Valid up to {@code height} included.
   */
  private int[] vOff = new int[33];

  /** The most slots the operand stack takes. */
  private int maxSlots;

  // The control stack, as parallel arrays. Bases are operand-stack positions.
  private int ctlCount;
  private int[] ctlKind = new int[16];
  private int[] ctlBase = new int[16];
  private int[] ctlParams = new int[16];
  private int[] ctlResults = new int[16];
  private ValueType[][] ctlParamTypes = new ValueType[16][];
  private ValueType[][] ctlResultTypes = new ValueType[16][];
  private int[] ctlLoopPc = new int[16];
  private int[] ctlFixups = new int[16];
  private int[] ctlElseFixup = new int[16];

  /**
   * For a loop whose first instruction is a fused compare-and-branch out of the loop: the control
   * frame that check exits to; else -1. A {@code br} back to such a loop is rotated (see {@link
   * #branch}).
   */
  private int[] ctlExitCheck = new int[16];

  private boolean[] ctlUnreachable = new boolean[16];

  /** Nesting depth of blocks that start inside unreachable code (emitted as nothing). */
  private int deadDepth;

  /** Start of the last emitted instruction. */
  private int lastPc = -1;

  /**
   * The code index of the destination operand of the last emitted instruction, if that instruction
   * produced the value at stack position {@link #lastDstPos} and nothing was emitted or labelled
   * since; else -1.
   */
  private int lastDst = -1;

  private int lastDstPos = -1;

  private Translator(WasmModule module, int functionIndex) {
    this.module = module;
    this.functionIndex = functionIndex;
  }

  /** Translates the defined function {@code definedIndex} (function index minus imports). */
  static FunctionBody translate(WasmModule module, int definedIndex) {
    return translate(module, definedIndex, CodeOptions.NONE);
  }

  /**
   * Translates the defined function {@code definedIndex} with the hooks of {@code options}: polls
   * at entry and loop headers, and calls through the instance's functions instead of inline.
   */
  static FunctionBody translate(WasmModule module, int definedIndex, CodeOptions options) {
    int functionIndex = module.importedFunctionCount + definedIndex;
    Translator t = new Translator(module, functionIndex);
    t.options = options;
    return t.run(module.codes[definedIndex]);
  }

  private CodeOptions options = CodeOptions.NONE;

  private FunctionBody run(Code body) {
    FuncType type = module.functionType(functionIndex);
    ValueType[] params = type.params();
    ValueType[] locals = body.locals();
    int count = params.length + locals.length;
    localSlot = new int[count];
    localWide = new boolean[count];
    int slots = 0;
    int numParams = 0;
    for (int i = 0; i < count; i++) {
      ValueType vt = i < params.length ? params[i] : locals[i - params.length];
      localSlot[i] = slots;
      localWide[i] = vt == ValueType.V128;
      slots += localWide[i] ? 2 : 1;
      if (i == params.length - 1) {
        numParams = slots;
      }
    }
    numLocals = slots;
    long[] constants = poolConstants(body);
    stackBase = numLocals + constants.length;
    pushControl(FUNCTION_KIND, 0, NO_TYPES, type.results());
    if (options.interruptible()) {
      begin(Op.POLL);
    }
    CodeReader r =
        new CodeReader(
            module.bytes, body.bodyStart(), body.bodyEnd(), CodeReader.VALIDATED, functionIndex);
    while (r.hasNext() && ctlCount > 0) {
      int op = r.next();
      if (ctlUnreachable[ctlCount - 1]) {
        skipUnreachable(op);
      } else {
        translate(op, r);
      }
    }
    // SIMD instructions read two slots of every operand slot, even of unused ones or scalars: one
    // extra slot keeps those reads inside the frame.
    int maxStack = stackBase + maxSlots + (usesSimd ? 2 : 1);
    return new FunctionBody(Arrays.copyOf(code, len), numParams, numLocals, maxStack, constants);
  }

  /**
   * Picks the function's most frequent constants (at most {@link #MAX_POOLED}) to live in frame
   * slots, so that instructions use them without a separate dispatch to write them.
   */
  private long[] poolConstants(Code body) {
    HashMap<Long, Integer> counts = new HashMap<>();
    CodeReader r =
        new CodeReader(
            module.bytes, body.bodyStart(), body.bodyEnd(), CodeReader.VALIDATED, functionIndex);
    while (r.hasNext()) {
      int op = r.next();
      if (op == I32_CONST || op == I64_CONST || op == F32_CONST || op == F64_CONST) {
        counts.merge(op == F32_CONST ? r.value & 0xFFFF_FFFFL : r.value, 1, Integer::sum);
      }
    }
    List<Map.Entry<Long, Integer>> byCount = new ArrayList<>(counts.entrySet());
    byCount.sort(Map.Entry.<Long, Integer>comparingByValue().reversed());
    int n = Math.min(MAX_POOLED, byCount.size());
    long[] constants = new long[n];
    for (int i = 0; i < n; i++) {
      constants[i] = byCount.get(i).getKey();
      pool.put(constants[i], numLocals + i);
    }
    return constants;
  }

  /** Handles the block structure of unreachable code, which emits nothing. */
  private void skipUnreachable(int op) {
    switch (op) {
      case BLOCK:
      case LOOP:
      case IF:
        deadDepth++;
        break;
      case ELSE:
        if (deadDepth == 0) {
          doElse();
        }
        break;
      case END:
        if (deadDepth > 0) {
          deadDepth--;
        } else {
          doEnd();
        }
        break;
      default:
        break;
    }
  }

  private void translate(int op, CodeReader r) {
    switch (op) {
      case UNREACHABLE:
        begin(Op.UNREACHABLE);
        markUnreachable();
        break;
      case NOP:
        break;
      case BLOCK:
        {
          ValueType[] params = blockParams(r);
          materializeAll();
          pushControl(BLOCK_KIND, height - params.length, params, blockResults(r));
          break;
        }
      case LOOP:
        {
          ValueType[] params = blockParams(r);
          materializeAll();
          pushControl(LOOP_KIND, height - params.length, params, blockResults(r));
          ctlLoopPc[ctlCount - 1] = len;
          label();
          if (options.interruptible()) {
            // Every back-edge jumps here: the loop polls once per iteration.
            begin(Op.POLL);
            label();
          }
          break;
        }
      case IF:
        {
          ValueType[] params = blockParams(r);
          ValueType[] results = blockResults(r);
          int fixup = conditionalBranch(true);
          pushControl(IF_KIND, height - params.length, params, results);
          ctlElseFixup[ctlCount - 1] = fixup;
          break;
        }
      case ELSE:
        doElse();
        break;
      case END:
        doEnd();
        break;
      case BR:
        branch(r.index);
        markUnreachable();
        break;
      case BR_IF:
        branchIf(r.index);
        break;
      case BR_TABLE:
        brTable(r);
        markUnreachable();
        break;
      case RETURN:
        emitReturn();
        markUnreachable();
        break;
      case CALL:
        {
          FuncType t = module.functionType(r.index);
          int args = argumentSlot(t.paramCount());
          if (r.index >= module.importedFunctionCount && !options.listening()) {
            emit(Op.CALL_INTERNAL, r.index - module.importedFunctionCount, args);
          } else {
            emit(Op.CALL_EXTERNAL, r.index, args);
          }
          pushResults(t.results());
          break;
        }
      case CALL_INDIRECT:
        {
          FuncType t = module.types[r.index];
          int index = popSlot();
          int args = argumentSlot(t.paramCount());
          emit(Op.CALL_INDIRECT, r.index, r.index2, index, args);
          pushResults(t.results());
          break;
        }
      case RETURN_CALL:
        {
          FuncType t = module.functionType(r.index);
          int args = argumentSlot(t.paramCount());
          if (r.index >= module.importedFunctionCount && !options.listening()) {
            emit(Op.TAIL_CALL, r.index - module.importedFunctionCount, args);
          } else {
            // Imports, and every call when listening (through the instance's functions, which
            // listeners and tiered code wrap).
            emit(
                Op.TAIL_CALL_EXTERNAL, r.index, args, InterpreterFunction.slots(t.results()));
            pushResults(t.results()); // room for the results of a call (see Op)
          }
          markUnreachable();
          break;
        }
      case RETURN_CALL_INDIRECT:
        {
          FuncType t = module.types[r.index];
          int index = popSlot();
          int args = argumentSlot(t.paramCount());
          emit(
              Op.TAIL_CALL_INDIRECT,
              r.index,
              r.index2,
              index,
              args,
              InterpreterFunction.slots(t.results()));
          // The callee may be called rather than jumped to (see Op): its results then land at the
          // argument slot, so the frame must have room for them.
          pushResults(t.results());
          markUnreachable();
          break;
        }
      case DROP:
        height--;
        break;
      case SELECT:
      case SELECT_T:
        {
          boolean wide = vWide[height - 2];
          int c = popSlot();
          int b = popSlot();
          int a = popSlot();
          if (wide) {
            simd(SimdOps.SELECT, 2, a, b, c, 0, 0, 0, 0);
          } else {
            emitValue(Op.SELECT, a, b, c);
          }
          break;
        }
      case LOCAL_GET:
        pushEntry(localSlot[r.index], 0, localWide[r.index]);
        break;
      case LOCAL_SET:
        localSet(r.index, false);
        break;
      case LOCAL_TEE:
        localSet(r.index, true);
        break;
      case GLOBAL_GET:
        if (module.globalTypes[r.index].valueType() == ValueType.V128) {
          simd(SimdOps.GLOBAL_GET, 2, 0, 0, 0, r.index, 0, 0, 0);
        } else {
          emitValue(Op.GLOBAL_GET, r.index);
        }
        break;
      case GLOBAL_SET:
        if (module.globalTypes[r.index].valueType() == ValueType.V128) {
          simd(SimdOps.GLOBAL_SET, 0, popSlot(), 0, 0, r.index, 0, 0, 0);
        } else {
          emit(Op.GLOBAL_SET, popSlot(), r.index);
        }
        break;
      case TABLE_GET:
        emitValue(Op.TABLE_GET, popSlot(), r.index);
        break;
      case TABLE_SET:
        {
          int v = popSlot();
          int i = popSlot();
          emit(Op.TABLE_SET, i, v, r.index);
          break;
        }
      case MEMORY_SIZE:
        emitValue(Op.MEMORY_SIZE);
        break;
      case MEMORY_GROW:
        emitValue(Op.MEMORY_GROW, popSlot());
        break;
      case I32_CONST:
      case I64_CONST:
      case F64_CONST:
        pushEntry(CONSTANT, r.value);
        break;
      case F32_CONST:
        pushEntry(CONSTANT, r.value & 0xFFFF_FFFFL);
        break;
      case REF_NULL:
        pushEntry(CONSTANT, 0);
        break;
      case REF_IS_NULL:
        emitValue(I64_EQZ, popSlot()); // a reference is null exactly when its handle is 0
        break;
      case REF_FUNC:
        emitValue(Op.REF_FUNC, r.index);
        break;
      case I32_ADD:
      case I32_SUB:
        if (vSlot[height - 1] == CONSTANT) {
          long c = vConst[--height];
          int a = popSlot();
          emitValue(Op.I32_ADD_C, a, op == I32_ADD ? (int) c : -(int) c);
        } else {
          binary(op);
        }
        break;
      case I64_EXTEND_I32_S:
      case I32_REINTERPRET_F32:
        emitValue(I32_WRAP_I64, popSlot()); // both sign-extend the low 32 bits into the slot
        break;
      case I64_REINTERPRET_F64:
      case F64_REINTERPRET_I64:
        break; // the slot holds the same bits either way
      case F32_REINTERPRET_I32:
        emitValue(I64_EXTEND_I32_U, popSlot()); // both keep the low 32 bits, zero-extended
        break;
      case I32_TRUNC_SAT_F32_S:
      case I32_TRUNC_SAT_F32_U:
      case I32_TRUNC_SAT_F64_S:
      case I32_TRUNC_SAT_F64_U:
      case I64_TRUNC_SAT_F32_S:
      case I64_TRUNC_SAT_F32_U:
      case I64_TRUNC_SAT_F64_S:
      case I64_TRUNC_SAT_F64_U:
        emitValue(Op.I32_TRUNC_SAT_F32_S + (op - I32_TRUNC_SAT_F32_S), popSlot());
        break;
      case MEMORY_INIT:
        {
          int n = popSlot();
          int s = popSlot();
          int d = popSlot();
          emit(Op.MEMORY_INIT, d, s, n, r.index);
          break;
        }
      case DATA_DROP:
        emit(Op.DATA_DROP, r.index);
        break;
      case MEMORY_COPY:
      case MEMORY_FILL:
        {
          int n = popSlot();
          int s = popSlot();
          int d = popSlot();
          emit(op == MEMORY_COPY ? Op.MEMORY_COPY : Op.MEMORY_FILL, d, s, n);
          break;
        }
      case TABLE_INIT:
        {
          int n = popSlot();
          int s = popSlot();
          int d = popSlot();
          emit(Op.TABLE_INIT, d, s, n, r.index, r.index2);
          break;
        }
      case ELEM_DROP:
        emit(Op.ELEM_DROP, r.index);
        break;
      case TABLE_COPY:
        {
          int n = popSlot();
          int s = popSlot();
          int d = popSlot();
          emit(Op.TABLE_COPY, d, s, n, r.index, r.index2);
          break;
        }
      case TABLE_GROW:
        {
          int n = popSlot();
          int init = popSlot();
          emitValue(Op.TABLE_GROW, init, n, r.index);
          break;
        }
      case TABLE_SIZE:
        emitValue(Op.TABLE_SIZE, r.index);
        break;
      case TABLE_FILL:
        {
          int n = popSlot();
          int v = popSlot();
          int i = popSlot();
          emit(Op.TABLE_FILL, i, v, n, r.index);
          break;
        }
      default:
        if (op >= I32_LOAD && op <= I64_LOAD32_U) {
          int a = popSlot();
          sizeCheck(a, (int) r.memoryOffset, LOAD_SIZES[op - I32_LOAD]);
          emitValue(op, a, (int) r.memoryOffset);
        } else if (op >= I32_STORE && op <= I64_STORE32) {
          int v = popSlot();
          int a = popSlot();
          sizeCheck(a, (int) r.memoryOffset, STORE_SIZES[op - I32_STORE]);
          emit(op, a, v, (int) r.memoryOffset);
        } else if (op >= I32_EQZ && op <= I64_EXTEND32_S) {
          if (isBinary(op)) {
            binary(op);
          } else {
            emitValue(op, popSlot());
          }
        } else if (op >= PREFIX_SIMD) {
          simdInstruction(op, r);
        } else {
          throw new IllegalStateException(
              "interpreter cannot translate opcode 0x"
                  + Integer.toHexString(op)
                  + " in function "
                  + functionIndex);
        }
    }
  }

  /** Bytes accessed by the loads i32.load..i64.load32_u and the stores i32.store..i64.store32. */
  private static final int[] LOAD_SIZES = {4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4};

  private static final int[] STORE_SIZES = {4, 8, 4, 8, 1, 2, 1, 2, 4};

  /**
   * In size-checked code, emits {@link Op#MEM_CHECK} for the access of {@code size} bytes at the
   * address in slot {@code address} plus {@code offset}, right before the access itself.
   */
  private void sizeCheck(int address, int offset, int size) {
    if (options.sizeChecked()) {
      emit(Op.MEM_CHECK, address, offset, size);
    }
  }

  private void binary(int op) {
    int b = popSlot();
    int a = popSlot();
    emitValue(op, a, b);
  }

  /** Whether a numeric opcode (0x45..0xC4) pops two operands; the others pop one. */
  private static boolean isBinary(int op) {
    return (op >= I32_EQ && op <= I32_GE_U)
        || (op >= I64_EQ && op <= F64_GE)
        || (op >= I32_ADD && op <= I32_ROTR)
        || (op >= I64_ADD && op <= I64_ROTR)
        || (op >= F32_ADD && op <= F32_COPYSIGN)
        || (op >= F64_ADD && op <= F64_COPYSIGN);
  }

  // ---- the virtual operand stack ----

  private int canonical(int pos) {
    return stackBase + vOff[pos];
  }

  private void pushEntry(int slot, long constant, boolean wide) {
    if (height == vSlot.length) {
      vSlot = Arrays.copyOf(vSlot, height * 2);
      vConst = Arrays.copyOf(vConst, height * 2);
      vWide = Arrays.copyOf(vWide, height * 2);
      vOff = Arrays.copyOf(vOff, height * 2 + 1);
    }
    vSlot[height] = slot;
    vConst[height] = constant;
    vWide[height] = wide;
    vOff[height + 1] = vOff[height] + (wide ? 2 : 1);
    height++;
    if (vOff[height] > maxSlots) {
      maxSlots = vOff[height];
    }
  }

  private void pushEntry(int slot, long constant) {
    pushEntry(slot, constant, false);
  }

  /** Pushes a value that will be in its canonical slot; returns that slot. */
  private int pushCanonical() {
    return pushCanonical(false);
  }

  /** Pushes a value, a v128 if {@code wide}, that will be in its canonical slot; returns it. */
  private int pushCanonical(boolean wide) {
    int slot = canonical(height);
    pushEntry(slot, 0, wide);
    return slot;
  }

  /** The number of slots the top {@code n} entries take. */
  private int slotsOfTop(int n) {
    return vOff[height] - vOff[height - n];
  }

  /** Emits a copy of a value, two slots if {@code wide}. */
  private void copy(int dst, int src, boolean wide) {
    if (wide) {
      simdRaw(SimdOps.COPY, dst, src, 0, 0, 0, 0, 0, 0);
    } else {
      emit(Op.COPY, dst, src);
    }
  }

  /**
   * Pops the top entry and returns the slot holding its value: a pooled constant's slot, or else a
   * constant is written to its canonical slot first.
   */
  private int popSlot() {
    int top = height - 1;
    if (vSlot[top] == CONSTANT) {
      Integer pooled = pool.get(vConst[top]);
      if (pooled != null) {
        height--;
        return pooled;
      }
      materialize(top);
    }
    return vSlot[--height];
  }

  /** Writes entry {@code pos} to its canonical slot if it is elsewhere. */
  private void materialize(int pos) {
    int slot = vSlot[pos];
    int c = canonical(pos);
    if (slot == c) {
      return;
    }
    if (slot == CONSTANT) {
      long v = vConst[pos];
      emit(Op.CONST, c, (int) v, (int) (v >>> 32));
    } else {
      copy(c, slot, vWide[pos]);
    }
    vSlot[pos] = c;
  }

  private void materializeAll() {
    for (int i = 0; i < height; i++) {
      materialize(i);
    }
  }

  private void materializeTop(int n) {
    for (int i = height - n; i < height; i++) {
      materialize(i);
    }
  }

  /** Pops {@code n} call arguments into consecutive canonical slots; returns the first slot. */
  private int argumentSlot(int n) {
    materializeTop(n);
    height -= n;
    return canonical(height);
  }

  private void pushResults(ValueType[] types) {
    for (ValueType vt : types) {
      pushCanonical(vt == ValueType.V128);
    }
  }

  private void localSet(int index, boolean tee) {
    int local = localSlot[index];
    int top = height - 1;
    for (int i = 0; i < top; i++) {
      if (vSlot[i] == local) {
        materialize(i); // the stack still refers to the local's old value
      }
    }
    if (lastDst >= 0 && lastDstPos == top && vSlot[top] == canonical(top)) {
      // Redirect the instruction that just produced the value straight into the local.
      code[lastDst] = local;
      lastDst = -1;
      if (tee) {
        vSlot[top] = local;
      } else {
        height--;
      }
      return;
    }
    int slot = vSlot[top];
    if (slot == CONSTANT) {
      long v = vConst[top];
      emit(Op.CONST, local, (int) v, (int) (v >>> 32));
    } else if (slot != local) {
      copy(local, slot, localWide[index]);
    }
    if (!tee) {
      height--;
    }
  }

  // ---- blocks and branches ----

  private ValueType[] blockParams(CodeReader r) {
    return r.blockTypeIndex >= 0 ? module.types[r.blockTypeIndex].params() : NO_TYPES;
  }

  private ValueType[] blockResults(CodeReader r) {
    if (r.blockTypeIndex >= 0) {
      return module.types[r.blockTypeIndex].results();
    }
    return r.blockValueType != null ? new ValueType[] {r.blockValueType} : NO_TYPES;
  }

  private void pushControl(int kind, int base, ValueType[] params, ValueType[] results) {
    if (ctlCount == ctlKind.length) {
      int n = ctlCount * 2;
      ctlKind = Arrays.copyOf(ctlKind, n);
      ctlBase = Arrays.copyOf(ctlBase, n);
      ctlParams = Arrays.copyOf(ctlParams, n);
      ctlResults = Arrays.copyOf(ctlResults, n);
      ctlParamTypes = Arrays.copyOf(ctlParamTypes, n);
      ctlResultTypes = Arrays.copyOf(ctlResultTypes, n);
      ctlLoopPc = Arrays.copyOf(ctlLoopPc, n);
      ctlFixups = Arrays.copyOf(ctlFixups, n);
      ctlElseFixup = Arrays.copyOf(ctlElseFixup, n);
      ctlExitCheck = Arrays.copyOf(ctlExitCheck, n);
      ctlUnreachable = Arrays.copyOf(ctlUnreachable, n);
    }
    int i = ctlCount++;
    ctlKind[i] = kind;
    ctlBase[i] = base;
    ctlParams[i] = params.length;
    ctlResults[i] = results.length;
    ctlParamTypes[i] = params;
    ctlResultTypes[i] = results;
    ctlLoopPc[i] = -1;
    ctlFixups[i] = -1;
    ctlElseFixup[i] = -1;
    ctlExitCheck[i] = -1;
    ctlUnreachable[i] = false;
  }

  private void markUnreachable() {
    int i = ctlCount - 1;
    ctlUnreachable[i] = true;
    height = ctlBase[i];
    lastDst = -1;
  }

  /** Marks the current pc as a branch target: nothing before it may be fused with what follows. */
  private void label() {
    lastDst = -1;
    lastPc = -1;
  }

  /** Resets the stack above {@code base} to values of {@code types} in their canonical slots. */
  private void resetCanonical(int base, ValueType[] types) {
    height = base;
    pushResults(types);
  }

  private void doElse() {
    int i = ctlCount - 1;
    if (!ctlUnreachable[i]) {
      materializeTop(ctlResults[i]);
      // The then-part falls through to the end: jump over the else-part.
      emit(Op.JMP, ctlFixups[i]);
      ctlFixups[i] = len - 1;
    }
    // The false branch of the if lands here.
    int f = ctlElseFixup[i];
    ctlElseFixup[i] = -1;
    code[f] = len;
    label();
    ctlUnreachable[i] = false;
    resetCanonical(ctlBase[i], ctlParamTypes[i]);
  }

  private void doEnd() {
    int i = ctlCount - 1;
    boolean unreachable = ctlUnreachable[i];
    boolean incoming = ctlFixups[i] != -1 || ctlElseFixup[i] >= 0;
    if (incoming) {
      // Branches land here with the results in their canonical slots: the fall-through joins them.
      if (!unreachable) {
        materializeTop(ctlResults[i]);
      }
      if (ctlElseFixup[i] >= 0) {
        // An if without else: the false branch goes to the end (params equal results).
        code[ctlElseFixup[i]] = ctlFixups[i];
        ctlFixups[i] = ctlElseFixup[i];
      }
      patch(ctlFixups[i], len);
      label();
      resetCanonical(ctlBase[i], ctlResultTypes[i]);
      unreachable = false;
    }
    // Without incoming branches only the fall-through reaches the end, so its pending values stay
    // as they are; if even that is unreachable, so is the code after the end.
    ctlCount--;
    if (unreachable) {
      if (ctlCount > 0) {
        markUnreachable();
      }
    } else if (ctlKind[i] == FUNCTION_KIND) {
      emitReturn();
    }
  }

  private void emitReturn() {
    int arity = ctlResults[0];
    if (arity == 1 && !vWide[height - 1]) {
      emit(Op.RETURN1, popSlot());
      height++; // the caller marks the rest unreachable; keep the height consistent meanwhile
    } else {
      materializeTop(arity);
      emit(Op.RETURN, canonical(height - arity), slotsOfTop(arity));
    }
  }

  private void patch(int chain, int target) {
    while (chain != -1) {
      int next = code[chain];
      code[chain] = target;
      chain = next;
    }
  }

  /** The target operand for a branch to control frame i: a loop's pc, or a new fixup link. */
  private int targetOf(int i, int operandPos) {
    if (ctlKind[i] == LOOP_KIND) {
      return ctlLoopPc[i];
    }
    int link = ctlFixups[i];
    ctlFixups[i] = operandPos;
    return link;
  }

  private int arityOf(int i) {
    return ctlKind[i] == LOOP_KIND ? ctlParams[i] : ctlResults[i];
  }

  /** Copies the top {@code arity} values to the canonical slots of label frame i. */
  private void moveToLabel(int i, int arity) {
    // The label's values are packed from its base in the same types as the values moved.
    int dst = canonical(ctlBase[i]);
    for (int k = 0; k < arity; k++) {
      int pos = height - arity + k;
      int slot = vSlot[pos];
      if (slot == CONSTANT) {
        long v = vConst[pos];
        emit(Op.CONST, dst, (int) v, (int) (v >>> 32));
      } else if (slot != dst) {
        copy(dst, slot, vWide[pos]);
      }
      dst += vWide[pos] ? 2 : 1;
    }
  }

  private void branch(int depth) {
    int i = ctlCount - 1 - depth;
    if (ctlKind[i] == FUNCTION_KIND) {
      emitReturn();
      return;
    }
    int exit = ctlKind[i] == LOOP_KIND ? ctlExitCheck[i] : -1;
    if (exit >= 0) {
      // Loop rotation: instead of jumping back to the loop's exit check, do the check here with
      // the opposite condition, continuing right after it; one dispatch less per iteration.
      int head = ctlLoopPc[i];
      emit(invertBranch(code[head]), code[head + 1], code[head + 2], head + 4);
      emit(Op.JMP, 0);
      code[len - 1] = targetOf(exit, len - 1);
      return;
    }
    moveToLabel(i, arityOf(i));
    emit(Op.JMP, 0);
    code[len - 1] = targetOf(i, len - 1);
  }

  private void branchIf(int depth) {
    int i = ctlCount - 1 - depth;
    int arity = arityOf(i);
    if (height - 1 - arity == ctlBase[i]) {
      // The carried values are at the label's positions: write them there unconditionally (that
      // is harmless on the fall-through path) and branch.
      int condPos = height - 1;
      boolean pending = false;
      for (int k = condPos - arity; k < condPos; k++) {
        pending |= vSlot[k] != canonical(k);
      }
      if (pending) {
        int cond = popSlot();
        materializeTop(arity);
        emit(Op.BR_IF, cond, 0);
        code[len - 1] = targetOf(i, len - 1);
      } else {
        int at = conditionalBranch(false);
        code[at] = targetOf(i, at);
        int top = ctlCount - 1;
        if (ctlKind[top] == LOOP_KIND
            && ctlParams[top] == 0
            && arity == 0
            && at - 3 == ctlLoopPc[top]
            && isCompareBranch(code[at - 3])) {
          ctlExitCheck[top] = i; // the loop starts with a check that leaves it (to frame i)
        }
      }
    } else {
      // Values must move: skip over the moves and the jump when the condition is false.
      int cond = popSlot();
      emit(Op.BR_UNLESS, cond, -1);
      int skip = len - 1;
      moveToLabel(i, arity);
      emit(Op.JMP, 0);
      code[len - 1] = targetOf(i, len - 1);
      code[skip] = len;
      label();
    }
  }

  /**
   * Pops the condition and emits a conditional jump with a placeholder target, materializing the
   * rest of the stack first if {@code materialize} (for {@code if}, whose arms must find every
   * value in its canonical slot). Returns the position of the target operand. An i32 or i64
   * comparison or eqz that computed the condition just before is fused into the jump.
   *
   * @param negate jump when the condition is false (for {@code if}) rather than true
   */
  private int conditionalBranch(boolean negate) {
    int condPos = height - 1;
    boolean fusable = lastDst >= 0 && lastDstPos == condPos && vSlot[condPos] == canonical(condPos);
    int cond = popSlot();
    if (negate) {
      int before = len;
      materializeAll();
      fusable &= len == before;
    }
    if (fusable) {
      int last = code[lastPc];
      if ((last >= I32_EQ && last <= I32_GE_U) || (last >= I64_EQ && last <= I64_GE_U)) {
        int branch = compareBranch(last);
        int a = code[lastPc + 2];
        int b = code[lastPc + 3];
        len = lastPc;
        emit(negate ? invertBranch(branch) : branch, a, b, 0);
        return len - 1;
      }
      if (last == I32_EQZ || last == I64_EQZ) {
        int a = code[lastPc + 2];
        len = lastPc;
        int op =
            last == I32_EQZ
                ? (negate ? Op.BR_IF : Op.BR_UNLESS)
                : (negate ? Op.BR_IF_I64_NZ : Op.BR_IF_I64_Z);
        emit(op, a, 0);
        return len - 1;
      }
    }
    emit(negate ? Op.BR_UNLESS : Op.BR_IF, cond, 0);
    return len - 1;
  }

  /** The fused compare-and-branch for an i32 or i64 comparison opcode. */
  private static int compareBranch(int cmp) {
    return cmp <= I32_GE_U ? Op.BR_IF_I32_EQ + (cmp - I32_EQ) : Op.BR_IF_I64_EQ + (cmp - I64_EQ);
  }

  /** Whether {@code op} is a fused compare-and-branch {@code [a, b, target]}. */
  private static boolean isCompareBranch(int op) {
    return (op >= Op.BR_IF_I32_EQ && op <= Op.BR_IF_I32_GE_U)
        || (op >= Op.BR_IF_I64_EQ && op <= Op.BR_IF_I64_GE_U);
  }

  /** The compare-and-branch that jumps exactly when {@code branch} does not. */
  private static int invertBranch(int branch) {
    boolean i64 = branch >= Op.BR_IF_I64_EQ;
    int base = i64 ? Op.BR_IF_I64_EQ : Op.BR_IF_I32_EQ;
    return base + (invert(I32_EQ + (branch - base)) - I32_EQ);
  }

  /** The i32 comparison that holds exactly when {@code cmp} does not. */
  private static int invert(int cmp) {
    switch (cmp) {
      case I32_EQ:
        return I32_NE;
      case I32_NE:
        return I32_EQ;
      case I32_LT_S:
        return I32_GE_S;
      case I32_GE_S:
        return I32_LT_S;
      case I32_LT_U:
        return I32_GE_U;
      case I32_GE_U:
        return I32_LT_U;
      case I32_GT_S:
        return I32_LE_S;
      case I32_LE_S:
        return I32_GT_S;
      case I32_GT_U:
        return I32_LE_U;
      case I32_LE_U:
        return I32_GT_U;
      default:
        throw new IllegalArgumentException("not an i32 comparison: " + cmp);
    }
  }

  private void brTable(CodeReader r) {
    int index = popSlot();
    int count = r.labelCount;
    int arity = arityOf(ctlCount - 1 - r.index);
    materializeTop(arity);
    emit(Op.BR_TABLE, index, count, slotsOfTop(arity), canonical(height - arity));
    for (int k = 0; k <= count; k++) {
      int depth = k < count ? r.labels[k] : r.index;
      int i = ctlCount - 1 - depth;
      ensure(2);
      code[len] = targetOf(i, len);
      code[len + 1] = canonical(ctlBase[i]);
      len += 2;
    }
  }

  // ---- SIMD ----

  /** Translates the SIMD instruction {@code op} (see {@link SimdOps} for the format). */
  private void simdInstruction(int op, CodeReader r) {
    int offset = (int) r.memoryOffset;
    switch (SimdOps.kind(op)) {
      case SimdOps.S_LOAD:
        {
          int a = popSlot();
          sizeCheck(a, offset, Opcodes.simdAccessSize(op));
          simd(op, 2, a, 0, 0, offset, 0, 0, 0);
          break;
        }
      case SimdOps.S_STORE:
        {
          int v = popSlot();
          int a = popSlot();
          sizeCheck(a, offset, Opcodes.simdAccessSize(op));
          simd(op, 0, a, v, 0, offset, r.lane, 0, 0);
          break;
        }
      case SimdOps.S_LOAD_LANE:
        {
          int v = popSlot();
          int a = popSlot();
          sizeCheck(a, offset, Opcodes.simdAccessSize(op));
          simd(op, 2, a, v, 0, offset, r.lane, 0, 0);
          break;
        }
      case SimdOps.S_CONST:
        simd(
            op,
            2,
            0,
            0,
            0,
            (int) r.v128Low,
            (int) (r.v128Low >>> 32),
            (int) r.v128High,
            (int) (r.v128High >>> 32));
        break;
      case SimdOps.S_SHUFFLE:
        {
          int b = popSlot();
          int a = popSlot();
          simd(
              op,
              2,
              a,
              b,
              0,
              (int) r.v128Low,
              (int) (r.v128Low >>> 32),
              (int) r.v128High,
              (int) (r.v128High >>> 32));
          break;
        }
      case SimdOps.S_SPLAT:
      case SimdOps.S_UNARY:
        simd(op, 2, popSlot(), 0, 0, 0, 0, 0, 0);
        break;
      case SimdOps.S_EXTRACT:
        simd(op, 1, popSlot(), 0, 0, r.lane, 0, 0, 0);
        break;
      case SimdOps.S_TEST:
        simd(op, 1, popSlot(), 0, 0, 0, 0, 0, 0);
        break;
      case SimdOps.S_REPLACE:
      case SimdOps.S_BINARY:
      case SimdOps.S_SHIFT:
        {
          int b = popSlot();
          int a = popSlot();
          simd(op, 2, a, b, 0, r.lane, 0, 0, 0);
          break;
        }
      case SimdOps.S_TERNARY:
        {
          int c = popSlot();
          int b = popSlot();
          int a = popSlot();
          simd(op, 2, a, b, c, 0, 0, 0, 0);
          break;
        }
      default:
        throw new UnsupportedOperationException(
            "the interpreter does not run " + Opcodes.name(op) + " in function " + functionIndex);
    }
  }

  /**
   * Emits a SIMD instruction whose operands were popped; {@code result} is the number of slots of
   * its result (0: none, 1: a scalar, 2: a v128), pushed in its canonical slot.
   */
  private void simd(int op, int result, int a, int b, int c, int i0, int i1, int i2, int i3) {
    int dst = result == 0 ? 0 : pushCanonical(result == 2);
    simdRaw(op, dst, a, b, c, i0, i1, i2, i3);
    if (result != 0) {
      lastDst = lastPc + 2;
      lastDstPos = height - 1;
    }
  }

  /** Emits {@code [Op.SIMD, op, dst, a, b, c, i0, i1, i2, i3]}. */
  private void simdRaw(int op, int dst, int a, int b, int c, int i0, int i1, int i2, int i3) {
    usesSimd = true;
    begin(Op.SIMD);
    ensure(SimdOps.SIZE);
    code[len++] = op;
    code[len++] = dst;
    code[len++] = a;
    code[len++] = b;
    code[len++] = c;
    code[len++] = i0;
    code[len++] = i1;
    code[len++] = i2;
    code[len++] = i3;
  }

  // ---- raw emitters ----

  private void ensure(int n) {
    if (len + n > code.length) {
      code = Arrays.copyOf(code, Math.max(code.length * 2, len + n));
    }
  }

  private void begin(int op) {
    ensure(8);
    lastPc = len;
    lastDst = -1;
    code[len++] = op;
  }

  private void emit(int op, int a) {
    begin(op);
    code[len++] = a;
  }

  private void emit(int op, int a, int b) {
    begin(op);
    code[len++] = a;
    code[len++] = b;
  }

  private void emit(int op, int a, int b, int c) {
    begin(op);
    code[len++] = a;
    code[len++] = b;
    code[len++] = c;
  }

  private void emit(int op, int a, int b, int c, int d) {
    begin(op);
    code[len++] = a;
    code[len++] = b;
    code[len++] = c;
    code[len++] = d;
  }

  private void emit(int op, int a, int b, int c, int d, int e) {
    begin(op);
    code[len++] = a;
    code[len++] = b;
    code[len++] = c;
    code[len++] = d;
    code[len++] = e;
  }

  /** Emits an instruction {@code [op, dst, operands...]} whose result is pushed on the stack. */
  private void emitValue(int op, int... operands) {
    int dst = pushCanonical();
    begin(op);
    ensure(1 + operands.length);
    lastDst = len;
    lastDstPos = height - 1;
    code[len++] = dst;
    for (int v : operands) {
      code[len++] = v;
    }
  }
}
