package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.internal.wasm.Opcodes.*;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.binary.CodeReader;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.Arrays;

/**
 * Translates the body of one validated function into the interpreter's internal code (see {@link
 * Op}). It tracks the operand stack height (validation guarantees the types), resolves every branch
 * to an absolute pc with the stack height of its label, skips unreachable code, and fuses a few
 * frequent instruction sequences into superinstructions.
 *
 * <p>Forward branches are patched when their label's {@code end} is reached: until then each
 * unresolved target operand holds the position of the previous unresolved operand of the same label
 * (a chain ending in -1).
 */
final class Translator {
  private static final int BLOCK_KIND = 0;
  private static final int LOOP_KIND = 1;
  private static final int IF_KIND = 2;
  private static final int FUNCTION_KIND = 3;

  private final WasmModule module;
  private final int functionIndex;

  private int[] code = new int[64];
  private int len;

  // The control stack, as parallel arrays.
  private int ctlCount;
  private int[] ctlKind = new int[16];
  private int[] ctlBase = new int[16];
  private int[] ctlParams = new int[16];
  private int[] ctlResults = new int[16];
  private int[] ctlLoopPc = new int[16];
  private int[] ctlFixups = new int[16];
  private int[] ctlElseFixup = new int[16];
  private boolean[] ctlUnreachable = new boolean[16];

  /** Nesting depth of blocks that start inside unreachable code (emitted as nothing). */
  private int deadDepth;

  private int height;
  private int maxHeight;

  /** Start of the last and the one-before-last emitted instruction, for fusion; -1 if unknown. */
  private int lastPc = -1;

  private int prevPc = -1;

  /** The last pc that is a branch target: instructions before it must not fuse with later ones. */
  private int labelPc;

  private Translator(WasmModule module, int functionIndex) {
    this.module = module;
    this.functionIndex = functionIndex;
  }

  /** Translates the defined function {@code definedIndex} (function index minus imports). */
  static FunctionBody translate(WasmModule module, int definedIndex) {
    int functionIndex = module.importedFunctionCount + definedIndex;
    return new Translator(module, functionIndex).run(module.codes[definedIndex]);
  }

  private FunctionBody run(Code body) {
    FuncType type = module.functionType(functionIndex);
    int numParams = type.paramCount();
    int numLocals = numParams + body.locals().length;
    height = numLocals;
    maxHeight = numLocals;
    pushControl(FUNCTION_KIND, numLocals, 0, type.resultCount());
    CodeReader r =
        new CodeReader(module.bytes, body.bodyStart(), body.bodyEnd(), CoreFeatures.V2, functionIndex);
    while (r.hasNext()) {
      int op = r.next();
      if (ctlCount == 0) {
        break; // the final end was consumed; validated code has nothing after it
      }
      if (ctlUnreachable[ctlCount - 1]) {
        skipUnreachable(op);
        continue;
      }
      translate(op, r);
    }
    return new FunctionBody(Arrays.copyOf(code, len), numParams, numLocals, maxHeight + 1);
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
        emit(Op.UNREACHABLE);
        markUnreachable();
        break;
      case NOP:
        break;
      case BLOCK:
        {
          int params = blockParams(r);
          pushControl(BLOCK_KIND, height - params, params, blockResults(r));
          break;
        }
      case LOOP:
        {
          int params = blockParams(r);
          pushControl(LOOP_KIND, height - params, params, blockResults(r));
          ctlLoopPc[ctlCount - 1] = len;
          labelPc = len;
          break;
        }
      case IF:
        {
          int params = blockParams(r);
          height--;
          int fixup = emitIfBranch();
          pushControl(IF_KIND, height - params, params, blockResults(r));
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
        height--;
        branchIf(r.index);
        break;
      case BR_TABLE:
        brTable(r);
        markUnreachable();
        break;
      case RETURN:
        emit(Op.RETURN, ctlResults[0]);
        markUnreachable();
        break;
      case CALL:
        {
          FuncType t = module.functionType(r.index);
          if (r.index >= module.importedFunctionCount) {
            emit(Op.CALL_INTERNAL, r.index - module.importedFunctionCount);
          } else {
            emit(Op.CALL_EXTERNAL, r.index);
          }
          adjust(-t.paramCount() + t.resultCount());
          break;
        }
      case CALL_INDIRECT:
        {
          FuncType t = module.types[r.index];
          emit(Op.CALL_INDIRECT, r.index, r.index2);
          adjust(-1 - t.paramCount() + t.resultCount());
          break;
        }
      case DROP:
        emit(Op.DROP);
        adjust(-1);
        break;
      case SELECT:
      case SELECT_T:
        emit(Op.SELECT);
        adjust(-2);
        break;
      case LOCAL_GET:
        localGet(r.index);
        adjust(1);
        break;
      case LOCAL_SET:
        localSet(r.index);
        adjust(-1);
        break;
      case LOCAL_TEE:
        emit(Op.LOCAL_TEE, r.index);
        break;
      case GLOBAL_GET:
        emit(Op.GLOBAL_GET, r.index);
        adjust(1);
        break;
      case GLOBAL_SET:
        emit(Op.GLOBAL_SET, r.index);
        adjust(-1);
        break;
      case TABLE_GET:
        emit(Op.TABLE_GET, r.index);
        break;
      case TABLE_SET:
        emit(Op.TABLE_SET, r.index);
        adjust(-2);
        break;
      case MEMORY_SIZE:
        emit(Op.MEMORY_SIZE);
        adjust(1);
        break;
      case MEMORY_GROW:
        emit(Op.MEMORY_GROW);
        break;
      case I32_CONST:
        emit(Op.I32_CONST, (int) r.value);
        adjust(1);
        break;
      case F32_CONST:
        emit(Op.F32_CONST, (int) r.value);
        adjust(1);
        break;
      case I64_CONST:
      case F64_CONST:
        emit(op, (int) r.value, (int) (r.value >>> 32));
        adjust(1);
        break;
      case REF_NULL:
        emit(Op.I32_CONST, 0);
        adjust(1);
        break;
      case REF_IS_NULL:
        emit(I64_EQZ); // a reference is null exactly when its handle is 0
        break;
      case REF_FUNC:
        emit(Op.REF_FUNC, r.index);
        adjust(1);
        break;
      case I32_ADD:
        i32Add();
        adjust(-1);
        break;
      case I32_LOAD:
        i32Load((int) r.memoryOffset);
        break;
      case I64_EXTEND_I32_S:
      case I32_REINTERPRET_F32:
        emit(I32_WRAP_I64); // both sign-extend the low 32 bits into the slot
        break;
      case I64_REINTERPRET_F64:
      case F64_REINTERPRET_I64:
        break; // the slot holds the same bits either way
      case F32_REINTERPRET_I32:
        emit(I64_EXTEND_I32_U); // both keep the low 32 bits, zero-extended
        break;
      case I32_TRUNC_SAT_F32_S:
      case I32_TRUNC_SAT_F32_U:
      case I32_TRUNC_SAT_F64_S:
      case I32_TRUNC_SAT_F64_U:
      case I64_TRUNC_SAT_F32_S:
      case I64_TRUNC_SAT_F32_U:
      case I64_TRUNC_SAT_F64_S:
      case I64_TRUNC_SAT_F64_U:
        emit(Op.I32_TRUNC_SAT_F32_S + (op - I32_TRUNC_SAT_F32_S));
        break;
      case MEMORY_INIT:
        emit(Op.MEMORY_INIT, r.index);
        adjust(-3);
        break;
      case DATA_DROP:
        emit(Op.DATA_DROP, r.index);
        break;
      case MEMORY_COPY:
        emit(Op.MEMORY_COPY);
        adjust(-3);
        break;
      case MEMORY_FILL:
        emit(Op.MEMORY_FILL);
        adjust(-3);
        break;
      case TABLE_INIT:
        emit(Op.TABLE_INIT, r.index, r.index2);
        adjust(-3);
        break;
      case ELEM_DROP:
        emit(Op.ELEM_DROP, r.index);
        break;
      case TABLE_COPY:
        emit(Op.TABLE_COPY, r.index, r.index2);
        adjust(-3);
        break;
      case TABLE_GROW:
        emit(Op.TABLE_GROW, r.index);
        adjust(-1);
        break;
      case TABLE_SIZE:
        emit(Op.TABLE_SIZE, r.index);
        adjust(1);
        break;
      case TABLE_FILL:
        emit(Op.TABLE_FILL, r.index);
        adjust(-3);
        break;
      default:
        if (op >= I32_LOAD && op <= I64_LOAD32_U) {
          emit(op, (int) r.memoryOffset);
        } else if (op >= I32_STORE && op <= I64_STORE32) {
          emit(op, (int) r.memoryOffset);
          adjust(-2);
        } else if (op >= I32_EQZ && op <= I64_EXTEND32_S) {
          emit(op);
          if (isBinary(op)) {
            adjust(-1);
          }
        } else {
          throw new IllegalStateException(
              "interpreter cannot translate opcode 0x" + Integer.toHexString(op) + " in function "
                  + functionIndex);
        }
    }
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

  // ---- blocks and branches ----

  private int blockParams(CodeReader r) {
    return r.blockTypeIndex >= 0 ? module.types[r.blockTypeIndex].paramCount() : 0;
  }

  private int blockResults(CodeReader r) {
    if (r.blockTypeIndex >= 0) {
      return module.types[r.blockTypeIndex].resultCount();
    }
    return r.blockValueType != null ? 1 : 0;
  }

  private void pushControl(int kind, int base, int params, int results) {
    if (ctlCount == ctlKind.length) {
      int n = ctlCount * 2;
      ctlKind = Arrays.copyOf(ctlKind, n);
      ctlBase = Arrays.copyOf(ctlBase, n);
      ctlParams = Arrays.copyOf(ctlParams, n);
      ctlResults = Arrays.copyOf(ctlResults, n);
      ctlLoopPc = Arrays.copyOf(ctlLoopPc, n);
      ctlFixups = Arrays.copyOf(ctlFixups, n);
      ctlElseFixup = Arrays.copyOf(ctlElseFixup, n);
      ctlUnreachable = Arrays.copyOf(ctlUnreachable, n);
    }
    int i = ctlCount++;
    ctlKind[i] = kind;
    ctlBase[i] = base;
    ctlParams[i] = params;
    ctlResults[i] = results;
    ctlLoopPc[i] = -1;
    ctlFixups[i] = -1;
    ctlElseFixup[i] = -1;
    ctlUnreachable[i] = false;
  }

  private void markUnreachable() {
    int i = ctlCount - 1;
    ctlUnreachable[i] = true;
    height = ctlBase[i];
  }

  private void doElse() {
    int i = ctlCount - 1;
    if (!ctlUnreachable[i]) {
      // The then-part falls through to the end: jump over the else-part.
      emit(Op.JMP, ctlFixups[i]);
      ctlFixups[i] = len - 1;
    }
    // The false branch of the if lands here.
    int f = ctlElseFixup[i];
    ctlElseFixup[i] = -1;
    code[f] = len;
    labelPc = len;
    ctlUnreachable[i] = false;
    height = ctlBase[i] + ctlParams[i];
  }

  private void doEnd() {
    int i = ctlCount - 1;
    if (ctlElseFixup[i] >= 0) {
      // An if without else: the false branch goes to the end (params equal results).
      code[ctlElseFixup[i]] = ctlFixups[i];
      ctlFixups[i] = ctlElseFixup[i];
    }
    patch(ctlFixups[i], len);
    labelPc = len;
    height = ctlBase[i] + ctlResults[i];
    ctlCount--;
    if (ctlKind[i] == FUNCTION_KIND) {
      emit(Op.RETURN, ctlResults[i]);
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

  private void branch(int depth) {
    int i = ctlCount - 1 - depth;
    if (ctlKind[i] == FUNCTION_KIND) {
      emit(Op.RETURN, ctlResults[i]);
      return;
    }
    int arity = arityOf(i);
    if (height - arity == ctlBase[i]) {
      emit(Op.JMP, 0);
      code[len - 1] = targetOf(i, len - 1);
    } else {
      emit(Op.BR_MOVE, 0, arity, ctlBase[i]);
      code[len - 3] = targetOf(i, len - 3);
    }
  }

  /** br_if, after the condition was popped from the height. */
  private void branchIf(int depth) {
    int i = ctlCount - 1 - depth;
    int arity = arityOf(i);
    if (height - arity == ctlBase[i]) {
      int fusedAt = fuseCondition(false);
      code[fusedAt + 1] = targetOf(i, fusedAt + 1);
    } else {
      emit(Op.BR_IF_MOVE, 0, arity, ctlBase[i]);
      code[len - 3] = targetOf(i, len - 3);
    }
  }

  /** Emits the branch of an {@code if} to its else-part (or end) and returns its target operand. */
  private int emitIfBranch() {
    int at = fuseCondition(true);
    code[at + 1] = -1;
    return at + 1;
  }

  /**
   * Emits a conditional jump with a placeholder target and returns its pc. If the condition was
   * computed by an i32 comparison or eqz just before, the comparison is fused into the jump.
   *
   * @param negate jump when the condition is false (for {@code if}) rather than true
   */
  private int fuseCondition(boolean negate) {
    if (lastPc >= labelPc && lastPc >= 0) {
      int last = code[lastPc];
      if (last >= I32_EQ && last <= I32_GE_U) {
        int cmp = negate ? invert(last) : last;
        int at = lastPc;
        len = lastPc;
        emit(Op.BR_IF_I32_EQ + (cmp - I32_EQ), 0);
        return at;
      }
      if (last == I32_EQZ) {
        int at = lastPc;
        len = lastPc;
        emit(negate ? Op.BR_IF : Op.BR_UNLESS, 0);
        return at;
      }
    }
    emit(negate ? Op.BR_UNLESS : Op.BR_IF, 0);
    return len - 2;
  }

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
    height--;
    int count = r.labelCount;
    int arity = arityOf(ctlCount - 1 - r.index);
    int at = len;
    emit(Op.BR_TABLE, count, arity);
    for (int k = 0; k <= count; k++) {
      int depth = k < count ? r.labels[k] : r.index;
      int i = ctlCount - 1 - depth;
      emit2(0, ctlBase[i]);
      code[len - 2] = targetOf(i, len - 2);
    }
    lastPc = at;
    prevPc = -1;
  }

  // ---- fusing emitters ----

  private boolean fusable(int pc) {
    return pc >= 0 && pc >= labelPc;
  }

  private void localGet(int index) {
    if (fusable(lastPc) && code[lastPc] == Op.LOCAL_GET && lastPc + 2 == len) {
      int at = lastPc;
      code[at] = Op.LOCAL_GET2;
      emit1(index);
      lastPc = at;
      prevPc = -1;
      return;
    }
    emit(Op.LOCAL_GET, index);
  }

  private void localSet(int index) {
    if (fusable(lastPc) && lastPc + 3 == len && code[lastPc] == Op.LOCAL_I32_ADD_C
        && code[lastPc + 1] == index) {
      code[lastPc] = Op.LOCAL_I32_INC;
      prevPc = -1;
      return;
    }
    if (fusable(lastPc) && lastPc + 2 == len && code[lastPc] == Op.LOCAL_GET) {
      code[lastPc] = Op.LOCAL_COPY;
      emit1(index);
      prevPc = -1;
      return;
    }
    emit(Op.LOCAL_SET, index);
  }

  private void i32Add() {
    if (fusable(lastPc) && lastPc + 2 == len && code[lastPc] == Op.I32_CONST) {
      int c = code[lastPc + 1];
      if (fusable(prevPc) && prevPc + 2 == lastPc && code[prevPc] == Op.LOCAL_GET) {
        int at = prevPc;
        code[at] = Op.LOCAL_I32_ADD_C;
        code[at + 2] = c;
        len = at + 3;
        lastPc = at;
        prevPc = -1;
        return;
      }
      code[lastPc] = Op.I32_ADD_C;
      prevPc = -1;
      return;
    }
    if (fusable(lastPc) && lastPc + 3 == len && code[lastPc] == Op.LOCAL_GET2) {
      code[lastPc] = Op.LOCAL_I32_ADD_L;
      prevPc = -1;
      return;
    }
    emit(I32_ADD);
  }

  private void i32Load(int offset) {
    if (fusable(lastPc) && lastPc + 2 == len && code[lastPc] == Op.LOCAL_GET) {
      code[lastPc] = Op.LOCAL_I32_LOAD;
      emit1(offset);
      prevPc = -1;
      return;
    }
    emit(I32_LOAD, offset);
  }

  // ---- raw emitters ----

  private void adjust(int delta) {
    height += delta;
    if (height > maxHeight) {
      maxHeight = height;
    }
  }

  private void ensure(int n) {
    if (len + n > code.length) {
      code = Arrays.copyOf(code, Math.max(code.length * 2, len + n));
    }
  }

  private void emit1(int v) {
    ensure(1);
    code[len++] = v;
  }

  private void emit2(int a, int b) {
    ensure(2);
    code[len++] = a;
    code[len++] = b;
  }

  private void begin() {
    prevPc = lastPc;
    lastPc = len;
  }

  private void emit(int op) {
    begin();
    emit1(op);
  }

  private void emit(int op, int a) {
    begin();
    ensure(2);
    code[len++] = op;
    code[len++] = a;
  }

  private void emit(int op, int a, int b) {
    begin();
    ensure(3);
    code[len++] = op;
    code[len++] = a;
    code[len++] = b;
  }

  private void emit(int op, int a, int b, int c) {
    begin();
    ensure(4);
    code[len++] = op;
    code[len++] = a;
    code[len++] = b;
    code[len++] = c;
  }
}
