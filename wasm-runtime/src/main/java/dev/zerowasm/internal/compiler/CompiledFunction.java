package dev.zerowasm.internal.compiler;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A guest function compiled to JVM bytecode, bound to its module instance. {@link #call} goes
 * through the function's generated bridge method, which unpacks the {@code long[]} arguments,
 * invokes the static method and packs the results.
 */
final class CompiledFunction extends FunctionInstance {
  /** The type of every bridge method. */
  static final MethodType BRIDGE_TYPE =
      MethodType.methodType(void.class, long[].class, ModuleInstance.class);

  /**
   * {@code (long[], ModuleInstance) -> void}, looked up on the first call (then cached for every
   * instance in {@link #bridges}): a module of 20,000 functions would otherwise spend a good part
   * of its compilation on method handle lookups for functions it may never call from the host. A
   * data race here only repeats an idempotent lookup.
   */
  private MethodHandle bridge;

  /** Where {@link #bridge} comes from; null if it was given. */
  private final Bridges bridges;

  /** The generated class holding the function's static method. */
  final Class<?> owner;

  /** The function's index in its module's function index space. */
  final int funcIndex;

  CompiledFunction(
      FuncType type,
      ModuleInstance module,
      FunctionDefinition definition,
      Bridges bridges,
      int ownIndex,
      int funcIndex) {
    super(type, module, definition);
    this.bridges = bridges;
    this.ownIndex = ownIndex;
    this.owner = bridges.owner(ownIndex);
    this.funcIndex = funcIndex;
  }

  private CompiledFunction(MethodHandle bridge) {
    super(FuncType.EMPTY, null, null);
    this.bridge = bridge;
    this.bridges = null;
    this.ownIndex = -1;
    this.owner = CompiledFunction.class;
    this.funcIndex = -1;
  }

  /** The index of the function among its module's own (non-imported) functions. */
  private final int ownIndex;

  /**
   * The bridges of one module's compiled functions (by own function index), looked up lazily from
   * the lookups of the hidden classes that hold them, and shared by all its instances.
   */
  static final class Bridges {
    private final MethodHandles.Lookup[] lookups;
    private final MethodHandle[] handles;

    /** {@code lookups[i]}: the lookup of the class holding own function i, or null. */
    Bridges(MethodHandles.Lookup[] lookups) {
      this.lookups = lookups;
      this.handles = new MethodHandle[lookups.length];
    }

    /** Whether own function {@code i} is compiled. */
    boolean compiled(int i) {
      return lookups[i] != null;
    }

    /** The class holding own function {@code i}. */
    Class<?> owner(int i) {
      return lookups[i].lookupClass();
    }

    /** The bridge of own function {@code i}, whose index in the module is {@code funcIndex}. */
    MethodHandle get(int i, int funcIndex) {
      MethodHandle h = handles[i];
      if (h == null) {
        try {
          h = lookups[i].findStatic(owner(i), ClassGenerator.bridgeName(funcIndex), BRIDGE_TYPE);
        } catch (IllegalAccessException | NoSuchMethodException e) {
          throw new IllegalStateException("no bridge for compiled function " + funcIndex, e);
        }
        handles[i] = h; // racy but idempotent: a MethodHandle is safely published (final fields)
      }
      return h;
    }
  }

  /**
   * Calls {@link #call} once through a no-op bridge, so its {@code invokeExact} call site is linked
   * before any wasm runs (see {@link CompilerEngine}: linking deep in recursion could fail for
   * good).
   */
  static void warmUp() {
    new CompiledFunction(MethodHandles.empty(BRIDGE_TYPE)).call(new long[0]);
  }

  @Override
  public void call(long[] stack) {
    MethodHandle b = bridge;
    if (b == null) {
      b = bridge = bridges.get(ownIndex, funcIndex);
    }
    try {
      b.invokeExact(stack, module());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      // Generated code throws no checked exceptions; this is a bug if it happens.
      throw new IllegalStateException(
          "unexpected exception from compiled function " + definition().debugName(), t);
    }
  }
}
