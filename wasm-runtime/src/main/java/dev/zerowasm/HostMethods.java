package dev.zerowasm;

import dev.zerowasm.api.HostFunction;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Turns a Java method into a {@link HostFunction}, for {@link HostFunctionBuilder#withFunc}. The
 * method is adapted once, with {@link MethodHandles} combinators, into a handle of the uniform type
 * {@code (Module, long[])void} that reads each parameter from its stack slot and writes the result
 * to slot 0; each call is then one {@code invokeExact}, with no reflection and no boxing. The
 * handle is kept in a {@code static final} field of a tiny hidden class (one per adapted method),
 * so the JIT treats it as a constant and inlines the whole adapter chain and the target method.
 */
final class HostMethods {
  private HostMethods() {}

  /** The uniform shape every method is adapted to. */
  private static final MethodType UNIFORM =
      MethodType.methodType(void.class, Module.class, long[].class);

  /** A method adapted to a host function, with the signature derived from its Java types. */
  record Adapted(
      HostFunction function,
      List<ValueType> params,
      List<ValueType> results,
      List<String> paramNames) {}

  /**
   * The only method named {@code name} of {@code target}'s class (any access, inherited ones
   * included), or of {@code target} itself when it is a {@link Class} (then the method must be
   * static).
   *
   * @throws IllegalArgumentException if there is no such method, or more than one
   */
  static Method find(Object target, String name) {
    Class<?> type = target instanceof Class ? (Class<?>) target : target.getClass();
    Map<String, Method> found = new LinkedHashMap<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name) && !m.isSynthetic() && !m.isBridge()) {
          // Keep the most derived declaration of each signature (overrides hide the originals).
          found.putIfAbsent(
              MethodType.methodType(m.getReturnType(), m.getParameterTypes()) + "", m);
        }
      }
    }
    for (Method m : type.getMethods()) { // public methods of interfaces (default methods)
      if (m.getName().equals(name) && !m.isSynthetic() && !m.isBridge()) {
        found.putIfAbsent(MethodType.methodType(m.getReturnType(), m.getParameterTypes()) + "", m);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "host function: " + type.getName() + " has no method named \"" + name + "\"");
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          "host function: "
              + type.getName()
              + " has "
              + found.size()
              + " methods named \""
              + name
              + "\" "
              + found.values()
              + "; pass the one to use with withFunc(Method, Object)");
    }
    return found.values().iterator().next();
  }

  /**
   * Adapts {@code method}, called on {@code target} (ignored, may be null, for a static method).
   *
   * @throws IllegalArgumentException naming the method and the parameter if a type is not
   *     supported, or if an instance method has no target
   */
  static Adapted adapt(Method method, Object target) {
    String where = "host function method " + describe(method);
    boolean isStatic = Modifier.isStatic(method.getModifiers());
    if (!isStatic) {
      if (target == null || target instanceof Class) {
        throw new IllegalArgumentException(where + " is not static, so it needs a target object");
      }
      if (!method.getDeclaringClass().isInstance(target)) {
        throw new IllegalArgumentException(
            where + " cannot be called on a " + target.getClass().getName());
      }
    }
    Class<?>[] types = method.getParameterTypes();
    Parameter[] parameters = method.getParameters();
    boolean hasCaller = types.length > 0 && types[0] == Module.class;
    int first = hasCaller ? 1 : 0;
    List<ValueType> params = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean namesPresent = true;
    for (int i = first; i < types.length; i++) {
      ValueType t = valueType(types[i]);
      if (t == null) {
        throw new IllegalArgumentException(
            where
                + ": parameter "
                + i
                + " ("
                + parameters[i].getName()
                + ") has type "
                + types[i].getName()
                + "; supported are int, long, float, double, and a leading "
                + Module.class.getName()
                + " for the caller");
      }
      params.add(t);
      namesPresent &= parameters[i].isNamePresent();
      names.add(parameters[i].getName());
    }
    Class<?> returnType = method.getReturnType();
    List<ValueType> results;
    if (returnType == void.class) {
      results = List.of();
    } else {
      ValueType r = valueType(returnType);
      if (r == null) {
        throw new IllegalArgumentException(
            where
                + ": the result type "
                + returnType.getName()
                + " is not supported; supported are void, int, long, float and double");
      }
      results = List.of(r);
    }

    MethodHandle mh;
    try {
      method.setAccessible(true);
      mh = MethodHandles.lookup().unreflect(method);
    } catch (RuntimeException | IllegalAccessException e) {
      throw new IllegalArgumentException(where + " is not accessible: " + e.getMessage(), e);
    }
    if (!isStatic) {
      mh = mh.bindTo(target);
    }
    if (!hasCaller) {
      mh = MethodHandles.dropArguments(mh, 0, Module.class);
    }
    // (Module, p1, ..., pn)R -> (Module, long[], ..., long[])R: each parameter read from its slot.
    int n = params.size();
    MethodHandle[] readers = new MethodHandle[n];
    for (int i = 0; i < n; i++) {
      readers[i] = MethodHandles.insertArguments(reader(params.get(i)), 1, i);
    }
    mh = MethodHandles.filterArguments(mh, 1, readers);
    // -> (Module, long[])R: every long[] argument is the same stack.
    int[] reorder = new int[1 + n];
    for (int i = 1; i <= n; i++) {
      reorder[i] = 1;
    }
    mh = MethodHandles.permuteArguments(mh, UNIFORM.changeReturnType(returnType), reorder);
    if (returnType != void.class) {
      // writer(stack, mh(module, stack)) -> (Module, long[])void.
      mh = MethodHandles.collectArguments(writer(results.get(0)), 1, mh);
      mh = MethodHandles.permuteArguments(mh, UNIFORM, 1, 0, 1);
    }
    HostFunction function = constantCaller(mh, where);
    return new Adapted(
        function, List.copyOf(params), results, namesPresent ? List.copyOf(names) : List.of());
  }

  /**
   * A {@link HostFunction} whose {@code call} is {@code MH.invokeExact(caller, stack)} on a {@code
   * static final} field of a hidden class defined for {@code handle} alone. A handle in an instance
   * field is opaque to the JIT (a call through it is not inlined); a static final one is a constant,
   * so the adapters and the method itself inline into the caller. Throwables that are neither an
   * {@link Exception} nor an {@link Error} are wrapped by {@link #undeclared}.
   */
  private static HostFunction constantCaller(MethodHandle handle, String where) {
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.lookup().defineHiddenClassWithClassData(callerClass(), handle, true);
      return (HostFunction)
          lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
    } catch (Throwable t) {
      throw new IllegalStateException(where + ": cannot define its adapter class: " + t, t);
    }
  }

  /** The bytes of the hidden class, the same for every method (only its class data differs). */
  private static byte[] callerClassBytes;

  private static synchronized byte[] callerClass() {
    if (callerClassBytes == null) {
      callerClassBytes = generateCallerClass();
    }
    return callerClassBytes;
  }

  /**
   * Generates, in this package (required for a hidden class of this lookup):
   *
   * <pre>
   * final class HostMethods$Call implements HostFunction {
   *   static final MethodHandle MH = MethodHandles.classData(lookup(), "_", MethodHandle.class);
   *   public void call(Module caller, long[] stack) {
   *     try { MH.invokeExact(caller, stack); } catch (Throwable t) { throw undeclared(t); }
   *   }
   * }
   * </pre>
   */
  private static byte[] generateCallerClass() {
    String self = "dev/zerowasm/HostMethods$Call";
    String mhDesc = Type.getDescriptor(MethodHandle.class);
    String mhName = Type.getInternalName(MethodHandle.class);
    String mhs = Type.getInternalName(MethodHandles.class);
    String lookupDesc = Type.getDescriptor(MethodHandles.Lookup.class);
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(
        Opcodes.V17,
        Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
        self,
        null,
        "java/lang/Object",
        new String[] {Type.getInternalName(HostFunction.class)});
    int fieldAccess = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL;
    cw.visitField(fieldAccess, "MH", mhDesc, null, null).visitEnd();

    MethodVisitor clinit = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    clinit.visitCode();
    clinit.visitMethodInsn(Opcodes.INVOKESTATIC, mhs, "lookup", "()" + lookupDesc, false);
    clinit.visitLdcInsn("_");
    clinit.visitLdcInsn(Type.getType(MethodHandle.class));
    clinit.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        mhs,
        "classData",
        "(" + lookupDesc + "Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;",
        false);
    clinit.visitTypeInsn(Opcodes.CHECKCAST, mhName);
    clinit.visitFieldInsn(Opcodes.PUTSTATIC, self, "MH", mhDesc);
    clinit.visitInsn(Opcodes.RETURN);
    clinit.visitMaxs(0, 0);
    clinit.visitEnd();

    MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    String uniform = UNIFORM.toMethodDescriptorString();
    MethodVisitor call = cw.visitMethod(Opcodes.ACC_PUBLIC, "call", uniform, null, null);
    call.visitCode();
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    call.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
    call.visitLabel(start);
    call.visitFieldInsn(Opcodes.GETSTATIC, self, "MH", mhDesc);
    call.visitVarInsn(Opcodes.ALOAD, 1);
    call.visitVarInsn(Opcodes.ALOAD, 2);
    call.visitMethodInsn(Opcodes.INVOKEVIRTUAL, mhName, "invokeExact", uniform, false);
    call.visitLabel(end);
    call.visitInsn(Opcodes.RETURN);
    call.visitLabel(handler);
    call.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        Type.getInternalName(HostMethods.class),
        "undeclared",
        "(Ljava/lang/Throwable;)Ljava/lang/Throwable;",
        false);
    call.visitInsn(Opcodes.ATHROW);
    call.visitMaxs(0, 0);
    call.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * What the adapted function throws for {@code t}: an {@link Exception} or {@link Error} as is, a
   * direct subclass of {@link Throwable} wrapped. Package-private: called by the hidden class.
   */
  static Throwable undeclared(Throwable t) {
    return t instanceof Exception || t instanceof Error ? t : new UndeclaredThrowableException(t);
  }

  /** E.g. {@code Logger.log(int, int)}. */
  static String describe(Method method) {
    StringBuilder sb =
        new StringBuilder(method.getDeclaringClass().getSimpleName())
            .append('.')
            .append(method.getName())
            .append('(');
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
    }
    return sb.append(')').toString();
  }

  private static ValueType valueType(Class<?> c) {
    if (c == int.class) {
      return ValueType.I32;
    }
    if (c == long.class) {
      return ValueType.I64;
    }
    if (c == float.class) {
      return ValueType.F32;
    }
    if (c == double.class) {
      return ValueType.F64;
    }
    return null;
  }

  private static MethodHandle reader(ValueType t) {
    return handle("read" + t.name(), MethodType.methodType(javaType(t), long[].class, int.class));
  }

  private static MethodHandle writer(ValueType t) {
    return handle("write" + t.name(), MethodType.methodType(void.class, long[].class, javaType(t)));
  }

  private static Class<?> javaType(ValueType t) {
    switch (t) {
      case I32:
        return int.class;
      case I64:
        return long.class;
      case F32:
        return float.class;
      default:
        return double.class;
    }
  }

  private static MethodHandle handle(String name, MethodType type) {
    try {
      return MethodHandles.lookup().findStatic(HostMethods.class, name, type);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("missing adapter " + name + type, e);
    }
  }

  // The adapters: the encoding of ValueType / ValueCodec.

  @SuppressWarnings("unused")
  private static int readI32(long[] stack, int i) {
    return (int) stack[i];
  }

  @SuppressWarnings("unused")
  private static long readI64(long[] stack, int i) {
    return stack[i];
  }

  @SuppressWarnings("unused")
  private static float readF32(long[] stack, int i) {
    return Float.intBitsToFloat((int) stack[i]);
  }

  @SuppressWarnings("unused")
  private static double readF64(long[] stack, int i) {
    return Double.longBitsToDouble(stack[i]);
  }

  @SuppressWarnings("unused")
  private static void writeI32(long[] stack, int v) {
    stack[0] = v;
  }

  @SuppressWarnings("unused")
  private static void writeI64(long[] stack, long v) {
    stack[0] = v;
  }

  @SuppressWarnings("unused")
  private static void writeF32(long[] stack, float v) {
    stack[0] = Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
  }

  @SuppressWarnings("unused")
  private static void writeF64(long[] stack, double v) {
    stack[0] = Double.doubleToRawLongBits(v);
  }
}
