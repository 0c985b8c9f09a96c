package dev.zerowasm.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * Generates one class holding a group of compiled functions: a static method {@code f<index>} per
 * function (see {@link FunctionCompiler}) and a bridge {@code b<index>(long[], ModuleInstance)}
 * implementing the {@code FunctionInstance.call(long[])} convention on top of it.
 */
final class ClassGenerator {
  /** The name every generated class is defined under (hidden classes get a unique suffix). */
  static final String CLASS_NAME = "dev/zerowasm/internal/compiler/WasmFunctions";

  private ClassGenerator() {}

  static String bridgeName(int funcIndex) {
    return "b" + funcIndex;
  }

  /** The function index of a generated method name, or -1. */
  static int functionOf(String methodName) {
    if (methodName != null && methodName.length() > 1
        && (methodName.charAt(0) == 'f' || methodName.charAt(0) == 'b')) {
      try {
        return Integer.parseInt(methodName.substring(1));
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
  static byte[] generate(WasmModule module, int[] group, BitSet interpreted,
      CoreFeatures features) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      // Frames merge only our own reference types (instance, buffers, long[] and function
      // temporaries) and never read a merged slot, so Object is always a sound answer and no
      // class loading is needed.
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        return "java/lang/Object";
      }
    };
    cw.visit(V17, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, CLASS_NAME, null, "java/lang/Object",
        null);
    Set<Integer> local = new HashSet<>();
    for (int f : group) {
      if (!interpreted.get(f)) {
        local.add(f);
      }
    }
    FunctionCompiler.CodeGroup codeGroup = local::contains;
    for (int f : group) {
      if (interpreted.get(f)) {
        continue;
      }
      new FunctionCompiler(module, codeGroup, f, cw).inClass(CLASS_NAME).compile(features);
      bridge(cw, f, module.functionType(f));
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** Emits {@code static void b<f>(long[] stack, ModuleInstance instance)}. */
  private static void bridge(ClassWriter cw, int f, FuncType type) {
    MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, bridgeName(f),
        "([J" + FunctionCompiler.INSTANCE_DESC + ")V", null, null);
    mv.visitCode();
    for (int i = 0; i < type.paramCount(); i++) {
      mv.visitVarInsn(ALOAD, 0);
      pushInt(mv, i);
      mv.visitInsn(LALOAD);
      decode(mv, FunctionCompiler.kind(type.params()[i]));
    }
    mv.visitVarInsn(ALOAD, 1);
    mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, FunctionCompiler.methodName(f),
        FunctionCompiler.descriptor(type), false);
    int n = type.resultCount();
    if (n == 1) {
      encode(mv, FunctionCompiler.kind(type.results()[0]));
      mv.visitVarInsn(LSTORE, 2);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(LLOAD, 2);
      mv.visitInsn(LASTORE);
    } else if (n > 1) {
      // The callee returned a fresh long[] of encoded results.
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitInsn(ICONST_0);
      pushInt(mv, n);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy",
          "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
    }
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void pushInt(MethodVisitor mv, int v) {
    if (v <= 5) {
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
