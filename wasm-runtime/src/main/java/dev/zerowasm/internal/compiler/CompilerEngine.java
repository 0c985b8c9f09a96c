package dev.zerowasm.internal.compiler;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;

/**
 * The compiler engine: translates each WebAssembly function into a static method of a generated JVM
 * class, defined as a hidden class so it is unloaded with the last reference to its code.
 *
 * <p>Functions are grouped into classes (by a budget of body bytes, halved when a class overflows
 * the class file limits); calls inside a class are {@code invokestatic}, calls across classes go
 * through {@link FunctionInstance#call(long[])}. A function that cannot become a JVM method (too
 * much bytecode, more than 255 parameter slots, SIMD) runs on the fallback engine, the interpreter
 * by default.
 */
public final class CompilerEngine implements Engine {
  /** Wasm body bytes per generated class before it is split; keeps constant pools in range. */
  private static final int CLASS_BUDGET = 96 * 1024;

  /** JVM local slots (of 65535) a function may use for wasm locals, leaving room for scratch. */
  private static final int MAX_LOCAL_SLOTS = 60_000;

  /**
   * Bytecode size above which a function is split into several methods: HotSpot's limit for JIT
   * compilation (DontCompileHugeMethods).
   */
  private static final int HUGE_METHOD_BYTES = 8000;

  /** Wasm bytes a split function's method keeps inline before outlining more blocks. */
  private static final int OUTLINE_BUDGET = 1500;

  private final Engine fallback;
  private final int hugeMethodBytes;
  private final int outlineBudget;

  /** A compiler falling back to the interpreter for functions the JVM cannot hold. */
  public CompilerEngine() {
    this(new InterpreterEngine());
  }

  /** A compiler falling back to {@code fallback} for functions the JVM cannot hold. */
  public CompilerEngine(Engine fallback) {
    this(fallback, HUGE_METHOD_BYTES, OUTLINE_BUDGET);
  }

  /** For tests: a compiler splitting functions above {@code hugeMethodBytes} of bytecode. */
  CompilerEngine(Engine fallback, int hugeMethodBytes, int outlineBudget) {
    this.fallback = fallback;
    this.hugeMethodBytes = hugeMethodBytes;
    this.outlineBudget = outlineBudget;
  }

  @Override
  public CompiledCode compile(WasmModule module) {
    ensureRuntimeClassesInitialized();
    int imported = module.importedFunctionCount;
    int own = module.codes.length;
    BitSet interpreted = new BitSet();
    for (int i = 0; i < own; i++) {
      if (!compilable(module, imported + i)) {
        interpreted.set(imported + i);
      }
    }
    MethodHandle[] bridges = new MethodHandle[own];
    Class<?>[] owners = new Class<?>[own];
    List<int[]> pending = new ArrayList<>(partition(module, interpreted));
    while (!pending.isEmpty()) {
      int[] group = pending.remove(pending.size() - 1);
      try {
        defineGroup(module, group, interpreted, bridges, owners);
      } catch (LinkageError e) {
        // The JVM rejected the class (a compiler bug, e.g. a VerifyError): isolate the function(s)
        // at fault by halving, and let the fallback engine run them, rather than fail the module.
        if (group.length == 1) {
          interpreted.set(group[0]);
        } else {
          int half = group.length / 2;
          pending.add(java.util.Arrays.copyOfRange(group, 0, half));
          pending.add(java.util.Arrays.copyOfRange(group, half, group.length));
        }
      } catch (ClassTooLargeException e) {
        if (group.length == 1) {
          interpreted.set(group[0]);
        } else {
          int half = group.length / 2;
          pending.add(java.util.Arrays.copyOfRange(group, 0, half));
          pending.add(java.util.Arrays.copyOfRange(group, half, group.length));
        }
      }
    }
    CompiledCode fallbackCode = interpreted.isEmpty() ? null : fallback.compile(module);
    return new ModuleCode(module, bridges, owners, fallbackCode);
  }

  /**
   * Initialises the classes generated code uses, and links their method handle call sites, now
   * rather than on first use: a first use deep in wasm recursion could run into a
   * StackOverflowError there, which would leave the class or call site unusable for the life of the
   * JVM.
   */
  private static void ensureRuntimeClassesInitialized() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      lookup.ensureInitialized(RuntimeSupport.class);
      CompiledFunction.warmUp();
      MethodHandles.publicLookup().ensureInitialized(TrapException.class);
      MethodHandles.publicLookup().ensureInitialized(TrapKind.class);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot initialise the compiler's runtime classes", e);
    }
  }

  /** Whether function {@code funcIndex} can be a JVM method at all. */
  private static boolean compilable(WasmModule module, int funcIndex) {
    FuncType t = module.functionType(funcIndex);
    Code code = module.codes[funcIndex - module.importedFunctionCount];
    if (hasV128(t.params()) || hasV128(t.results()) || hasV128(code.locals())) {
      return false; // SIMD is not compiled yet
    }
    if (FunctionCompiler.parameterSlots(t) > 255) {
      return false;
    }
    long slots = FunctionCompiler.parameterSlots(t) + 2L * code.locals().length;
    return slots <= MAX_LOCAL_SLOTS;
  }

  private static boolean hasV128(ValueType[] types) {
    for (ValueType t : types) {
      if (t == ValueType.V128) {
        return true;
      }
    }
    return false;
  }

  private static List<int[]> partition(WasmModule module, BitSet interpreted) {
    List<int[]> groups = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long size = 0;
    for (int i = 0; i < module.codes.length; i++) {
      int f = module.importedFunctionCount + i;
      if (interpreted.get(f)) {
        continue;
      }
      Code c = module.codes[i];
      int len = c.bodyEnd() - c.bodyStart();
      if (!current.isEmpty() && size + len > CLASS_BUDGET) {
        groups.add(current.stream().mapToInt(Integer::intValue).toArray());
        current.clear();
        size = 0;
      }
      current.add(f);
      size += len;
    }
    if (!current.isEmpty()) {
      groups.add(current.stream().mapToInt(Integer::intValue).toArray());
    }
    return groups;
  }

  /**
   * Generates and defines the class of {@code group}, retrying without the functions whose methods
   * are too large (those move to {@code interpreted}); fills in their bridges.
   */
  private void defineGroup(
      WasmModule module,
      int[] group,
      BitSet interpreted,
      MethodHandle[] bridges,
      Class<?>[] owners) {
    while (true) {
      byte[] bytes;
      try {
        bytes =
            ClassGenerator.generate(
                module, group, interpreted, CoreFeatures.V2, hugeMethodBytes, outlineBudget);
      } catch (MethodTooLargeException e) {
        int f = ClassGenerator.functionOf(e.getMethodName());
        if (f < 0 || interpreted.get(f)) {
          throw e;
        }
        interpreted.set(f);
        continue;
      } catch (ClassGenerator.FunctionFailedException e) {
        // E.g. an instruction the compiler does not support yet: the fallback engine runs it.
        interpreted.set(e.function);
        continue;
      }
      boolean any = false;
      for (int f : group) {
        any |= !interpreted.get(f);
      }
      if (!any) {
        return;
      }
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
        MethodType bridgeType =
            MethodType.methodType(void.class, long[].class, ModuleInstance.class);
        for (int f : group) {
          if (!interpreted.get(f)) {
            bridges[f - module.importedFunctionCount] =
                lookup.findStatic(lookup.lookupClass(), ClassGenerator.bridgeName(f), bridgeType);
            owners[f - module.importedFunctionCount] = lookup.lookupClass();
          }
        }
      } catch (IllegalAccessException | NoSuchMethodException e) {
        throw new IllegalStateException(
            "cannot define the compiled code of functions "
                + group[0]
                + ".."
                + group[group.length - 1],
            e);
      }
      return;
    }
  }

  /** The compiled code of one module: one bridge per compiled function. */
  private static final class ModuleCode implements CompiledCode {
    private final WasmModule module;
    private final MethodHandle[] bridges;
    private final Class<?>[] owners;
    private final CompiledCode fallbackCode;

    ModuleCode(
        WasmModule module, MethodHandle[] bridges, Class<?>[] owners, CompiledCode fallbackCode) {
      this.module = module;
      this.bridges = bridges;
      this.owners = owners;
      this.fallbackCode = fallbackCode;
    }

    @Override
    public FunctionInstance[] instantiate(ModuleInstance instance) {
      FunctionInstance[] interpreted =
          fallbackCode == null ? null : fallbackCode.instantiate(instance);
      FunctionInstance[] result = new FunctionInstance[bridges.length];
      int imported = module.importedFunctionCount;
      for (int i = 0; i < bridges.length; i++) {
        if (bridges[i] == null) {
          result[i] = interpreted[i];
        } else {
          result[i] =
              new CompiledFunction(
                  module.functionType(imported + i),
                  instance,
                  instance.definitions[imported + i],
                  bridges[i],
                  owners[i],
                  imported + i);
        }
      }
      return result;
    }
  }
}
