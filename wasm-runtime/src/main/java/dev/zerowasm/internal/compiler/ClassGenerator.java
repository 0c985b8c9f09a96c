package dev.zerowasm.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Generates one class holding a group of compiled functions: a static method {@code f<index>} per
 * function (see {@link FunctionCompiler}) and a bridge {@code b<index>(long[], ModuleInstance)}
 * implementing the {@code FunctionInstance.call(long[])} convention on top of it.
 */
final class ClassGenerator {
  /** The name every generated class is defined under (hidden classes get a unique suffix). */
  static final String CLASS_NAME = "dev/zerowasm/internal/compiler/WasmFunctions";

  /** Most functions one dispatcher calls directly, so dispatchers stay far below 64 KiB. */
  private static final int MAX_DISPATCH_TARGETS = 1000;

  /** Bytecode bytes a dispatcher's direct cases may take. */
  private static final int DISPATCH_CODE_BUDGET = 40_000;

  private static final String MH = "java/lang/invoke/MethodHandle";
  private static final String MH_DESC = "L" + MH + ";";

  /** A generated class and the functions of other classes it calls through trampolines. */
  record Generated(byte[] bytes, List<Integer> crossTargets) {}

  private ClassGenerator() {}

  /** Compiling one function failed for a reason other than the JVM's size limits. */
  static final class FunctionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The function index. */
    final int function;

    FunctionFailedException(int function, RuntimeException cause) {
      super("cannot compile function " + function + ": " + cause.getMessage(), cause);
      this.function = function;
    }
  }

  /**
   * Emits {@code static R d<n>(params..., FunctionInstance target, ModuleInstance instance)}: when
   * {@code target} is one of {@code targets} in this class and bound to {@code instance}, a direct
   * {@code invokestatic} (selected by a switch over function indices), else {@code
   * target.call(long[])}. Multi-value results come back as a {@code long[]} either way.
   */
  private static void dispatcher(
      ClassWriter cw, String name, FuncType type, List<Integer> targets) {
    MethodVisitor mv =
        cw.visitMethod(
            ACC_STATIC | ACC_PRIVATE,
            name,
            FunctionCompiler.dispatcherDescriptor(type),
            null,
            null);
    mv.visitCode();
    int[] kinds = new int[type.paramCount()];
    int[] slots = new int[kinds.length];
    int slot = 0;
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = FunctionCompiler.kind(type.params()[i]);
      slots[i] = slot;
      slot += FunctionCompiler.size(kinds[i]);
    }
    int fnSlot = slot;
    int instSlot = slot + 1;
    int arrSlot = slot + 2;
    Label universal = new Label();
    if (!targets.isEmpty()) {
      mv.visitVarInsn(ALOAD, fnSlot);
      mv.visitVarInsn(ALOAD, instSlot);
      mv.visitLdcInsn(Type.getObjectType(CLASS_NAME));
      mv.visitMethodInsn(
          INVOKESTATIC,
          FunctionCompiler.SUPPORT,
          "localIndex",
          "(L"
              + FunctionCompiler.FUNCTION
              + ";"
              + FunctionCompiler.INSTANCE_DESC
              + "Ljava/lang/Class;)I",
          false);
      int[] keys = targets.stream().mapToInt(Integer::intValue).sorted().toArray();
      Label[] labels = new Label[keys.length];
      for (int i = 0; i < keys.length; i++) {
        labels[i] = new Label();
      }
      mv.visitLookupSwitchInsn(universal, keys, labels);
      String desc = FunctionCompiler.descriptor(type);
      for (int i = 0; i < keys.length; i++) {
        mv.visitLabel(labels[i]);
        for (int p = 0; p < kinds.length; p++) {
          load(mv, kinds[p], slots[p]);
        }
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(
            INVOKESTATIC, CLASS_NAME, FunctionCompiler.methodName(keys[i]), desc, false);
        returnInsn(mv, type);
      }
    }
    mv.visitLabel(universal);
    mv.visitVarInsn(ALOAD, fnSlot);
    callUniversal(mv, type, kinds, slots, arrSlot);
    returnInsn(mv, type);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * With a {@code FunctionInstance} on the stack, calls it through {@code call(long[])} with the
   * parameters in {@code slots} and leaves the result (a {@code long[]} for several) on the stack.
   */
  private static void callUniversal(
      MethodVisitor mv, FuncType type, int[] kinds, int[] slots, int arrSlot) {
    pushInt(
        mv,
        Math.max(FunctionCompiler.cells(type.params()), FunctionCompiler.cells(type.results())));
    mv.visitIntInsn(NEWARRAY, T_LONG);
    mv.visitVarInsn(ASTORE, arrSlot);
    int cell = 0;
    for (int p = 0; p < kinds.length; p++) {
      // A v128 takes two cells, low then high, from its two long slots.
      for (int h = 0; h < FunctionCompiler.cells(kinds[p]); h++) {
        mv.visitVarInsn(ALOAD, arrSlot);
        pushInt(mv, cell++);
        if (kinds[p] == FunctionCompiler.KV) {
          mv.visitVarInsn(LLOAD, slots[p] + 2 * h);
        } else {
          load(mv, kinds[p], slots[p]);
          encode(mv, kinds[p]);
        }
        mv.visitInsn(LASTORE);
      }
    }
    mv.visitVarInsn(ALOAD, arrSlot);
    mv.visitMethodInsn(INVOKEVIRTUAL, FunctionCompiler.FUNCTION, "call", "([J)V", false);
    if (FunctionCompiler.arrayResult(type)) {
      mv.visitVarInsn(ALOAD, arrSlot);
    } else if (type.resultCount() == 1) {
      mv.visitVarInsn(ALOAD, arrSlot);
      mv.visitInsn(ICONST_0);
      mv.visitInsn(LALOAD);
      decode(mv, FunctionCompiler.kind(type.results()[0]));
    }
  }

  /**
   * Emits the cross-class call support for compiled function {@code g} of another class: a static
   * final field {@code t<g>} holding the dynamic invoker of its call site (set in the class
   * initialiser from the class data), the trampoline {@code x<g>} calling through it, and {@code
   * u<g>}, a universal call to {@code g} used as the site's target if {@code g} ends up on the
   * fallback engine.
   */
  private static void crossCallSupport(ClassWriter cw, int g, FuncType type) {
    String desc = FunctionCompiler.descriptor(type);
    cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "t" + g, MH_DESC, null, null).visitEnd();
    int[] kinds = new int[type.paramCount()];
    int[] slots = new int[kinds.length];
    int slot = 0;
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = FunctionCompiler.kind(type.params()[i]);
      slots[i] = slot;
      slot += FunctionCompiler.size(kinds[i]);
    }
    int instSlot = slot;

    MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "x" + g, desc, null, null);
    mv.visitCode();
    mv.visitFieldInsn(GETSTATIC, CLASS_NAME, "t" + g, MH_DESC);
    for (int p = 0; p < kinds.length; p++) {
      load(mv, kinds[p], slots[p]);
    }
    mv.visitVarInsn(ALOAD, instSlot);
    mv.visitMethodInsn(INVOKEVIRTUAL, MH, "invokeExact", desc, false);
    returnInsn(mv, type);
    mv.visitMaxs(0, 0);
    mv.visitEnd();

    mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "u" + g, desc, null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, instSlot);
    pushInt(mv, g);
    mv.visitMethodInsn(
        INVOKESTATIC,
        FunctionCompiler.SUPPORT,
        "function",
        "(" + FunctionCompiler.INSTANCE_DESC + "I)L" + FunctionCompiler.FUNCTION + ";",
        false);
    callUniversal(mv, type, kinds, slots, instSlot + 1);
    returnInsn(mv, type);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Emits the class initialiser: {@code t<g> = classData[k]} for the k-th cross-call target. */
  private static void classInitializer(ClassWriter cw, List<Integer> crossTargets) {
    MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
    mv.visitCode();
    for (int k = 0; k < crossTargets.size(); k++) {
      mv.visitMethodInsn(
          INVOKESTATIC,
          "java/lang/invoke/MethodHandles",
          "lookup",
          "()Ljava/lang/invoke/MethodHandles$Lookup;",
          false);
      mv.visitLdcInsn("_");
      mv.visitLdcInsn(Type.getType(MH_DESC));
      pushInt(mv, k);
      mv.visitMethodInsn(
          INVOKESTATIC,
          "java/lang/invoke/MethodHandles",
          "classDataAt",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)"
              + "Ljava/lang/Object;",
          false);
      mv.visitTypeInsn(CHECKCAST, MH);
      mv.visitFieldInsn(PUTSTATIC, CLASS_NAME, "t" + crossTargets.get(k), MH_DESC);
    }
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void load(MethodVisitor mv, int k, int slot) {
    if (k == FunctionCompiler.KV) {
      mv.visitVarInsn(LLOAD, slot);
      mv.visitVarInsn(LLOAD, slot + 2);
      return;
    }
    mv.visitVarInsn(
        k == FunctionCompiler.KI
            ? ILOAD
            : k == FunctionCompiler.KJ ? LLOAD : k == FunctionCompiler.KF ? FLOAD : DLOAD,
        slot);
  }

  private static void returnInsn(MethodVisitor mv, FuncType type) {
    if (type.resultCount() == 0) {
      mv.visitInsn(RETURN);
    } else if (FunctionCompiler.arrayResult(type)) {
      mv.visitInsn(ARETURN);
    } else {
      int k = FunctionCompiler.kind(type.results()[0]);
      mv.visitInsn(
          k == FunctionCompiler.KI
              ? IRETURN
              : k == FunctionCompiler.KJ ? LRETURN : k == FunctionCompiler.KF ? FRETURN : DRETURN);
    }
  }

  static String bridgeName(int funcIndex) {
    return "b" + funcIndex;
  }

  /** The function index of a generated method name, or -1 (e.g. for a dispatcher). */
  static int functionOf(String methodName) {
    if (methodName != null
        && methodName.length() > 1
        && (methodName.charAt(0) == 'f' || methodName.charAt(0) == 'b')) {
      // f<index>, b<index>, or f<index>$<region> for an outlined region of a split function
      int end = methodName.indexOf('$');
      try {
        return Integer.parseInt(methodName.substring(1, end < 0 ? methodName.length() : end));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The class file of the functions of {@code group} that are not {@code interpreted}.
   *
   * @throws org.objectweb.asm.MethodTooLargeException if a method exceeds the JVM's limits
   * @throws org.objectweb.asm.ClassTooLargeException if the constant pool overflows
   */
  static Generated generate(
      WasmModule module,
      int[] group,
      BitSet interpreted,
      CoreFeatures features,
      int hugeMethodBytes,
      int outlineBudget,
      java.util.function.IntPredicate crossCallable,
      dev.zerowasm.internal.engine.CodeOptions options) {
    boolean withFrames = needsStackMapFrames(module, group, interpreted);
    ClassWriter cw =
        new ClassWriter(withFrames ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS) {
          // Frames merge only our own reference types (instance, buffers, long[] and function
          // temporaries) and never read a merged slot, so Object is always a sound answer and no
          // class loading is needed.
          @Override
          protected String getCommonSuperClass(String type1, String type2) {
            return "java/lang/Object";
          }
        };
    cw.visit(
        withFrames ? V17 : V1_5,
        ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC,
        CLASS_NAME,
        null,
        "java/lang/Object",
        null);
    Set<Integer> local = new HashSet<>();
    for (int f : group) {
      if (!interpreted.get(f)) {
        local.add(f);
      }
    }
    Map<FuncType, String> dispatchers = new LinkedHashMap<>();
    java.util.TreeSet<Integer> crossTargets = new java.util.TreeSet<>();
    FunctionCompiler.CodeGroup codeGroup =
        new FunctionCompiler.CodeGroup() {
          @Override
          public boolean isLocal(int funcIndex) {
            return local.contains(funcIndex);
          }

          @Override
          public String dispatcher(FuncType t) {
            return dispatchers.computeIfAbsent(t, k -> "d" + dispatchers.size());
          }

          @Override
          public boolean interruptible() {
            return options.interruptible();
          }

          @Override
          public boolean listening() {
            return options.listening();
          }

          @Override
          public boolean sizeChecked() {
            return options.sizeChecked();
          }

          @Override
          public String crossCall(int funcIndex) {
            if (!crossCallable.test(funcIndex)) {
              return null;
            }
            crossTargets.add(funcIndex);
            return "x" + funcIndex;
          }
        };
    for (int f : group) {
      if (interpreted.get(f)) {
        continue;
      }
      try {
        FunctionCompiler.Split split = null;
        Code code = module.codes[f - module.importedFunctionCount];
        if (code.bodyEnd() - code.bodyStart() >= hugeMethodBytes / 4) {
          // Could be too large for the JIT: measure a trial translation, split if so.
          ClassWriter trial = new ClassWriter(0);
          trial.visit(V17, ACC_FINAL | ACC_SUPER, CLASS_NAME, null, "java/lang/Object", null);
          FunctionCompiler measure =
              new FunctionCompiler(module, codeGroup, f, trial, features, null);
          measure.inClass(CLASS_NAME).compile();
          if (measure.codeSize() > hugeMethodBytes) {
            split = FunctionCompiler.Split.plan(module, f, features, outlineBudget);
          }
        }
        new FunctionCompiler(module, codeGroup, f, cw, features, split)
            .inClass(CLASS_NAME)
            .compile();
      } catch (RuntimeException e) {
        throw new FunctionFailedException(f, e);
      }
      bridge(cw, f, module.functionType(f));
    }
    for (Map.Entry<FuncType, String> d : dispatchers.entrySet()) {
      List<Integer> targets = new ArrayList<>();
      // Each case loads the parameters (up to 4 bytes each, two loads for a v128) and calls:
      // keep the method well below the JVM's 64 KiB.
      int maxTargets =
          Math.min(
              MAX_DISPATCH_TARGETS,
              DISPATCH_CODE_BUDGET / (4 * FunctionCompiler.cells(d.getKey().params()) + 16));
      for (int f : group) {
        if (local.contains(f)
            && module.functionType(f).equals(d.getKey())
            && targets.size() < maxTargets) {
          targets.add(f);
        }
      }
      dispatcher(cw, d.getValue(), d.getKey(), targets);
    }
    List<Integer> cross = new ArrayList<>(crossTargets);
    for (int g : cross) {
      crossCallSupport(cw, g, module.functionType(g));
    }
    if (!cross.isEmpty()) {
      classInitializer(cw, cross);
    }
    cw.visitEnd();
    return new Generated(cw.toByteArray(), cross);
  }

  /**
   * Most JVM local slots (parameters and wasm locals) a function may have for its class to be
   * emitted without stack map frames; see {@link #needsStackMapFrames}.
   */
  private static final int FRAMELESS_MAX_SLOTS = 200;

  /**
   * Whether the class of {@code group} is emitted as a Java 17 class file with stack map frames
   * (computed by ASM), rather than as a Java 5 one without them. Computing the frames is about half
   * of the time ASM takes for our code, and a class without them is checked by the JVM's older
   * inference verifier, which does that analysis itself, in C, and at least as fast: on a module of
   * 20,000 small functions, compiling took about 15% less CPU time in all. The inference verifier
   * keeps a copy of every local's type per instruction that stores one, so functions with many
   * locals keep the frames (Java 17 verification checks them at branch targets only). Nothing else
   * in our classes needs a class file version above 49 (no invokedynamic, no method handle
   * constants; class data comes through {@code MethodHandles.classDataAt}).
   */
  private static boolean needsStackMapFrames(WasmModule module, int[] group, BitSet interpreted) {
    for (int f : group) {
      if (interpreted.get(f)) {
        continue;
      }
      long slots = FunctionCompiler.parameterSlots(module.functionType(f));
      for (dev.zerowasm.api.ValueType l : module.codes[f - module.importedFunctionCount].locals()) {
        slots += FunctionCompiler.size(FunctionCompiler.kind(l));
      }
      if (slots > FRAMELESS_MAX_SLOTS) {
        return true;
      }
    }
    return false;
  }

  /** Emits {@code static void b<f>(long[] stack, ModuleInstance instance)}. */
  private static void bridge(ClassWriter cw, int f, FuncType type) {
    MethodVisitor mv =
        cw.visitMethod(
            ACC_STATIC | ACC_PRIVATE,
            bridgeName(f),
            "([J" + FunctionCompiler.INSTANCE_DESC + ")V",
            null,
            null);
    mv.visitCode();
    int cell = 0;
    for (int i = 0; i < type.paramCount(); i++) {
      int k = FunctionCompiler.kind(type.params()[i]);
      for (int h = 0; h < FunctionCompiler.cells(k); h++) {
        mv.visitVarInsn(ALOAD, 0);
        pushInt(mv, cell++);
        mv.visitInsn(LALOAD);
        if (k != FunctionCompiler.KV) {
          decode(mv, k);
        }
      }
    }
    mv.visitVarInsn(ALOAD, 1);
    mv.visitMethodInsn(
        INVOKESTATIC,
        CLASS_NAME,
        FunctionCompiler.methodName(f),
        FunctionCompiler.descriptor(type),
        false);
    int n = FunctionCompiler.cells(type.results());
    if (FunctionCompiler.arrayResult(type)) {
      // The callee returned a fresh long[] of encoded results (a v128 in two cells).
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitInsn(ICONST_0);
      pushInt(mv, n);
      mv.visitMethodInsn(
          INVOKESTATIC,
          "java/lang/System",
          "arraycopy",
          "(Ljava/lang/Object;ILjava/lang/Object;II)V",
          false);
    } else if (n == 1) {
      encode(mv, FunctionCompiler.kind(type.results()[0]));
      mv.visitVarInsn(LSTORE, 2);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(LLOAD, 2);
      mv.visitInsn(LASTORE);
    }
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void pushInt(MethodVisitor mv, int v) {
    if (v >= 0 && v <= 5) {
      mv.visitInsn(ICONST_0 + v);
    } else if (v <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, v);
    } else {
      mv.visitLdcInsn(v);
    }
  }

  private static void encode(MethodVisitor mv, int k) {
    switch (k) {
      case FunctionCompiler.KI:
        mv.visitInsn(I2L);
        break;
      case FunctionCompiler.KF:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        mv.visitInsn(I2L);
        mv.visitLdcInsn(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        break;
      case FunctionCompiler.KD:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        break;
      default:
        break;
    }
  }

  private static void decode(MethodVisitor mv, int k) {
    switch (k) {
      case FunctionCompiler.KI:
        mv.visitInsn(L2I);
        break;
      case FunctionCompiler.KF:
        mv.visitInsn(L2I);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        break;
      case FunctionCompiler.KD:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        break;
      default:
        break;
    }
  }
}
