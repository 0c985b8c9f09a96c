package dev.zerowasm.internal.compiler;

import static dev.zerowasm.internal.wasm.Opcodes.*;
// NOP and RETURN exist in both opcode tables; the wasm ones win, ASM's RETURN is qualified.
import static dev.zerowasm.internal.wasm.Opcodes.NOP;
import static dev.zerowasm.internal.wasm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.*;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.binary.CodeReader;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates the body of one WebAssembly function into the bytecode of one static JVM method.
 *
 * <p>Mapping: wasm locals are JVM locals; the wasm operand stack is the JVM operand stack, whose
 * types this class tracks (int, long, float, double; references are long handles). Structured
 * control flow becomes jumps: a branch that must drop values below the ones it carries spills the
 * carried values to scratch locals, pops the rest and reloads them, so every label is reached with
 * the same stack shape, as the verifier requires. Code after an unconditional branch is not
 * emitted. The method takes the wasm parameters then the {@code ModuleInstance}; it returns
 * nothing, the single result, or a {@code long[]} of encoded results for multi-value functions.
 */
final class FunctionCompiler {
  /** JVM kinds of wasm values. */
  static final int KI = 0;

  static final int KJ = 1;
  static final int KF = 2;
  static final int KD = 3;

  /**
   * A v128: two JVM longs, low half (bytes 0..7) then high half, in locals (4 slots), on the
   * operand stack, as method parameters, and as two cells of every {@code long[]} encoding.
   */
  static final int KV = 4;

  static final String SIMD = "dev/zerowasm/internal/simd/Simd";

  static final String SUPPORT = "dev/zerowasm/internal/compiler/RuntimeSupport";
  static final String INSTANCE = "dev/zerowasm/internal/wasm/ModuleInstance";
  static final String INSTANCE_DESC = "L" + INSTANCE + ";";
  static final String FUNCTION = "dev/zerowasm/internal/wasm/FunctionInstance";
  static final String TRAP = "dev/zerowasm/api/TrapException";
  static final String MEMORY = "dev/zerowasm/internal/wasm/MemoryInstance";
  static final String SCALAR_OPS = "dev/zerowasm/internal/numeric/ScalarOps";
  static final String GLOBAL = "dev/zerowasm/internal/wasm/GlobalInstance";

  private static final int MAX_STACK = 16384;

  private static final int FUNC = 0;
  private static final int BLOCK_K = 1;
  private static final int LOOP_K = 2;
  private static final int IF_K = 3;

  /**
   * A label outside an outlined region (see {@link Split}): branching to it stores the carried
   * values in the frame's transfer slots and returns {@link Ctrl#code} to the caller.
   */
  private static final int EXIT = 4;

  /** One entry of the control stack. */
  private static final class Ctrl {
    int kind;
    int[] params;
    int[] results;

    /** Tracked stack height below the block's parameters. */
    int base;

    Label start;
    Label end;
    Label elseLabel;
    boolean targeted;
    boolean hasElse;

    /** For EXIT: the code returned to the parent method (1 + the label's index there). */
    int code;
  }

  private final WasmModule module;
  private final CodeGroup group;
  private final int funcIndex;
  private final FuncType type;
  private final MethodVisitor mv;
  private final ClassWriter cw;
  private final int instLocal;
  private final CoreFeatures features;

  /** The slot of the memory's {@code byte[]}, or -1 if the function does not touch memory. */
  private int bufLocal;

  /** The slot caching the {@code MemoryInstance}, or -1. */
  private int memLocal;

  /**
   * The slot caching the memory's size in bytes ({@code MemoryInstance.byteSize}) in size-checked
   * code, or -1 (always in the default code, whose slots and bytecode it leaves unchanged).
   */
  private int sizeLocal = -1;

  /** The slot caching each {@code GlobalInstance} the function uses, by global index. */
  private final Map<Integer, Integer> globalLocals = new HashMap<>();

  private int scratchStart;

  /** How the function is split into several methods, or null if it is one method. */
  private final Split split;

  /** The slot of the {@code long[]} frame holding the wasm locals in split mode, else -1. */
  private final int frameLocal;

  /** The name of the method being generated. */
  private final String name;

  /** The byte range of the instructions this method compiles. */
  private final int rangeStart;

  private final int rangeEnd;

  /** For an outlined region: the offset of its block instruction, else -1. */
  private final int regionStart;

  /** For an outlined region: how many EXIT entries sit at the bottom of the control stack. */
  private final int exitCount;

  /** The exit codes an outlined region returns besides 0 (normal completion). */
  private final java.util.BitSet usedExits = new java.util.BitSet();

  /** Whether an outlined region can complete normally. */
  private boolean completesNormally;

  /** The reader of the instructions; replaced to skip over an outlined region. */
  private CodeReader reader;

  private int codeSize;
  private int scratchNext;

  private int[] localSlots;
  private int[] localKinds;

  private int[] stack = new int[32];

  /** The start of the function, before its locals are zeroed: where a self tail call jumps. */
  private final Label selfTailCall = new Label();
  private int sp;
  private final ArrayList<Ctrl> ctrls = new ArrayList<>();
  private boolean reachable = true;
  private int[] functionResults;

  /** Nesting depth of blocks opened inside unreachable code (skipped entirely). */
  private int deadDepth;

  /**
   * How a function too large for the JIT is split: HotSpot does not compile methods of more than
   * 8000 bytes of bytecode, so such a function would run in the JVM's bytecode interpreter. In
   * split mode the wasm locals live in a {@code long[]} frame, and chosen blocks ("regions") become
   * methods of their own that share the frame. A region returns 0 when it completes, or the code of
   * an enclosing label it branches to (its values in the frame's transfer slots), which the caller
   * then branches to in turn.
   */
  static final class Split {
    /** The outlined regions: block instruction offset to the offset after its {@code end}. */
    final Map<Integer, Integer> regions;

    /** Where the transfer slots start in the frame (after the locals). */
    final int transferBase;

    /** The length of the frame array. */
    final int frameSize;

    /** The frame cell of each wasm local (a v128 takes two: low, high). */
    final int[] localCells;

    int nextId;

    private Split(
        Map<Integer, Integer> regions, int transferBase, int frameSize, int[] localCells) {
      this.localCells = localCells;
      this.regions = regions;
      this.transferBase = transferBase;
      this.frameSize = frameSize;
    }

    /**
     * Plans the regions of function {@code funcIndex} so no method keeps more than about {@code
     * budget} bytes of wasm code inline, or returns null if no block can be outlined.
     */
    static Split plan(WasmModule module, int funcIndex, CoreFeatures features, int budget) {
      Code code = module.codes[funcIndex - module.importedFunctionCount];
      // The block tree, nodes in pre-order (parents before children).
      List<int[]> nodes = new ArrayList<>(); // {start, end, parent, inline size}
      nodes.add(new int[] {code.bodyStart(), code.bodyEnd(), -1, 0});
      java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
      open.push(0);
      CodeReader r =
          new CodeReader(module.bytes, code.bodyStart(), code.bodyEnd(), features, funcIndex);
      while (r.hasNext()) {
        int op = r.next();
        if (op == BLOCK || op == LOOP || op == IF) {
          nodes.add(new int[] {r.instructionOffset(), -1, open.peek(), 0});
          open.push(nodes.size() - 1);
        } else if (op == END) {
          int n = open.pop();
          if (n != 0) {
            nodes.get(n)[1] = r.position();
          }
        }
      }
      // Children before parents (reverse pre-order): a node's inline size is its size minus what
      // its descendants outline; while it exceeds the budget, outline its largest children.
      List<List<Integer>> children = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        children.add(new ArrayList<>());
        nodes.get(i)[3] = nodes.get(i)[1] - nodes.get(i)[0];
      }
      for (int i = 1; i < nodes.size(); i++) {
        children.get(nodes.get(i)[2]).add(i);
      }
      int minRegion = Math.max(1, Math.min(64, budget / 4));
      Map<Integer, Integer> regions = new HashMap<>();
      for (int i = nodes.size() - 1; i >= 0; i--) {
        int[] n = nodes.get(i);
        List<Integer> kids = new ArrayList<>(children.get(i));
        kids.sort((a, b) -> Integer.compare(nodes.get(b)[3], nodes.get(a)[3]));
        for (int k : kids) {
          if (n[3] <= budget || nodes.get(k)[3] < minRegion) {
            break;
          }
          int[] kid = nodes.get(k);
          n[3] -= kid[3];
          regions.put(kid[0], kid[1]);
        }
        if (i > 0) {
          // The parent keeps n's inline size (n is outlined later, if at all, by the parent).
          nodes.get(n[2])[3] -= (n[1] - n[0]) - n[3];
        }
      }
      if (regions.isEmpty()) {
        return null;
      }
      int transfer = 2; // a single-value block type: one value, two cells for a v128
      for (FuncType t : module.types) {
        transfer = Math.max(transfer, Math.max(cells(t.params()), cells(t.results())));
      }
      FuncType type = module.functionType(funcIndex);
      int[] localCells = new int[type.paramCount() + code.locals().length];
      int cell = 0;
      for (int i = 0; i < localCells.length; i++) {
        localCells[i] = cell;
        ValueType t =
            i < type.paramCount() ? type.params()[i] : code.locals()[i - type.paramCount()];
        cell += cells(kind(t));
      }
      return new Split(regions, cell, cell + transfer, localCells);
    }
  }

  /** Where a function compiled in the current class is and how it is called. */
  interface CodeGroup {
    /** Whether {@code funcIndex} is a static method of the class being generated. */
    boolean isLocal(int funcIndex);

    /** The name of the class's {@code call_indirect} dispatcher for type {@code t}. */
    String dispatcher(FuncType t);

    /**
     * The name of this class's trampoline to compiled function {@code funcIndex} of another class,
     * or null if calls to it go through {@code FunctionInstance.call(long[])}.
     */
    String crossCall(int funcIndex);

    /**
     * Whether to poll for interruption at function entry and loop headers ({@code
     * CodeOptions.interruptible}).
     */
    default boolean interruptible() {
      return false;
    }

    /**
     * Whether every call goes through {@code FunctionInstance.call(long[])} so listeners see it
     * ({@code CodeOptions.listening}).
     */
    default boolean listening() {
      return false;
    }

    /**
     * Whether every memory access is checked against the memory's size, not only the array's
     * length ({@code CodeOptions.sizeChecked}, for memories with spare capacity).
     */
    default boolean sizeChecked() {
      return false;
    }
  }

  /**
   * A compiler for the whole body of function {@code funcIndex}, as one method or, with a {@code
   * split}, as a method that calls outlined regions.
   */
  FunctionCompiler(
      WasmModule module,
      CodeGroup group,
      int funcIndex,
      ClassWriter cw,
      CoreFeatures features,
      Split split) {
    this.module = module;
    this.features = features;
    this.group = group;
    this.funcIndex = funcIndex;
    this.type = module.functionType(funcIndex);
    this.cw = cw;
    this.split = split;
    this.name = methodName(funcIndex);
    this.mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, name, descriptor(type), null, null);
    Code code = module.codes[funcIndex - module.importedFunctionCount];
    this.rangeStart = code.bodyStart();
    this.rangeEnd = code.bodyEnd();
    this.regionStart = -1;
    this.exitCount = 0;
    int nParams = type.paramCount();
    int nLocals = nParams + code.locals().length;
    localSlots = new int[nLocals];
    localKinds = new int[nLocals];
    // Slots: the wasm parameters, the instance, the declared locals (unless split: then they live
    // in the frame array), the frame, the cached memory and globals, scratch.
    int slot = 0;
    for (int i = 0; i < nLocals; i++) {
      ValueType t = i < nParams ? type.params()[i] : code.locals()[i - nParams];
      localKinds[i] = kind(t);
      if (i < nParams || split == null) {
        if (i == nParams) {
          slot++; // the instance
        }
        localSlots[i] = slot;
        slot += size(localKinds[i]);
      }
    }
    if (nLocals == nParams || split != null) {
      slot++; // the instance, when no declared locals follow it
    }
    int paramSlots = 0;
    for (int i = 0; i < nParams; i++) {
      paramSlots += size(localKinds[i]);
    }
    instLocal = paramSlots;
    frameLocal = split != null ? slot++ : -1;
    scanState(slot);
  }

  /** A compiler for an outlined region of {@code parent}'s function; see {@link Split}. */
  private FunctionCompiler(FunctionCompiler parent, int start, int end, List<Ctrl> exits) {
    this.module = parent.module;
    this.features = parent.features;
    this.group = parent.group;
    this.funcIndex = parent.funcIndex;
    this.type = parent.type;
    this.cw = parent.cw;
    this.split = parent.split;
    this.groupInternalName = parent.groupInternalName;
    this.name = methodName(funcIndex) + "$" + split.nextId++;
    this.mv =
        cw.visitMethod(ACC_STATIC | ACC_PRIVATE, name, "([J" + INSTANCE_DESC + "I)I", null, null);
    this.rangeStart = start;
    this.rangeEnd = end;
    this.regionStart = start;
    this.exitCount = exits.size();
    this.localKinds = parent.localKinds;
    this.localSlots = null;
    this.functionResults = parent.functionResults;
    this.frameLocal = 0;
    this.instLocal = 1;
    // slot 2: the condition of an outlined if
    ctrls.addAll(exits);
    scanState(3);
  }

  /** Assigns the slots caching the memory and globals the compiled range uses, then scratch. */
  private void scanState(int slot) {
    boolean usesMemory = false;
    CodeReader scan = new CodeReader(module.bytes, rangeStart, rangeEnd, features, funcIndex);
    while (scan.hasNext()) {
      int op = scan.next();
      if ((op >= I32_LOAD && op <= MEMORY_GROW)
          || (op >= MEMORY_INIT && op <= MEMORY_FILL && op != DATA_DROP)
          || SimdTable.isMemory(op)) {
        usesMemory = true;
      } else if ((op == GLOBAL_GET || op == GLOBAL_SET) && !globalLocals.containsKey(scan.index)) {
        globalLocals.put(scan.index, slot++);
      }
    }
    if (usesMemory && module.memories.length > 0) {
      memLocal = slot++;
      bufLocal = slot++;
      if (group.sizeChecked()) {
        sizeLocal = slot++;
      }
    } else {
      memLocal = -1;
      bufLocal = -1;
    }
    scratchStart = slot;
  }

  /** The name of the static method of function {@code funcIndex}. */
  static String methodName(int funcIndex) {
    return "f" + funcIndex;
  }

  /** The JVM descriptor of the static method of a function of type {@code t}. */
  static String descriptor(FuncType t) {
    StringBuilder sb = new StringBuilder("(");
    for (ValueType p : t.params()) {
      sb.append(desc(kind(p)));
    }
    sb.append(INSTANCE_DESC).append(')');
    if (t.resultCount() == 0) {
      sb.append('V');
    } else if (!arrayResult(t)) {
      sb.append(desc(kind(t.results()[0])));
    } else {
      sb.append("[J");
    }
    return sb.toString();
  }

  /**
   * Whether a function of type {@code t} returns its results as a {@code long[]} of encoded cells
   * (see {@link #cells}): with several results, or a v128 one (a JVM method returns one value).
   */
  static boolean arrayResult(FuncType t) {
    return t.resultCount() > 1 || (t.resultCount() == 1 && kind(t.results()[0]) == KV);
  }

  /** The {@code long[]} cells a value of kind {@code k} takes (2 for a v128, low then high). */
  static int cells(int k) {
    return k == KV ? 2 : 1;
  }

  /** The {@code long[]} cells of {@code types}. */
  static int cells(ValueType[] types) {
    int n = 0;
    for (ValueType t : types) {
      n += cells(kind(t));
    }
    return n;
  }

  /** How many JVM parameter slots a function of type {@code t} needs (the JVM allows 255). */
  static int parameterSlots(FuncType t) {
    int n = 1;
    for (ValueType p : t.params()) {
      n += size(kind(p));
    }
    return n;
  }

  static int kind(ValueType t) {
    switch (t) {
      case I32:
        return KI;
      case I64:
      case FUNCREF:
      case EXTERNREF:
        return KJ;
      case F32:
        return KF;
      case F64:
        return KD;
      case V128:
        return KV;
      default:
        throw new UnsupportedOperationException("the compiler does not support " + t + " yet");
    }
  }

  static String desc(int k) {
    return k == KI ? "I" : k == KJ ? "J" : k == KF ? "F" : k == KD ? "D" : "JJ";
  }

  /** JVM local and stack slots of a value of kind {@code k}. */
  static int size(int k) {
    return k == KV ? 4 : k == KJ || k == KD ? 2 : 1;
  }

  private static int[] kinds(ValueType[] types) {
    int[] r = new int[types.length];
    for (int i = 0; i < types.length; i++) {
      r[i] = kind(types[i]);
    }
    return r;
  }

  // ---------------------------------------------------------------- stack tracking

  private void push(int k) {
    if (sp == stack.length) {
      if (sp >= MAX_STACK) {
        // The JVM's operand stack holds 65535 slots; such a function goes to the fallback engine.
        throw new IllegalStateException("operand stack deeper than " + MAX_STACK + " values");
      }
      stack = java.util.Arrays.copyOf(stack, sp * 2);
    }
    stack[sp++] = k;
  }

  private int pop() {
    return stack[--sp];
  }

  private int peek() {
    return stack[sp - 1];
  }

  private int scratch(int k) {
    int s = scratchNext;
    scratchNext += size(k);
    return s;
  }

  // ---------------------------------------------------------------- emission helpers

  private void load(int k, int slot) {
    if (k == KV) {
      mv.visitVarInsn(LLOAD, slot);
      mv.visitVarInsn(LLOAD, slot + 2);
      return;
    }
    mv.visitVarInsn(k == KI ? ILOAD : k == KJ ? LLOAD : k == KF ? FLOAD : DLOAD, slot);
  }

  private void store(int k, int slot) {
    if (k == KV) {
      mv.visitVarInsn(LSTORE, slot + 2);
      mv.visitVarInsn(LSTORE, slot);
      return;
    }
    mv.visitVarInsn(k == KI ? ISTORE : k == KJ ? LSTORE : k == KF ? FSTORE : DSTORE, slot);
  }

  private void popValue(int k) {
    if (k == KV) {
      mv.visitInsn(POP2);
    }
    mv.visitInsn(size(k) == 1 ? POP : POP2);
  }

  private void iconst(int v) {
    if (v >= -1 && v <= 5) {
      mv.visitInsn(ICONST_0 + v);
    } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, v);
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, v);
    } else {
      mv.visitLdcInsn(v);
    }
  }

  private void lconst(long v) {
    if (v == 0 || v == 1) {
      mv.visitInsn((int) (LCONST_0 + v));
    } else {
      mv.visitLdcInsn(v);
    }
  }

  private void support(String name, String desc) {
    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, name, desc, false);
  }

  /** Emits {@code RuntimeSupport.poll(instance)}; the stack is unchanged. */
  private void poll() {
    loadInstance();
    support("poll", "(" + INSTANCE_DESC + ")V");
  }

  private void loadInstance() {
    mv.visitVarInsn(ALOAD, instLocal);
  }

  private void reloadBuffer() {
    if (bufLocal >= 0) {
      mv.visitVarInsn(ALOAD, memLocal);
      mv.visitFieldInsn(GETFIELD, MEMORY, "buffer", "[B");
      mv.visitVarInsn(ASTORE, bufLocal);
    }
    if (sizeLocal >= 0) {
      // The size changes exactly where the buffer may: reloaded at the same points.
      mv.visitVarInsn(ALOAD, memLocal);
      mv.visitFieldInsn(GETFIELD, MEMORY, "byteSize", "I");
      mv.visitVarInsn(ISTORE, sizeLocal);
    }
  }

  /** Fills the slots caching the memory and the globals the function uses. */
  private void loadCachedState() {
    if (memLocal >= 0) {
      loadInstance();
      mv.visitFieldInsn(GETFIELD, INSTANCE, "memories", "[L" + MEMORY + ";");
      mv.visitInsn(ICONST_0);
      mv.visitInsn(AALOAD);
      mv.visitVarInsn(ASTORE, memLocal);
      reloadBuffer();
    }
    for (Map.Entry<Integer, Integer> g : globalLocals.entrySet()) {
      loadInstance();
      mv.visitFieldInsn(GETFIELD, INSTANCE, "globals", "[L" + GLOBAL + ";");
      iconst(g.getKey());
      mv.visitInsn(AALOAD);
      mv.visitVarInsn(ASTORE, g.getValue());
    }
  }

  /**
   * Converts the value of kind {@code k} on top of the stack to its long encoding. Not for v128
   * (two cells), which callers store half by half.
   */
  private void encode(int k) {
    switch (k) {
      case KV:
        throw new IllegalStateException("a v128 has two cells, not one encoding");
      case KI:
        mv.visitInsn(I2L);
        break;
      case KF:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        mv.visitInsn(I2L);
        lconst(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        break;
      case KD:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        break;
      default:
        break;
    }
  }

  /** Converts the long encoding on top of the stack to a value of kind {@code k} (not v128). */
  private void decode(int k) {
    switch (k) {
      case KV:
        throw new IllegalStateException("a v128 has two cells, not one encoding");
      case KI:
        mv.visitInsn(L2I);
        break;
      case KF:
        mv.visitInsn(L2I);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        break;
      case KD:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        break;
      default:
        break;
    }
  }

  /**
   * A comparison whose operands are consumed but whose boolean is not materialised yet: the JVM
   * jump opcode that is taken when it is true, or -1. The next instruction either uses it as its
   * branch condition ({@code if}, {@code br_if}) or calls {@link #flush()} to push 0 or 1.
   */
  private int pendingJump = -1;

  /** Records a comparison (see {@link #pendingJump}); its operands are already consumed. */
  private void bool(int jumpOp) {
    pendingJump = jumpOp;
  }

  /** Materialises a pending comparison as 0 or 1 on the stack. */
  private void flush() {
    if (pendingJump >= 0) {
      int op = pendingJump;
      pendingJump = -1;
      materialize(op);
    }
  }

  /**
   * The jump taken when the i32 on top of the stack (or the pending comparison) is false; consumes
   * it.
   */
  private int takeFalseJump() {
    if (pendingJump >= 0) {
      int op = negate(pendingJump);
      pendingJump = -1;
      return op;
    }
    return IFEQ;
  }

  /** The jump taken when the i32 on top of the stack (or the pending comparison) is true. */
  private int takeTrueJump() {
    if (pendingJump >= 0) {
      int op = pendingJump;
      pendingJump = -1;
      return op;
    }
    return IFNE;
  }

  /** The jump with the opposite condition, over the same (already computed) operands. */
  private static int negate(int jumpOp) {
    switch (jumpOp) {
      case IFEQ:
        return IFNE;
      case IFNE:
        return IFEQ;
      case IFLT:
        return IFGE;
      case IFGE:
        return IFLT;
      case IFGT:
        return IFLE;
      case IFLE:
        return IFGT;
      case IF_ICMPEQ:
        return IF_ICMPNE;
      case IF_ICMPNE:
        return IF_ICMPEQ;
      case IF_ICMPLT:
        return IF_ICMPGE;
      case IF_ICMPGE:
        return IF_ICMPLT;
      case IF_ICMPGT:
        return IF_ICMPLE;
      case IF_ICMPLE:
        return IF_ICMPGT;
      default:
        throw new IllegalArgumentException("not a conditional jump: " + jumpOp);
    }
  }

  /** Pushes 1 if the jump {@code jumpOp} (consuming its operands) is taken, else 0. */
  private void materialize(int jumpOp) {
    Label yes = new Label();
    Label done = new Label();
    mv.visitJumpInsn(jumpOp, yes);
    mv.visitInsn(ICONST_0);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(yes);
    mv.visitInsn(ICONST_1);
    mv.visitLabel(done);
  }

  // ---------------------------------------------------------------- the body

  /** The size of the method's bytecode, known after {@link #compile()}. */
  int codeSize() {
    return codeSize;
  }

  /** Emits the method of the whole function (and, in split mode, of its outlined regions). */
  void compile() {
    mv.visitCode();
    scratchNext = scratchStart; // the prologue's frame stores use scratch
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    mv.visitTryCatchBlock(tryStart, tryEnd, handler, TRAP);
    mv.visitLabel(tryStart);
    mv.visitLabel(selfTailCall);
    if (split == null) {
      for (int i = type.paramCount(); i < localSlots.length; i++) {
        int k = localKinds[i];
        switch (k) {
          case KI:
            mv.visitInsn(ICONST_0);
            break;
          case KJ:
            mv.visitInsn(LCONST_0);
            break;
          case KF:
            mv.visitInsn(FCONST_0);
            break;
          case KV:
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCONST_0);
            break;
          default:
            mv.visitInsn(DCONST_0);
            break;
        }
        store(k, localSlots[i]);
      }
    } else {
      // All locals live in a long[] frame shared with the outlined regions; zero is every type's
      // default. The parameters are copied in.
      iconst(split.frameSize);
      mv.visitIntInsn(NEWARRAY, T_LONG);
      mv.visitVarInsn(ASTORE, frameLocal);
      for (int i = 0; i < type.paramCount(); i++) {
        load(localKinds[i], localSlots[i]);
        toFrame(localKinds[i], split.localCells[i]);
      }
    }
    loadCachedState();
    if (group.interruptible()) {
      poll();
    }

    Ctrl f = new Ctrl();
    f.kind = FUNC;
    f.params = new int[0];
    f.results = kinds(type.results());
    functionResults = f.results;
    f.base = 0;
    ctrls.add(f);

    run();
    mv.visitLabel(tryEnd);
    codeSize = tryEnd.getOffset();
    mv.visitLabel(handler);
    loadInstance();
    iconst(funcIndex);
    support("frame", "(L" + TRAP + ";" + INSTANCE_DESC + "I)L" + TRAP + ";");
    mv.visitInsn(ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Translates the instructions of {@link #rangeStart}..{@link #rangeEnd}. */
  private void run() {
    reader = new CodeReader(module.bytes, rangeStart, rangeEnd, features, funcIndex);
    while (reader.hasNext()) {
      int op = reader.next();
      scratchNext = scratchStart;
      if (!reachable) {
        skip(op);
      } else {
        instruction(op, reader);
      }
    }
  }

  /**
   * Emits the method of an outlined region: {@code int name(long[] frame, ModuleInstance instance,
   * int condition)}. The region's block parameters come in the frame's transfer slots (and an
   * {@code if}'s condition as the argument); it returns 0 with its results in the transfer slots,
   * or the code of an outer label with that label's values there.
   */
  private void compileRegion() {
    mv.visitCode();
    scratchNext = scratchStart;
    loadCachedState();
    CodeReader head = new CodeReader(module.bytes, rangeStart, rangeEnd, features, funcIndex);
    int op = head.next();
    int[][] bt = blockType(head);
    for (int i = 0; i < bt[0].length; i++) {
      fromFrame(bt[0][i], transferCell(bt[0], i));
      push(bt[0][i]);
    }
    if (op == IF) {
      mv.visitVarInsn(ILOAD, 2);
      push(KI);
    }
    run();
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** The parameter and result kinds of the block type the reader just read. */
  private int[][] blockType(CodeReader r) {
    if (r.blockTypeIndex >= 0) {
      FuncType bt = module.types[r.blockTypeIndex];
      return new int[][] {kinds(bt.params()), kinds(bt.results())};
    }
    return new int[][] {
      new int[0], r.blockValueType == null ? new int[0] : new int[] {kind(r.blockValueType)}
    };
  }

  /**
   * Stores the value of kind {@code k} on top of the stack into the frame at {@code cell} (a v128
   * into {@code cell} and {@code cell + 1}, low then high).
   */
  private void toFrame(int k, int cell) {
    if (k == KV) {
      frameStore(cell + 1); // the high half is on top
      frameStore(cell);
      return;
    }
    encode(k);
    frameStore(cell);
  }

  /** Pushes the value of kind {@code k} stored in the frame at {@code cell} (see toFrame). */
  private void fromFrame(int k, int cell) {
    for (int h = 0; h < cells(k); h++) {
      mv.visitVarInsn(ALOAD, frameLocal);
      iconst(cell + h);
      mv.visitInsn(LALOAD);
    }
    if (k != KV) {
      decode(k);
    }
  }

  /** The frame cell of value {@code j} of {@code kinds} in the transfer slots. */
  private int transferCell(int[] kinds, int j) {
    int cell = split.transferBase;
    for (int i = 0; i < j; i++) {
      cell += cells(kinds[i]);
    }
    return cell;
  }

  /** Stores the long on top of the stack into {@code frame[index]}. */
  private void frameStore(int index) {
    int tmp = scratch(KJ);
    mv.visitVarInsn(LSTORE, tmp);
    mv.visitVarInsn(ALOAD, frameLocal);
    iconst(index);
    mv.visitVarInsn(LLOAD, tmp);
    mv.visitInsn(LASTORE);
  }

  private void localGet(int i) {
    int k = localKinds[i];
    if (frameLocal < 0) {
      load(k, localSlots[i]);
    } else {
      fromFrame(k, split.localCells[i]);
    }
    push(k);
  }

  /** Stores the value on top of the JVM stack into local {@code i} (tracking is the caller's). */
  private void localStore(int i) {
    int k = localKinds[i];
    if (frameLocal < 0) {
      store(k, localSlots[i]);
    } else {
      toFrame(k, split.localCells[i]);
    }
  }

  /**
   * Calls the outlined region starting with the block instruction just read, then continues after
   * it: stores its parameters in the frame, calls its method, and dispatches on the returned code.
   */
  private void outline(int op, CodeReader r) {
    int start = r.instructionOffset();
    int end = split.regions.get(start);
    int[][] bt = blockType(r);
    int cond = -1;
    if (op == IF) {
      flush();
      pop();
      cond = scratch(KI);
      mv.visitVarInsn(ISTORE, cond);
    }
    for (int i = bt[0].length - 1; i >= 0; i--) {
      pop();
      toFrame(bt[0][i], transferCell(bt[0], i));
    }
    List<Ctrl> exits = new ArrayList<>();
    for (int i = 0; i < ctrls.size(); i++) {
      Ctrl c = ctrls.get(i);
      Ctrl e = new Ctrl();
      e.kind = EXIT;
      e.code = i + 1;
      e.params = new int[0];
      e.results = c.kind == LOOP_K ? c.params : c.results;
      exits.add(e);
    }
    FunctionCompiler region = new FunctionCompiler(this, start, end, exits);
    region.compileRegion();
    mv.visitVarInsn(ALOAD, frameLocal);
    loadInstance();
    if (cond >= 0) {
      mv.visitVarInsn(ILOAD, cond);
    } else {
      mv.visitInsn(ICONST_0);
    }
    mv.visitMethodInsn(
        INVOKESTATIC, groupInternalName, region.name, "([J" + INSTANCE_DESC + "I)I", false);
    reloadBuffer();
    int[] codes = region.usedExits.stream().toArray();
    Label normal = new Label();
    if (codes.length == 0) {
      mv.visitInsn(POP);
    } else {
      Label[] labels = new Label[codes.length];
      for (int i = 0; i < codes.length; i++) {
        labels[i] = new Label();
      }
      mv.visitLookupSwitchInsn(normal, codes, labels);
      for (int i = 0; i < codes.length; i++) {
        mv.visitLabel(labels[i]);
        Ctrl target = ctrls.get(codes[i] - 1);
        int[] carried = target.kind == LOOP_K ? target.params : target.results;
        for (int j = 0; j < carried.length; j++) {
          fromFrame(carried[j], transferCell(carried, j));
          push(carried[j]);
        }
        emitBranch(target);
        sp -= carried.length;
      }
    }
    mv.visitLabel(normal);
    if (region.completesNormally) {
      for (int j = 0; j < bt[1].length; j++) {
        fromFrame(bt[1][j], transferCell(bt[1], j));
        push(bt[1][j]);
      }
    } else {
      // The region never completes normally, so no code follows; keep the verifier's flow closed.
      support("unreachable", "()L" + TRAP + ";");
      mv.visitInsn(ATHROW);
      reachable = false;
    }
    reader = new CodeReader(module.bytes, end, rangeEnd, features, funcIndex);
  }

  /** Handles an instruction in unreachable code: only the block structure matters. */
  private void skip(int op) {
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

  private Ctrl newBlock(int kind, CodeReader r) {
    Ctrl c = new Ctrl();
    c.kind = kind;
    int[][] bt = blockType(r);
    c.params = bt[0];
    c.results = bt[1];
    c.base = sp - c.params.length;
    c.end = new Label();
    ctrls.add(c);
    return c;
  }

  private void doElse() {
    Ctrl c = ctrls.get(ctrls.size() - 1);
    if (reachable) {
      mv.visitJumpInsn(GOTO, c.end);
      c.targeted = true;
    }
    mv.visitLabel(c.elseLabel);
    c.hasElse = true;
    sp = c.base;
    for (int p : c.params) {
      push(p);
    }
    reachable = true;
  }

  private void doEnd() {
    Ctrl c = ctrls.remove(ctrls.size() - 1);
    if (c.kind == FUNC) {
      if (reachable) {
        emitReturn();
      }
      reachable = false;
      return;
    }
    if (c.kind == IF_K && !c.hasElse) {
      // The implicit else passes the parameters (equal to the results) through.
      if (reachable) {
        mv.visitJumpInsn(GOTO, c.end);
        c.targeted = true;
      }
      mv.visitLabel(c.elseLabel);
      reachable = true;
    }
    if (c.kind != LOOP_K) {
      mv.visitLabel(c.end);
      reachable = reachable || c.targeted;
    }
    sp = c.base;
    for (int k : c.results) {
      push(k);
    }
    if (exitCount > 0 && ctrls.size() == exitCount) {
      // The end of an outlined region: hand its results to the caller.
      completesNormally = reachable;
      if (reachable) {
        storeTransfer(c.results);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(IRETURN);
      }
      reachable = false;
    }
  }

  /** Stores the values of {@code kinds} on top of the stack into the frame's transfer slots. */
  private void storeTransfer(int[] kinds) {
    for (int i = kinds.length - 1; i >= 0; i--) {
      toFrame(kinds[i], transferCell(kinds, i));
    }
  }

  /** Emits a return of the function's results from the top of the stack. */
  private void emitReturn() {
    if (exitCount > 0) {
      emitBranch(ctrls.get(0)); // the function's label, seen from an outlined region
      return;
    }
    int[] results = functionResults;
    if (results.length == 0) {
      mv.visitInsn(org.objectweb.asm.Opcodes.RETURN);
    } else if (results.length == 1 && results[0] != KV) {
      int k = results[0];
      mv.visitInsn(k == KI ? IRETURN : k == KJ ? LRETURN : k == KF ? FRETURN : DRETURN);
    } else {
      int[] slots = new int[results.length];
      int n = 0;
      for (int i = results.length - 1; i >= 0; i--) {
        slots[i] = scratch(results[i]);
        store(results[i], slots[i]);
        n += cells(results[i]);
      }
      iconst(n);
      mv.visitIntInsn(NEWARRAY, T_LONG);
      int cell = 0;
      for (int i = 0; i < results.length; i++) {
        cell = storeCells(results[i], slots[i], cell, -1);
      }
      mv.visitInsn(ARETURN);
    }
  }

  /**
   * Stores the value of kind {@code k} in local {@code slot} into the {@code long[]} at index
   * {@code cell} (and {@code cell + 1} for the high half of a v128); the array is on top of the
   * stack ({@code arrSlot < 0}, kept there) or in local {@code arrSlot}. Returns the next cell.
   */
  private int storeCells(int k, int slot, int cell, int arrSlot) {
    int halves = cells(k);
    for (int h = 0; h < halves; h++) {
      if (arrSlot < 0) {
        mv.visitInsn(DUP);
      } else {
        mv.visitVarInsn(ALOAD, arrSlot);
      }
      iconst(cell + h);
      if (k == KV) {
        mv.visitVarInsn(LLOAD, slot + 2 * h);
      } else {
        load(k, slot);
        encode(k);
      }
      mv.visitInsn(LASTORE);
    }
    return cell + halves;
  }

  /**
   * Pushes the value of kind {@code k} read from cell {@code cell} (and the next one for a v128) of
   * the {@code long[]} in local {@code arrSlot}; returns the next cell.
   */
  private int loadCells(int k, int arrSlot, int cell) {
    int halves = cells(k);
    for (int h = 0; h < halves; h++) {
      mv.visitVarInsn(ALOAD, arrSlot);
      iconst(cell + h);
      mv.visitInsn(LALOAD);
      if (k != KV) {
        decode(k);
      }
    }
    push(k);
    return cell + halves;
  }

  /** Whether branching to {@code t} from the current stack needs values dropped. */
  private boolean needsAdjust(Ctrl t) {
    if (t.kind == EXIT) {
      return true;
    }
    int[] carried = t.kind == LOOP_K ? t.params : t.results;
    return sp - carried.length != t.base;
  }

  /**
   * Emits an unconditional jump to {@code t}, dropping the values between its base and the carried
   * values. Does not change the tracked stack (callers decide what follows).
   */
  private void emitBranch(Ctrl t) {
    if (t.kind == FUNC) {
      emitReturn();
      return;
    }
    if (t.kind == EXIT) {
      // Leave the outlined region: values to the transfer slots, the label's code to the caller.
      storeTransfer(t.results);
      usedExits.set(t.code);
      iconst(t.code);
      mv.visitInsn(IRETURN);
      return;
    }
    int[] carried = t.kind == LOOP_K ? t.params : t.results;
    int excess = sp - carried.length - t.base;
    if (excess > 0) {
      int saved = scratchNext;
      int[] slots = new int[carried.length];
      for (int i = carried.length - 1; i >= 0; i--) {
        slots[i] = scratch(carried[i]);
        store(carried[i], slots[i]);
      }
      for (int i = sp - carried.length - 1; i >= t.base; i--) {
        popValue(stack[i]);
      }
      for (int i = 0; i < carried.length; i++) {
        load(carried[i], slots[i]);
      }
      scratchNext = saved;
    }
    if (t.kind == LOOP_K) {
      mv.visitJumpInsn(GOTO, t.start);
    } else {
      t.targeted = true;
      mv.visitJumpInsn(GOTO, t.end);
    }
  }

  private Ctrl target(int depth) {
    return ctrls.get(ctrls.size() - 1 - depth);
  }

  private Label directLabel(Ctrl t) {
    if (t.kind == LOOP_K) {
      return t.start;
    }
    t.targeted = true;
    return t.end;
  }

  private void instruction(int op, CodeReader r) {
    if (split != null
        && (op == BLOCK || op == LOOP || op == IF)
        && r.instructionOffset() != regionStart
        && split.regions.containsKey(r.instructionOffset())) {
      flush();
      outline(op, r);
      return;
    }
    if (pendingJump >= 0 && op != IF && op != BR_IF && op != SELECT && op != SELECT_T) {
      flush();
    }
    switch (op) {
      case UNREACHABLE:
        support("unreachable", "()L" + TRAP + ";");
        mv.visitInsn(ATHROW);
        reachable = false;
        return;
      case NOP:
        return;
      case BLOCK:
        newBlock(BLOCK_K, r);
        return;
      case LOOP:
        {
          Ctrl c = newBlock(LOOP_K, r);
          c.start = new Label();
          mv.visitLabel(c.start);
          if (group.interruptible()) {
            poll(); // every back-edge jumps to c.start
          }
          return;
        }
      case IF:
        {
          pop();
          int jump = takeFalseJump();
          Ctrl c = newBlock(IF_K, r);
          c.elseLabel = new Label();
          mv.visitJumpInsn(jump, c.elseLabel);
          return;
        }
      case ELSE:
        doElse();
        return;
      case END:
        doEnd();
        return;
      case BR:
        emitBranch(target(r.index));
        reachable = false;
        return;
      case BR_IF:
        {
          pop();
          Ctrl t = target(r.index);
          if (t.kind != FUNC && !needsAdjust(t)) {
            mv.visitJumpInsn(takeTrueJump(), directLabel(t));
          } else {
            Label skip = new Label();
            mv.visitJumpInsn(takeFalseJump(), skip);
            emitBranch(t);
            mv.visitLabel(skip);
          }
          return;
        }
      case BR_TABLE:
        brTable(r);
        return;
      case RETURN:
        emitReturn();
        reachable = false;
        return;
      case CALL:
        call(r.index);
        return;
      case CALL_INDIRECT:
        callIndirect(r.index, r.index2);
        return;
      case RETURN_CALL:
        returnCall(r.index);
        return;
      case RETURN_CALL_INDIRECT:
        // ClassGenerator turns this into FunctionFailedException: the interpreter runs it.
        throw new UnsupportedOperationException(
            "return_call_indirect: the fallback engine runs this function, in constant stack");
      case DROP:
        popValue(pop());
        return;
      case SELECT:
      case SELECT_T:
        select();
        return;
      case LOCAL_GET:
        localGet(r.index);
        return;
      case LOCAL_SET:
        pop();
        localStore(r.index);
        return;
      case LOCAL_TEE:
        if (localKinds[r.index] == KV) {
          // No DUP covers four slots: keep a copy in scratch.
          int copy = scratch(KV);
          store(KV, copy);
          load(KV, copy);
          load(KV, copy);
          localStore(r.index);
        } else {
          mv.visitInsn(size(localKinds[r.index]) == 2 ? DUP2 : DUP);
          localStore(r.index);
        }
        return;
      case GLOBAL_GET:
        {
          int k = kind(module.globalTypes[r.index].valueType());
          mv.visitVarInsn(ALOAD, globalLocals.get(r.index));
          mv.visitFieldInsn(GETFIELD, GLOBAL, "value", "J");
          if (k == KV) {
            mv.visitVarInsn(ALOAD, globalLocals.get(r.index));
            mv.visitFieldInsn(GETFIELD, GLOBAL, "valueHigh", "J");
          } else {
            decode(k);
          }
          push(k);
          return;
        }
      case GLOBAL_SET:
        {
          int k = pop();
          if (k == KV) {
            // [lo, hi]: one putfield per half, each value rotated below the global.
            for (String field : new String[] {"valueHigh", "value"}) {
              mv.visitVarInsn(ALOAD, globalLocals.get(r.index));
              mv.visitInsn(DUP_X2);
              mv.visitInsn(POP);
              mv.visitFieldInsn(PUTFIELD, GLOBAL, field, "J");
            }
            return;
          }
          encode(k);
          // [value:long] -> [global, value:long] for putfield
          mv.visitVarInsn(ALOAD, globalLocals.get(r.index));
          mv.visitInsn(DUP_X2);
          mv.visitInsn(POP);
          mv.visitFieldInsn(PUTFIELD, GLOBAL, "value", "J");
          return;
        }
      case TABLE_GET:
        pop();
        loadInstance();
        iconst(r.index);
        support("tableGet", "(I" + INSTANCE_DESC + "I)J");
        push(KJ);
        return;
      case TABLE_SET:
        pop();
        pop();
        loadInstance();
        iconst(r.index);
        support("tableSet", "(IJ" + INSTANCE_DESC + "I)V");
        return;
      case MEMORY_SIZE:
        loadInstance();
        support("memorySize", "(" + INSTANCE_DESC + ")I");
        push(KI);
        return;
      case MEMORY_GROW:
        pop();
        loadInstance();
        support("memoryGrow", "(I" + INSTANCE_DESC + ")I");
        push(KI);
        reloadBuffer();
        return;
      case I32_CONST:
        iconst((int) r.value);
        push(KI);
        return;
      case I64_CONST:
        lconst(r.value);
        push(KJ);
        return;
      case F32_CONST:
        {
          int bits = (int) r.value;
          float v = Float.intBitsToFloat(bits);
          if (v != v) {
            // Keep NaN payloads exact: build the value from its bits at run time.
            iconst(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
          } else {
            mv.visitLdcInsn(v);
          }
          push(KF);
          return;
        }
      case F64_CONST:
        {
          double v = Double.longBitsToDouble(r.value);
          if (v != v) {
            lconst(r.value);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
          } else {
            mv.visitLdcInsn(v);
          }
          push(KD);
          return;
        }
      case REF_NULL:
        mv.visitInsn(LCONST_0);
        push(KJ);
        return;
      case REF_IS_NULL:
        pop();
        support("refIsNull", "(J)I");
        push(KI);
        return;
      case REF_FUNC:
        loadInstance();
        iconst(r.index);
        support("refFunc", "(" + INSTANCE_DESC + "I)J");
        push(KJ);
        return;
      default:
        break;
    }
    if (op >= I32_LOAD && op <= I64_LOAD32_U) {
      memoryLoad(op, r.memoryOffset);
      return;
    }
    if (op >= I32_STORE && op <= I64_STORE32) {
      memoryStore(op, r.memoryOffset);
      return;
    }
    if (op >= PREFIX_SIMD) {
      simd(op, r);
      return;
    }
    if (op >= PREFIX_FC) {
      prefixed(op, r);
      return;
    }
    numeric(op);
  }

  // ---------------------------------------------------------------- control helpers

  /**
   * The most targets a {@code br_table} may have to be compiled: a {@code tableswitch} takes 4 bytes
   * per target, so a larger one cannot fit in a 64 KiB JVM method anyway, and ASM's label
   * bookkeeping is quadratic in the number of jumps to one label (a 1,000,000-target table took
   * minutes). Larger tables make the function run on the fallback engine.
   */
  static final int MAX_BR_TABLE_TARGETS = 16_000;

  private void brTable(CodeReader r) {
    int n = r.labelCount;
    if (n > MAX_BR_TABLE_TARGETS) {
      // ClassGenerator turns this into FunctionFailedException: the interpreter runs the function.
      throw new UnsupportedOperationException(
          "br_table with " + n + " targets exceeds " + MAX_BR_TABLE_TARGETS);
    }
    pop();
    Map<Integer, Label> byDepth = new HashMap<>();
    ArrayList<Integer> trampolines = new ArrayList<>();
    Label[] labels = new Label[n];
    for (int i = 0; i < n; i++) {
      labels[i] = labelFor(r.labels[i], byDepth, trampolines);
    }
    Label dflt = labelFor(r.index, byDepth, trampolines);
    if (n == 0) {
      mv.visitInsn(POP);
      mv.visitJumpInsn(GOTO, dflt);
    } else {
      mv.visitTableSwitchInsn(0, n - 1, dflt, labels);
    }
    for (int depth : trampolines) {
      mv.visitLabel(byDepth.get(depth));
      emitBranch(target(depth));
    }
    reachable = false;
  }

  private Label labelFor(int depth, Map<Integer, Label> byDepth, ArrayList<Integer> trampolines) {
    Label l = byDepth.get(depth);
    if (l != null) {
      return l;
    }
    Ctrl t = target(depth);
    if (t.kind != FUNC && !needsAdjust(t)) {
      l = directLabel(t);
    } else {
      l = new Label();
      trampolines.add(depth);
    }
    byDepth.put(depth, l);
    return l;
  }

  private void select() {
    pop(); // condition
    int k = pop();
    pop();
    if (k == KV) {
      // Four slots per operand: no stack shuffle reaches them; go through scratch locals.
      int c = scratch(KI);
      flush(); // a pending comparison becomes 0 or 1 on top
      mv.visitVarInsn(ISTORE, c);
      int second = scratch(KV);
      int first = scratch(KV);
      store(KV, second);
      store(KV, first);
      Label useSecond = new Label();
      Label done = new Label();
      mv.visitVarInsn(ILOAD, c);
      mv.visitJumpInsn(IFEQ, useSecond);
      load(KV, first);
      mv.visitJumpInsn(GOTO, done);
      mv.visitLabel(useSecond);
      load(KV, second);
      mv.visitLabel(done);
      push(KV);
      return;
    }
    Label useSecond = new Label();
    Label done = new Label();
    mv.visitJumpInsn(takeFalseJump(), useSecond);
    popValue(k); // keep the first
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(useSecond);
    if (size(k) == 2) {
      mv.visitInsn(DUP2_X2);
      mv.visitInsn(POP2);
      mv.visitInsn(POP2);
    } else {
      mv.visitInsn(SWAP);
      mv.visitInsn(POP);
    }
    mv.visitLabel(done);
    push(k);
  }

  /**
   * Whether function {@code funcIndex} makes a tail call that {@link #returnCall} cannot compile: to
   * another function, or through a table.
   */
  static boolean tailCallsOthers(WasmModule module, int funcIndex) {
    Code code = module.codes[funcIndex - module.importedFunctionCount];
    CodeReader r =
        new CodeReader(
            module.bytes, code.bodyStart(), code.bodyEnd(), CodeReader.VALIDATED, funcIndex);
    while (r.hasNext()) {
      int op = r.next();
      if (op == RETURN_CALL_INDIRECT || (op == RETURN_CALL && r.index != funcIndex)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code return_call}. The JVM has no tail calls: a function calling itself so becomes a loop
   * (arguments into the parameters, back to the start, where the other locals are zeroed again);
   * a function making any other tail call runs on the fallback engine, which makes tail calls in
   * constant stack. Listeners do not see tail calls, so listening code does the same.
   */
  private void returnCall(int callee) {
    if (callee != funcIndex || split != null) {
      throw new UnsupportedOperationException(
          "return_call to another function, or in a split function: the fallback engine runs"
              + " this function, in constant stack");
    }
    FuncType ft = module.functionType(callee);
    for (int i = ft.paramCount() - 1; i >= 0; i--) {
      pop();
      store(localKinds[i], localSlots[i]);
    }
    // What lies below the arguments is dropped: the JVM wants an empty stack at the start.
    while (sp > 0) {
      popValue(pop());
    }
    mv.visitJumpInsn(GOTO, selfTailCall);
    reachable = false;
  }

  private void call(int callee) {
    FuncType ft = module.functionType(callee);
    if (group.listening()) {
      // Listeners wrap the instance's functions: call through them, never directly.
      callUniversal(
          ft,
          () -> {
            loadInstance();
            iconst(callee);
            support("function", "(" + INSTANCE_DESC + "I)L" + FUNCTION + ";");
          });
    } else if (callee >= module.importedFunctionCount && group.isLocal(callee)) {
      for (int i = 0; i < ft.paramCount(); i++) {
        pop();
      }
      loadInstance();
      mv.visitMethodInsn(
          INVOKESTATIC, groupInternalName, methodName(callee), descriptor(ft), false);
      pushResults(ft);
    } else if (callee >= module.importedFunctionCount && group.crossCall(callee) != null) {
      // A compiled function of another class: through this class's trampoline to it.
      String trampoline = group.crossCall(callee);
      for (int i = 0; i < ft.paramCount(); i++) {
        pop();
      }
      loadInstance();
      mv.visitMethodInsn(INVOKESTATIC, groupInternalName, trampoline, descriptor(ft), false);
      pushResults(ft);
    } else {
      // Imports and interpreted functions: the universal convention.
      callUniversal(
          ft,
          () -> {
            loadInstance();
            iconst(callee);
            support("function", "(" + INSTANCE_DESC + "I)L" + FUNCTION + ";");
          });
    }
    reloadBuffer();
  }

  private String groupInternalName;

  /** Sets the internal name of the class being generated (for direct calls). */
  FunctionCompiler inClass(String internalName) {
    this.groupInternalName = internalName;
    return this;
  }

  /** Tracks (and for multi-value, unpacks the {@code long[]} of) the results of a direct call. */
  private void pushResults(FuncType ft) {
    int[] rk = kinds(ft.results());
    if (!arrayResult(ft)) {
      for (int k : rk) {
        push(k);
      }
      return;
    }
    int arr = scratch(KI);
    mv.visitVarInsn(ASTORE, arr);
    int cell = 0;
    for (int i = 0; i < rk.length; i++) {
      cell = loadCells(rk[i], arr, cell);
    }
  }

  /**
   * Calls through {@code FunctionInstance.call(long[])}: spills the arguments on the stack into a
   * new {@code long[]}, pushes the function ({@code loadFunction}), calls, and unpacks the results.
   */
  private void callUniversal(FuncType ft, Runnable loadFunction) {
    int[] pk = kinds(ft.params());
    int[] rk = kinds(ft.results());
    int[] slots = new int[pk.length];
    for (int i = pk.length - 1; i >= 0; i--) {
      pop();
      slots[i] = scratch(pk[i]);
      store(pk[i], slots[i]);
    }
    int arr = scratch(KI);
    iconst(Math.max(cells(ft.params()), cells(ft.results())));
    mv.visitIntInsn(NEWARRAY, T_LONG);
    mv.visitVarInsn(ASTORE, arr);
    int cell = 0;
    for (int i = 0; i < pk.length; i++) {
      cell = storeCells(pk[i], slots[i], cell, arr);
    }
    loadFunction.run();
    mv.visitVarInsn(ALOAD, arr);
    mv.visitMethodInsn(INVOKEVIRTUAL, FUNCTION, "call", "([J)V", false);
    cell = 0;
    for (int i = 0; i < rk.length; i++) {
      cell = loadCells(rk[i], arr, cell);
    }
  }

  private void callIndirect(int typeIndex, int table) {
    FuncType ft = module.types[typeIndex];
    pop(); // element index
    loadInstance();
    iconst(table);
    iconst(typeIndex);
    support("resolveIndirect", "(I" + INSTANCE_DESC + "II)L" + FUNCTION + ";");
    if (parameterSlots(ft) + 1 > 255) {
      // A dispatcher would exceed the JVM's 255 parameter slots: call through call(long[]).
      int fn = scratch(KI);
      mv.visitVarInsn(ASTORE, fn);
      callUniversal(ft, () -> mv.visitVarInsn(ALOAD, fn));
      reloadBuffer();
      return;
    }
    // The per-type dispatcher calls functions of this class directly, others via call(long[]).
    for (int i = 0; i < ft.paramCount(); i++) {
      pop();
    }
    loadInstance();
    String descriptor = dispatcherDescriptor(ft); // before registering: it rejects v128
    mv.visitMethodInsn(INVOKESTATIC, groupInternalName, group.dispatcher(ft), descriptor, false);
    pushResults(ft);
    reloadBuffer();
  }

  /** The descriptor of a {@code call_indirect} dispatcher for functions of type {@code t}. */
  static String dispatcherDescriptor(FuncType t) {
    String d = descriptor(t);
    int close = d.indexOf(')');
    return d.substring(0, close - INSTANCE_DESC.length())
        + "L"
        + FUNCTION
        + ";"
        + INSTANCE_DESC
        + d.substring(close);
  }

  // ---------------------------------------------------------------- memory

  private static final String[] LOADS = {
    "i32Load", "i64Load", "f32Load", "f64Load", "i32Load8S", "i32Load8U", "i32Load16S",
    "i32Load16U", "i64Load8S", "i64Load8U", "i64Load16S", "i64Load16U", "i64Load32S", "i64Load32U"
  };
  private static final int[] LOAD_KINDS = {KI, KJ, KF, KD, KI, KI, KI, KI, KJ, KJ, KJ, KJ, KJ, KJ};
  private static final String[] STORES = {
    "i32Store",
    "i64Store",
    "f32Store",
    "f64Store",
    "i32Store8",
    "i32Store16",
    "i64Store8",
    "i64Store16",
    "i64Store32"
  };
  private static final int[] STORE_KINDS = {KI, KJ, KF, KD, KI, KI, KJ, KJ, KJ};

  /** Bytes accessed by the loads of {@link #LOADS} and the stores of {@link #STORES}. */
  private static final int[] LOAD_SIZES = {4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4};

  private static final int[] STORE_SIZES = {4, 8, 4, 8, 1, 2, 1, 2, 4};

  private void memoryLoad(int op, long offset) {
    int i = op - I32_LOAD;
    int k = LOAD_KINDS[i];
    pop();
    if (sizeLocal >= 0) {
      // address -> checked effective address, then the plain helper at offset 0.
      sizeCheckedAddress(offset, LOAD_SIZES[i]);
      mv.visitVarInsn(ALOAD, bufLocal);
      iconst(0);
      support(LOADS[i], "(I[BI)" + desc(k));
      push(k);
      return;
    }
    mv.visitVarInsn(ALOAD, bufLocal);
    support(LOADS[i], "(I[B" + offsetArg(offset) + ")" + desc(k));
    push(k);
  }

  private void memoryStore(int op, long offset) {
    int i = op - I32_STORE;
    int k = STORE_KINDS[i];
    pop();
    pop();
    if (sizeLocal >= 0) {
      // The value is above the address: set it aside, check the address (so a store out of
      // bounds writes nothing), then store at the checked address with offset 0.
      int v = scratch(k);
      store(k, v);
      sizeCheckedAddress(offset, STORE_SIZES[i]);
      load(k, v);
      mv.visitVarInsn(ALOAD, bufLocal);
      iconst(0);
      support(STORES[i], "(I" + desc(k) + "[BI)V");
      return;
    }
    mv.visitVarInsn(ALOAD, bufLocal);
    support(STORES[i], "(I" + desc(k) + "[B" + offsetArg(offset) + ")V");
  }

  /**
   * Size-checked code: replaces the i32 address on top of the stack by the effective address of an
   * access of {@code size} bytes at it plus {@code offset}, trapping unless the access ends within
   * the memory's size ({@code RuntimeSupport.sizeCheckedEa}).
   */
  private void sizeCheckedAddress(long offset, int size) {
    lconst(offset);
    iconst(size);
    mv.visitVarInsn(ILOAD, sizeLocal);
    support("sizeCheckedEa", "(IJII)I");
  }

  /**
   * Pushes a memory access's static offset and returns its descriptor: an int when below 2^31 (the
   * helpers then need no long arithmetic, see RuntimeSupport), else a long.
   */
  private String offsetArg(long offset) {
    if (offset <= Integer.MAX_VALUE) {
      iconst((int) offset);
      return "I";
    }
    lconst(offset);
    return "J";
  }

  // ---------------------------------------------------------------- 0xFC prefix

  private void prefixed(int op, CodeReader r) {
    switch (op) {
      case I32_TRUNC_SAT_F32_S:
        unary(KF, KI);
        mv.visitInsn(F2I);
        return;
      case I32_TRUNC_SAT_F32_U:
        unary(KF, KI);
        mv.visitInsn(F2D); // exact: one method serves both widths
        scalarOp("i32TruncSatU", "(D)I");
        return;
      case I32_TRUNC_SAT_F64_S:
        unary(KD, KI);
        mv.visitInsn(D2I);
        return;
      case I32_TRUNC_SAT_F64_U:
        unary(KD, KI);
        scalarOp("i32TruncSatU", "(D)I");
        return;
      case I64_TRUNC_SAT_F32_S:
        unary(KF, KJ);
        mv.visitInsn(F2L);
        return;
      case I64_TRUNC_SAT_F32_U:
        unary(KF, KJ);
        mv.visitInsn(F2D); // exact: one method serves both widths
        scalarOp("i64TruncSatU", "(D)J");
        return;
      case I64_TRUNC_SAT_F64_S:
        unary(KD, KJ);
        mv.visitInsn(D2L);
        return;
      case I64_TRUNC_SAT_F64_U:
        unary(KD, KJ);
        scalarOp("i64TruncSatU", "(D)J");
        return;
      case MEMORY_INIT:
        sp -= 3;
        loadInstance();
        iconst(r.index);
        support("memoryInit", "(III" + INSTANCE_DESC + "I)V");
        return;
      case DATA_DROP:
        loadInstance();
        iconst(r.index);
        support("dataDrop", "(" + INSTANCE_DESC + "I)V");
        return;
      case MEMORY_COPY:
        sp -= 3;
        loadInstance();
        support("memoryCopy", "(III" + INSTANCE_DESC + ")V");
        return;
      case MEMORY_FILL:
        sp -= 3;
        loadInstance();
        support("memoryFill", "(III" + INSTANCE_DESC + ")V");
        return;
      case TABLE_INIT:
        sp -= 3;
        loadInstance();
        iconst(r.index);
        iconst(r.index2);
        support("tableInit", "(III" + INSTANCE_DESC + "II)V");
        return;
      case ELEM_DROP:
        loadInstance();
        iconst(r.index);
        support("elemDrop", "(" + INSTANCE_DESC + "I)V");
        return;
      case TABLE_COPY:
        sp -= 3;
        loadInstance();
        iconst(r.index);
        iconst(r.index2);
        support("tableCopy", "(III" + INSTANCE_DESC + "II)V");
        return;
      case TABLE_GROW:
        sp -= 2;
        loadInstance();
        iconst(r.index);
        support("tableGrow", "(JI" + INSTANCE_DESC + "I)I");
        push(KI);
        return;
      case TABLE_SIZE:
        loadInstance();
        iconst(r.index);
        support("tableSize", "(" + INSTANCE_DESC + "I)I");
        push(KI);
        return;
      case TABLE_FILL:
        sp -= 3;
        loadInstance();
        iconst(r.index);
        support("tableFill", "(IJI" + INSTANCE_DESC + "I)V");
        return;
      default:
        throw new IllegalStateException(
            "unsupported opcode 0x" + Integer.toHexString(op) + " in function " + funcIndex);
    }
  }

  // ---------------------------------------------------------------- numeric

  private void unary(int from, int to) {
    pop();
    push(to);
  }

  private void binary(int k, int result) {
    pop();
    pop();
    push(result);
  }

  private void cmp(int k, int jumpOp) {
    binary(k, KI);
    bool(jumpOp);
  }

  private void cmpUnsigned(boolean isLong, int jumpOp) {
    binary(isLong ? KJ : KI, KI);
    if (isLong) {
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
    } else {
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
    }
    bool(jumpOp);
  }

  private void lcmp(int jumpOp) {
    binary(KJ, KI);
    mv.visitInsn(LCMP);
    bool(jumpOp);
  }

  private void fcmp(int k, int cmpOp, int jumpOp) {
    binary(k, KI);
    mv.visitInsn(cmpOp);
    bool(jumpOp);
  }

  private void binOp(int k, int jvmOp) {
    binary(k, k);
    mv.visitInsn(jvmOp);
  }

  // ---------------------------------------------------------------- NaN quieting
  //
  // WebAssembly requires float arithmetic with a NaN operand to give a quiet ("arithmetic") NaN,
  // while Java does not distinguish NaNs. The hardware's add, sub, mul and div always quiet a
  // signalling NaN; the danger is C2 replacing an operation by one of its operands, which it does
  // for exactly these identities (HotSpot 17 to 25): x * 1.0 and 1.0 * x (MulNode::Identity),
  // x / 1.0 (DivDNode/DivFNode::Identity), x - 0.0 (SubNode::Identity), and (float) (double) x
  // (ConvD2FNode::Identity, hence the checked promote and demote in RuntimeSupport). The constant
  // need not be a literal: inlining, constant folding and store-to-load forwarding make one out of
  // parameters, locals and memory, so no operand can be trusted to be non-constant. AddF and AddD
  // have no identity at all (their Identity() returns the node itself): an add's result is always
  // the hardware's, quiet. So:
  // - add is a plain FADD/DADD;
  // - sub, mul and div are plain too, and their result is checked (r != r ? quiet(r) : r) unless
  //   the very next consumer of it absorbs an unquieted NaN (see nanAbsorbed): another float
  //   arithmetic operation (an add quiets it; a folded sub, mul or div passes it on as its own
  //   result, which that instruction then handles in turn), a comparison or truncation (they do not
  //   look at the payload), a RuntimeSupport operation that quiets its NaN inputs (min, max, sqrt,
  //   rounding), or a drop. Everything else (a store, a local, a reinterpretation, a call, a
  //   branch, a select, neg/abs/copysign which keep the payload) gets the checked value.
  // In a typical kernel (c += a * b) no check remains; CompilerNanTest warms every folded identity
  // under C2 with a signalling NaN and checks the quiet bit of what reaches memory and the caller.

  /** A float sub, mul or div: the JVM instruction, then the NaN check unless absorbed. */
  private void arith(int k, int jvmOp) {
    binOp(k, jvmOp);
    if (!nanAbsorbed(k)) {
      if (k == KF) {
        support("f32Quiet", "(F)F");
      } else {
        support("f64Quiet", "(D)D");
      }
    }
  }

  /** Most instructions {@link #nanAbsorbed} looks ahead before giving up (and checking). */
  private static final int NAN_LOOKAHEAD = 24;

  /**
   * Whether the float of kind {@code k} just pushed is consumed by an instruction that absorbs an
   * unquieted NaN (see the section comment): looks at the following straight-line instructions,
   * tracking how many values lie above it, until one consumes it. Unknown instructions (calls,
   * control flow, prefixed ones) end the search with false, i.e. a check.
   */
  private boolean nanAbsorbed(int k) {
    CodeReader ahead =
        new CodeReader(module.bytes, reader.position(), rangeEnd, features, funcIndex);
    int above = 0; // values pushed above ours and not yet consumed
    for (int n = 0; n < NAN_LOOKAHEAD && ahead.hasNext(); n++) {
      int op = ahead.next();
      int pops;
      int pushes = 1;
      boolean absorbs = false;
      if (op == LOCAL_GET || op == GLOBAL_GET || (op >= I32_CONST && op <= F64_CONST)) {
        pops = 0;
      } else if (op == DROP) {
        pops = 1;
        pushes = 0;
        absorbs = true;
      } else if (op == LOCAL_SET || op == GLOBAL_SET) {
        pops = 1;
        pushes = 0;
      } else if (op == LOCAL_TEE || (op >= I32_LOAD && op <= I64_LOAD32_U)) {
        pops = 1;
      } else if (op >= I32_STORE && op <= I64_STORE32) {
        pops = 2;
        pushes = 0;
      } else if (op == I32_EQZ || op == I64_EQZ
          || (op >= I32_CLZ && op <= I32_POPCNT)
          || (op >= I64_CLZ && op <= I64_POPCNT)
          || (op >= I32_WRAP_I64 && op <= I64_EXTEND32_S)) {
        // Unary numeric ops; of those taking a float, truncations, demote and promote absorb (the
        // last two check their own result), reinterpretations do not.
        pops = 1;
        absorbs =
            (op >= I32_TRUNC_F32_S && op <= I64_TRUNC_F64_U)
                || op == F32_DEMOTE_F64
                || op == F64_PROMOTE_F32;
      } else if ((op >= F32_ABS && op <= F32_SQRT) || (op >= F64_ABS && op <= F64_SQRT)) {
        pops = 1;
        absorbs = op != F32_ABS && op != F32_NEG && op != F64_ABS && op != F64_NEG;
      } else if ((op >= I32_EQ && op <= F64_GE)
          || (op >= I32_ADD && op <= I32_ROTR)
          || (op >= I64_ADD && op <= I64_ROTR)
          || (op >= F32_ADD && op <= F32_COPYSIGN)
          || (op >= F64_ADD && op <= F64_COPYSIGN)) {
        // Binary numeric ops: float comparisons and arithmetic absorb, copysign does not.
        pops = 2;
        absorbs =
            (op >= F32_EQ && op <= F64_GE)
                || (op >= F32_ADD && op < F32_COPYSIGN)
                || (op >= F64_ADD && op < F64_COPYSIGN);
      } else {
        return false;
      }
      if (pops > above) {
        return absorbs; // this instruction consumes our value
      }
      above += pushes - pops;
    }
    return false;
  }

  /** Emits a call of {@code ScalarOps.name}, shared with the interpreter; the stack is set. */
  private void scalarOp(String name, String desc) {
    mv.visitMethodInsn(INVOKESTATIC, SCALAR_OPS, name, desc, false);
  }

  private void binSupport(int k, String name) {
    binary(k, k);
    String d = desc(k);
    support(name, "(" + d + d + ")" + d);
  }

  private void unSupport(int k, String name) {
    unary(k, k);
    String d = desc(k);
    support(name, "(" + d + ")" + d);
  }

  private void jdk(String owner, String name, String desc) {
    mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
  }

  private void numeric(int op) {
    switch (op) {
      case I32_EQZ:
        unary(KI, KI);
        bool(IFEQ);
        return;
      case I32_EQ:
        cmp(KI, IF_ICMPEQ);
        return;
      case I32_NE:
        cmp(KI, IF_ICMPNE);
        return;
      case I32_LT_S:
        cmp(KI, IF_ICMPLT);
        return;
      case I32_LT_U:
        cmpUnsigned(false, IFLT);
        return;
      case I32_GT_S:
        cmp(KI, IF_ICMPGT);
        return;
      case I32_GT_U:
        cmpUnsigned(false, IFGT);
        return;
      case I32_LE_S:
        cmp(KI, IF_ICMPLE);
        return;
      case I32_LE_U:
        cmpUnsigned(false, IFLE);
        return;
      case I32_GE_S:
        cmp(KI, IF_ICMPGE);
        return;
      case I32_GE_U:
        cmpUnsigned(false, IFGE);
        return;
      case I64_EQZ:
        unary(KJ, KI);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        bool(IFEQ);
        return;
      case I64_EQ:
        lcmp(IFEQ);
        return;
      case I64_NE:
        lcmp(IFNE);
        return;
      case I64_LT_S:
        lcmp(IFLT);
        return;
      case I64_LT_U:
        cmpUnsigned(true, IFLT);
        return;
      case I64_GT_S:
        lcmp(IFGT);
        return;
      case I64_GT_U:
        cmpUnsigned(true, IFGT);
        return;
      case I64_LE_S:
        lcmp(IFLE);
        return;
      case I64_LE_U:
        cmpUnsigned(true, IFLE);
        return;
      case I64_GE_S:
        lcmp(IFGE);
        return;
      case I64_GE_U:
        cmpUnsigned(true, IFGE);
        return;
        // NaN handling: fcmpl gives -1 and fcmpg gives 1 on NaN, chosen so the comparison is false.
      case F32_EQ:
        fcmp(KF, FCMPL, IFEQ);
        return;
      case F32_NE:
        fcmp(KF, FCMPL, IFNE);
        return;
      case F32_LT:
        fcmp(KF, FCMPG, IFLT);
        return;
      case F32_GT:
        fcmp(KF, FCMPL, IFGT);
        return;
      case F32_LE:
        fcmp(KF, FCMPG, IFLE);
        return;
      case F32_GE:
        fcmp(KF, FCMPL, IFGE);
        return;
      case F64_EQ:
        fcmp(KD, DCMPL, IFEQ);
        return;
      case F64_NE:
        fcmp(KD, DCMPL, IFNE);
        return;
      case F64_LT:
        fcmp(KD, DCMPG, IFLT);
        return;
      case F64_GT:
        fcmp(KD, DCMPL, IFGT);
        return;
      case F64_LE:
        fcmp(KD, DCMPG, IFLE);
        return;
      case F64_GE:
        fcmp(KD, DCMPL, IFGE);
        return;
      case I32_CLZ:
        unary(KI, KI);
        jdk("java/lang/Integer", "numberOfLeadingZeros", "(I)I");
        return;
      case I32_CTZ:
        unary(KI, KI);
        jdk("java/lang/Integer", "numberOfTrailingZeros", "(I)I");
        return;
      case I32_POPCNT:
        unary(KI, KI);
        jdk("java/lang/Integer", "bitCount", "(I)I");
        return;
      case I32_ADD:
        binOp(KI, IADD);
        return;
      case I32_SUB:
        binOp(KI, ISUB);
        return;
      case I32_MUL:
        binOp(KI, IMUL);
        return;
      case I32_DIV_S:
        binary(KI, KI);
        scalarOp("i32DivS", "(II)I");
        return;
      case I32_DIV_U:
        binary(KI, KI);
        scalarOp("i32DivU", "(II)I");
        return;
      case I32_REM_S:
        binary(KI, KI);
        scalarOp("i32RemS", "(II)I");
        return;
      case I32_REM_U:
        binary(KI, KI);
        scalarOp("i32RemU", "(II)I");
        return;
      case I32_AND:
        binOp(KI, IAND);
        return;
      case I32_OR:
        binOp(KI, IOR);
        return;
      case I32_XOR:
        binOp(KI, IXOR);
        return;
      case I32_SHL:
        binOp(KI, ISHL);
        return;
      case I32_SHR_S:
        binOp(KI, ISHR);
        return;
      case I32_SHR_U:
        binOp(KI, IUSHR);
        return;
      case I32_ROTL:
        binary(KI, KI);
        jdk("java/lang/Integer", "rotateLeft", "(II)I");
        return;
      case I32_ROTR:
        binary(KI, KI);
        jdk("java/lang/Integer", "rotateRight", "(II)I");
        return;
      case I64_CLZ:
        unary(KJ, KJ);
        jdk("java/lang/Long", "numberOfLeadingZeros", "(J)I");
        mv.visitInsn(I2L);
        return;
      case I64_CTZ:
        unary(KJ, KJ);
        jdk("java/lang/Long", "numberOfTrailingZeros", "(J)I");
        mv.visitInsn(I2L);
        return;
      case I64_POPCNT:
        unary(KJ, KJ);
        jdk("java/lang/Long", "bitCount", "(J)I");
        mv.visitInsn(I2L);
        return;
      case I64_ADD:
        binOp(KJ, LADD);
        return;
      case I64_SUB:
        binOp(KJ, LSUB);
        return;
      case I64_MUL:
        binOp(KJ, LMUL);
        return;
      case I64_DIV_S:
        binary(KJ, KJ);
        scalarOp("i64DivS", "(JJ)J");
        return;
      case I64_DIV_U:
        binary(KJ, KJ);
        scalarOp("i64DivU", "(JJ)J");
        return;
      case I64_REM_S:
        binary(KJ, KJ);
        scalarOp("i64RemS", "(JJ)J");
        return;
      case I64_REM_U:
        binary(KJ, KJ);
        scalarOp("i64RemU", "(JJ)J");
        return;
      case I64_AND:
        binOp(KJ, LAND);
        return;
      case I64_OR:
        binOp(KJ, LOR);
        return;
      case I64_XOR:
        binOp(KJ, LXOR);
        return;
      case I64_SHL:
        binary(KJ, KJ);
        mv.visitInsn(L2I);
        mv.visitInsn(LSHL);
        return;
      case I64_SHR_S:
        binary(KJ, KJ);
        mv.visitInsn(L2I);
        mv.visitInsn(LSHR);
        return;
      case I64_SHR_U:
        binary(KJ, KJ);
        mv.visitInsn(L2I);
        mv.visitInsn(LUSHR);
        return;
      case I64_ROTL:
        binary(KJ, KJ);
        mv.visitInsn(L2I);
        jdk("java/lang/Long", "rotateLeft", "(JI)J");
        return;
      case I64_ROTR:
        binary(KJ, KJ);
        mv.visitInsn(L2I);
        jdk("java/lang/Long", "rotateRight", "(JI)J");
        return;
      case F32_ABS:
        unSupport(KF, "f32Abs");
        return;
      case F32_NEG:
        unSupport(KF, "f32Neg");
        return;
      case F32_CEIL:
        unSupport(KF, "f32Ceil");
        return;
      case F32_FLOOR:
        unSupport(KF, "f32Floor");
        return;
      case F32_TRUNC:
        unSupport(KF, "f32Trunc");
        return;
      case F32_NEAREST:
        unSupport(KF, "f32Nearest");
        return;
      case F32_SQRT:
        unSupport(KF, "f32Sqrt");
        return;
      case F32_ADD:
        binOp(KF, FADD);
        return;
      case F32_SUB:
        arith(KF, FSUB);
        return;
      case F32_MUL:
        arith(KF, FMUL);
        return;
      case F32_DIV:
        arith(KF, FDIV);
        return;
      case F32_MIN:
        binSupport(KF, "f32Min");
        return;
      case F32_MAX:
        binSupport(KF, "f32Max");
        return;
      case F32_COPYSIGN:
        binSupport(KF, "f32Copysign");
        return;
      case F64_ABS:
        unSupport(KD, "f64Abs");
        return;
      case F64_NEG:
        unSupport(KD, "f64Neg");
        return;
      case F64_CEIL:
        unSupport(KD, "f64Ceil");
        return;
      case F64_FLOOR:
        unSupport(KD, "f64Floor");
        return;
      case F64_TRUNC:
        unSupport(KD, "f64Trunc");
        return;
      case F64_NEAREST:
        unSupport(KD, "f64Nearest");
        return;
      case F64_SQRT:
        unSupport(KD, "f64Sqrt");
        return;
      case F64_ADD:
        binOp(KD, DADD);
        return;
      case F64_SUB:
        arith(KD, DSUB);
        return;
      case F64_MUL:
        arith(KD, DMUL);
        return;
      case F64_DIV:
        arith(KD, DDIV);
        return;
      case F64_MIN:
        binSupport(KD, "f64Min");
        return;
      case F64_MAX:
        binSupport(KD, "f64Max");
        return;
      case F64_COPYSIGN:
        binSupport(KD, "f64Copysign");
        return;
      case I32_WRAP_I64:
        unary(KJ, KI);
        mv.visitInsn(L2I);
        return;
      case I32_TRUNC_F32_S:
        unary(KF, KI);
        mv.visitInsn(F2D); // exact: one method serves both widths
        scalarOp("i32TruncS", "(D)I");
        return;
      case I32_TRUNC_F32_U:
        unary(KF, KI);
        mv.visitInsn(F2D); // exact: one method serves both widths
        scalarOp("i32TruncU", "(D)I");
        return;
      case I32_TRUNC_F64_S:
        unary(KD, KI);
        scalarOp("i32TruncS", "(D)I");
        return;
      case I32_TRUNC_F64_U:
        unary(KD, KI);
        scalarOp("i32TruncU", "(D)I");
        return;
      case I64_EXTEND_I32_S:
        unary(KI, KJ);
        mv.visitInsn(I2L);
        return;
      case I64_EXTEND_I32_U:
        unary(KI, KJ);
        mv.visitInsn(I2L);
        lconst(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        return;
      case I64_TRUNC_F32_S:
        unary(KF, KJ);
        mv.visitInsn(F2D); // exact: one method serves both widths
        scalarOp("i64TruncS", "(D)J");
        return;
      case I64_TRUNC_F32_U:
        unary(KF, KJ);
        mv.visitInsn(F2D); // exact: one method serves both widths
        scalarOp("i64TruncU", "(D)J");
        return;
      case I64_TRUNC_F64_S:
        unary(KD, KJ);
        scalarOp("i64TruncS", "(D)J");
        return;
      case I64_TRUNC_F64_U:
        unary(KD, KJ);
        scalarOp("i64TruncU", "(D)J");
        return;
      case F32_CONVERT_I32_S:
        unary(KI, KF);
        mv.visitInsn(I2F);
        return;
      case F32_CONVERT_I32_U:
        unary(KI, KF);
        mv.visitInsn(I2L);
        lconst(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        mv.visitInsn(L2F);
        return;
      case F32_CONVERT_I64_S:
        unary(KJ, KF);
        mv.visitInsn(L2F);
        return;
      case F32_CONVERT_I64_U:
        unary(KJ, KF);
        scalarOp("f32ConvertI64U", "(J)F");
        return;
      case F32_DEMOTE_F64:
        unary(KD, KF);
        support("f32DemoteF64", "(D)F");
        return;
      case F64_CONVERT_I32_S:
        unary(KI, KD);
        mv.visitInsn(I2D);
        return;
      case F64_CONVERT_I32_U:
        unary(KI, KD);
        mv.visitInsn(I2L);
        lconst(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        mv.visitInsn(L2D);
        return;
      case F64_CONVERT_I64_S:
        unary(KJ, KD);
        mv.visitInsn(L2D);
        return;
      case F64_CONVERT_I64_U:
        unary(KJ, KD);
        scalarOp("f64ConvertI64U", "(J)D");
        return;
      case F64_PROMOTE_F32:
        unary(KF, KD);
        support("f64PromoteF32", "(F)D");
        return;
      case I32_REINTERPRET_F32:
        unary(KF, KI);
        jdk("java/lang/Float", "floatToRawIntBits", "(F)I");
        return;
      case I64_REINTERPRET_F64:
        unary(KD, KJ);
        jdk("java/lang/Double", "doubleToRawLongBits", "(D)J");
        return;
      case F32_REINTERPRET_I32:
        unary(KI, KF);
        jdk("java/lang/Float", "intBitsToFloat", "(I)F");
        return;
      case F64_REINTERPRET_I64:
        unary(KJ, KD);
        jdk("java/lang/Double", "longBitsToDouble", "(J)D");
        return;
      case I32_EXTEND8_S:
        unary(KI, KI);
        mv.visitInsn(I2B);
        return;
      case I32_EXTEND16_S:
        unary(KI, KI);
        mv.visitInsn(I2S);
        return;
      case I64_EXTEND8_S:
        unary(KJ, KJ);
        mv.visitInsn(L2I);
        mv.visitInsn(I2B);
        mv.visitInsn(I2L);
        return;
      case I64_EXTEND16_S:
        unary(KJ, KJ);
        mv.visitInsn(L2I);
        mv.visitInsn(I2S);
        mv.visitInsn(I2L);
        return;
      case I64_EXTEND32_S:
        unary(KJ, KJ);
        mv.visitInsn(L2I);
        mv.visitInsn(I2L);
        return;
      default:
        throw new IllegalStateException(
            "unsupported opcode 0x" + Integer.toHexString(op) + " in function " + funcIndex);
    }
  }

  // ---------------------------------------------------------------- SIMD (0xFD prefix)
  //
  // A v128 is two longs (low half below the high half on the stack). Each instruction calls the
  // engine-independent Simd methods once per result half (see that class for the convention),
  // spilling operands to scratch locals where a half is needed twice: no allocation, and the JIT
  // inlines the small static methods.

  private void simdCall(String name, String desc) {
    mv.visitMethodInsn(INVOKESTATIC, SIMD, name, desc, false);
  }

  /** Pops the tracked v128 on top into fresh scratch slots: low half at the result, high at +2. */
  private int spillV128() {
    pop();
    int s = scratch(KV);
    store(KV, s);
    return s;
  }

  /** Pushes the low ({@code half} 0) or high half of the v128 spilled at {@code slot}. */
  private void half(int slot, int half) {
    mv.visitVarInsn(LLOAD, slot + 2 * half);
  }

  /**
   * Pushes the i32 in bits 0..31 ({@code upper} false) or 32..63 of half {@code h} at {@code s}.
   */
  private void quarter(int s, int h, boolean upper) {
    half(s, h);
    if (upper) {
      iconst(32);
      mv.visitInsn(LUSHR);
    }
    mv.visitInsn(L2I);
  }

  private void simd(int op, CodeReader r) {
    int pattern = SimdTable.pattern(op);
    if (pattern != SimdTable.NONE) {
      simdTable(op, pattern);
      return;
    }
    if (SimdTable.isMemory(op)) {
      simdMemory(op, r);
      return;
    }
    switch (op) {
      case V128_CONST:
        lconst(r.v128Low);
        lconst(r.v128High);
        push(KV);
        return;
      case I8X16_SHUFFLE:
        {
          int b = spillV128();
          int a = spillV128();
          for (long lanes : new long[] {r.v128Low, r.v128High}) {
            half(a, 0);
            half(a, 1);
            half(b, 0);
            half(b, 1);
            lconst(lanes);
            simdCall("i8x16Shuffle", "(JJJJJ)J");
          }
          push(KV);
          return;
        }
      case I8X16_SWIZZLE:
      case I8X16_RELAXED_SWIZZLE:
        {
          int s = spillV128();
          int a = spillV128();
          for (int h = 0; h < 2; h++) {
            half(a, 0);
            half(a, 1);
            half(s, h);
            simdCall("i8x16Swizzle", "(JJJ)J");
          }
          push(KV);
          return;
        }
      case I8X16_SPLAT:
        splat("i8x16Splat", "(I)J");
        return;
      case I16X8_SPLAT:
        splat("i16x8Splat", "(I)J");
        return;
      case I32X4_SPLAT:
        splat("i32x4Splat", "(I)J");
        return;
      case I64X2_SPLAT:
        splat("i64x2Splat", "(J)J");
        return;
      case F32X4_SPLAT:
        jdk("java/lang/Float", "floatToRawIntBits", "(F)I");
        splat("f32x4Splat", "(I)J");
        return;
      case F64X2_SPLAT:
        jdk("java/lang/Double", "doubleToRawLongBits", "(D)J");
        splat("f64x2Splat", "(J)J");
        return;
      case I8X16_EXTRACT_LANE_S:
        extractLane(r.lane, 8, "i8x16ExtractLaneS", "(JI)I", KI);
        return;
      case I8X16_EXTRACT_LANE_U:
        extractLane(r.lane, 8, "i8x16ExtractLaneU", "(JI)I", KI);
        return;
      case I16X8_EXTRACT_LANE_S:
        extractLane(r.lane, 4, "i16x8ExtractLaneS", "(JI)I", KI);
        return;
      case I16X8_EXTRACT_LANE_U:
        extractLane(r.lane, 4, "i16x8ExtractLaneU", "(JI)I", KI);
        return;
      case I32X4_EXTRACT_LANE:
        extractLane(r.lane, 2, "i32x4ExtractLane", "(JI)I", KI);
        return;
      case F32X4_EXTRACT_LANE:
        extractLane(r.lane, 2, "i32x4ExtractLane", "(JI)I", KF);
        jdk("java/lang/Float", "intBitsToFloat", "(I)F");
        return;
      case I64X2_EXTRACT_LANE:
        extractLane(r.lane, 1, "i64x2ExtractLane", "(JI)J", KJ);
        return;
      case F64X2_EXTRACT_LANE:
        extractLane(r.lane, 1, "i64x2ExtractLane", "(JI)J", KD);
        jdk("java/lang/Double", "longBitsToDouble", "(J)D");
        return;
      case I8X16_REPLACE_LANE:
        replaceLane(r.lane, 8, "i8x16ReplaceLane", "(JII)J");
        return;
      case I16X8_REPLACE_LANE:
        replaceLane(r.lane, 4, "i16x8ReplaceLane", "(JII)J");
        return;
      case I32X4_REPLACE_LANE:
        replaceLane(r.lane, 2, "i32x4ReplaceLane", "(JII)J");
        return;
      case F32X4_REPLACE_LANE:
        jdk("java/lang/Float", "floatToRawIntBits", "(F)I");
        replaceLane(r.lane, 2, "i32x4ReplaceLane", "(JII)J");
        return;
      case I64X2_REPLACE_LANE:
        replaceLane(r.lane, 1, "i64x2ReplaceLane", "(JIJ)J");
        return;
      case F64X2_REPLACE_LANE:
        jdk("java/lang/Double", "doubleToRawLongBits", "(D)J");
        replaceLane(r.lane, 1, "i64x2ReplaceLane", "(JIJ)J");
        return;
      default:
        throw new IllegalStateException(
            "unsupported opcode 0x" + Integer.toHexString(op) + " in function " + funcIndex);
    }
  }

  /** A splat of the scalar on top (an int or long as {@code desc} says): both halves equal. */
  private void splat(String name, String desc) {
    pop();
    simdCall(name, desc);
    mv.visitInsn(DUP2);
    push(KV);
  }

  /**
   * Extracts lane {@code lane} of a shape with {@code perHalf} lanes per half, as kind {@code k}.
   */
  private void extractLane(int lane, int perHalf, String name, String desc, int k) {
    pop();
    if (lane < perHalf) {
      mv.visitInsn(POP2); // the high half
    } else {
      // [lo, hi] -> [hi]
      mv.visitInsn(DUP2_X2);
      mv.visitInsn(POP2);
      mv.visitInsn(POP2);
    }
    iconst(lane);
    simdCall(name, desc);
    push(k);
  }

  /**
   * Replaces lane {@code lane} with the scalar on top (already an int or long bits as {@code desc}
   * says); the other half passes through.
   */
  private void replaceLane(int lane, int perHalf, String name, String desc) {
    pop();
    // desc is (J I <scalar>)J: the scalar's type is the third character from the end.
    int scalarKind = desc.charAt(desc.length() - 3) == 'J' ? KJ : KI;
    int v = scratch(scalarKind);
    store(scalarKind, v);
    int a = spillV128();
    int h = lane < perHalf ? 0 : 1;
    for (int i = 0; i < 2; i++) {
      half(a, i);
      if (i == h) {
        iconst(lane);
        load(scalarKind, v);
        simdCall(name, desc);
      }
    }
    push(KV);
  }

  private void simdTable(int op, int pattern) {
    String name = SimdTable.method(op);
    switch (pattern) {
      case SimdTable.UNARY:
        {
          // [lo, hi]: f(hi) stashed, f(lo), then the stashed high result.
          pop();
          int t = scratch(KJ);
          simdCall(name, "(J)J");
          mv.visitVarInsn(LSTORE, t);
          simdCall(name, "(J)J");
          mv.visitVarInsn(LLOAD, t);
          push(KV);
          return;
        }
      case SimdTable.TERNARY:
        {
          int c = spillV128();
          int b = spillV128();
          int a = spillV128();
          for (int h = 0; h < 2; h++) {
            half(a, h);
            half(b, h);
            half(c, h);
            simdCall(name, "(JJJ)J");
          }
          push(KV);
          return;
        }
      case SimdTable.BINARY:
        {
          // [a.lo, a.hi, b.lo, b.hi]: spill all but a.lo, which stays on the stack.
          int b = spillV128();
          pop();
          int aHi = scratch(KJ);
          mv.visitVarInsn(LSTORE, aHi);
          half(b, 0);
          simdCall(name, "(JJ)J");
          mv.visitVarInsn(LLOAD, aHi);
          half(b, 1);
          simdCall(name, "(JJ)J");
          push(KV);
          return;
        }
      case SimdTable.SHIFT:
        {
          // [a.lo, a.hi, n]: spill n and a.hi, a.lo stays on the stack.
          pop();
          int n = scratch(KI);
          mv.visitVarInsn(ISTORE, n);
          pop();
          int aHi = scratch(KJ);
          mv.visitVarInsn(LSTORE, aHi);
          mv.visitVarInsn(ILOAD, n);
          simdCall(name, "(JI)J");
          mv.visitVarInsn(LLOAD, aHi);
          mv.visitVarInsn(ILOAD, n);
          simdCall(name, "(JI)J");
          push(KV);
          return;
        }
      case SimdTable.REDUCE:
        pop();
        simdCall(name, "(JJ)I");
        push(KI);
        return;
      case SimdTable.NARROW:
        {
          int b = spillV128();
          pop();
          simdCall(name, "(JJ)J"); // a's halves are on the stack
          half(b, 0);
          half(b, 1);
          simdCall(name, "(JJ)J");
          push(KV);
          return;
        }
      case SimdTable.ZERO_HIGH:
        pop();
        simdCall(name, "(JJ)J");
        mv.visitInsn(LCONST_0);
        push(KV);
        return;
      case SimdTable.WIDEN_LOW:
      case SimdTable.WIDEN_HIGH:
        {
          int h = pattern == SimdTable.WIDEN_LOW ? 0 : 1;
          int a = spillV128();
          for (boolean upper : new boolean[] {false, true}) {
            quarter(a, h, upper);
            simdCall(name, "(I)J");
          }
          push(KV);
          return;
        }
      case SimdTable.EXTMUL_LOW:
      case SimdTable.EXTMUL_HIGH:
        {
          int h = pattern == SimdTable.EXTMUL_LOW ? 0 : 1;
          int b = spillV128();
          int a = spillV128();
          for (boolean upper : new boolean[] {false, true}) {
            quarter(a, h, upper);
            quarter(b, h, upper);
            simdCall(name, "(II)J");
          }
          push(KV);
          return;
        }
      default:
        throw new IllegalStateException("unknown SIMD pattern " + pattern);
    }
  }

  /** Pushes the memory buffer and the effective address in scratch {@code ea} plus {@code add}. */
  private void bufferAt(int ea, int add) {
    mv.visitVarInsn(ALOAD, bufLocal);
    mv.visitVarInsn(ILOAD, ea);
    if (add != 0) {
      iconst(add);
      mv.visitInsn(IADD);
    }
  }

  /**
   * A SIMD load or store: the whole access is bounds-checked first ({@code RuntimeSupport.ea}
   * traps), so a store never writes part of its bytes; then the {@code Simd} helpers access the
   * checked address.
   */
  private void simdMemory(int op, CodeReader r) {
    int lane = r.lane;
    boolean laneOp = op >= V128_LOAD8_LANE && op <= V128_STORE64_LANE;
    boolean store = op == V128_STORE || (op >= V128_STORE8_LANE && op <= V128_STORE64_LANE);
    int v = store || laneOp ? spillV128() : -1;
    pop(); // the address
    int ea = scratch(KI);
    if (sizeLocal >= 0) {
      sizeCheckedAddress(r.memoryOffset, simdAccessSize(op));
    } else {
      lconst(r.memoryOffset);
      iconst(simdAccessSize(op));
      mv.visitVarInsn(ALOAD, bufLocal);
      support("ea", "(IJI[B)I");
    }
    mv.visitVarInsn(ISTORE, ea);
    switch (op) {
      case V128_LOAD:
        bufferAt(ea, 0);
        simdCall("load64", "([BI)J");
        bufferAt(ea, 8);
        simdCall("load64", "([BI)J");
        push(KV);
        return;
      case V128_LOAD8X8_S:
      case V128_LOAD8X8_U:
      case V128_LOAD16X4_S:
      case V128_LOAD16X4_U:
      case V128_LOAD32X2_S:
      case V128_LOAD32X2_U:
        {
          String[] names = {
            "load8x8S", "load8x8U", "load16x4S", "load16x4U", "load32x2S", "load32x2U"
          };
          String name = names[op - V128_LOAD8X8_S];
          bufferAt(ea, 0);
          simdCall(name, "([BI)J");
          bufferAt(ea, 4);
          simdCall(name, "([BI)J");
          push(KV);
          return;
        }
      case V128_LOAD8_SPLAT:
      case V128_LOAD16_SPLAT:
      case V128_LOAD32_SPLAT:
      case V128_LOAD64_SPLAT:
        {
          String[] names = {"load8Splat", "load16Splat", "load32Splat", "load64"};
          bufferAt(ea, 0);
          simdCall(names[op - V128_LOAD8_SPLAT], "([BI)J");
          mv.visitInsn(DUP2);
          push(KV);
          return;
        }
      case V128_LOAD32_ZERO:
      case V128_LOAD64_ZERO:
        bufferAt(ea, 0);
        simdCall(op == V128_LOAD32_ZERO ? "load32Zero" : "load64", "([BI)J");
        mv.visitInsn(LCONST_0);
        push(KV);
        return;
      case V128_STORE:
        bufferAt(ea, 0);
        half(v, 0);
        simdCall("store64", "([BIJ)V");
        bufferAt(ea, 8);
        half(v, 1);
        simdCall("store64", "([BIJ)V");
        return;
      default:
        break;
    }
    // Lane loads and stores: N bytes, lanes 8/N per half.
    int size = simdAccessSize(op);
    int h = lane / (8 / size);
    String bits = Integer.toString(size * 8);
    if (store) {
      bufferAt(ea, 0);
      half(v, h);
      iconst(lane);
      simdCall("store" + bits + "Lane", "([BIJI)V");
      return;
    }
    for (int i = 0; i < 2; i++) {
      if (i == h) {
        bufferAt(ea, 0);
        half(v, i);
        iconst(lane);
        simdCall("load" + bits + "Lane", "([BIJI)J");
      } else {
        half(v, i);
      }
    }
    push(KV);
  }
}
