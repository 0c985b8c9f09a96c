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
  /** {@code (long[], ModuleInstance) -> void}. */
  private final MethodHandle bridge;

  /** The generated class holding the function's static method. */
  final Class<?> owner;

  /** The function's index in its module's function index space. */
  final int funcIndex;

  CompiledFunction(
      FuncType type,
      ModuleInstance module,
      FunctionDefinition definition,
      MethodHandle bridge,
      Class<?> owner,
      int funcIndex) {
    super(type, module, definition);
    this.bridge = bridge;
    this.owner = owner;
    this.funcIndex = funcIndex;
  }

  /**
   * Calls {@link #call} once through a no-op bridge, so its {@code invokeExact} call site is linked
   * before any wasm runs (see {@link CompilerEngine}: linking deep in recursion could fail for
   * good).
   */
  static void warmUp() {
    MethodHandle noop =
        MethodHandles.empty(MethodType.methodType(void.class, long[].class, ModuleInstance.class));
    new CompiledFunction(FuncType.EMPTY, null, null, noop, CompiledFunction.class, -1)
        .call(new long[0]);
  }

  @Override
  public void call(long[] stack) {
    try {
      bridge.invokeExact(stack, module());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      // Generated code throws no checked exceptions; this is a bug if it happens.
      throw new IllegalStateException(
          "unexpected exception from compiled function " + definition().debugName(), t);
    }
  }
}
