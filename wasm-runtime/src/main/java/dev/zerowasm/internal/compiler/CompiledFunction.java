package dev.zerowasm.internal.compiler;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.lang.invoke.MethodHandle;

/**
 * A guest function compiled to JVM bytecode, bound to its module instance. {@link #call} goes
 * through the function's generated bridge method, which unpacks the {@code long[]} arguments,
 * invokes the static method and packs the results.
 */
final class CompiledFunction extends FunctionInstance {
  /** {@code (long[], ModuleInstance) -> void}. */
  private final MethodHandle bridge;

  CompiledFunction(FuncType type, ModuleInstance module, FunctionDefinition definition,
      MethodHandle bridge) {
    super(type, module, definition);
    this.bridge = bridge;
  }

  @Override
  public void call(long[] stack) {
    try {
      bridge.invokeExact(stack, module());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      // Generated code throws no checked exceptions; this is a bug if it happens.
      throw new IllegalStateException("unexpected exception from compiled function "
          + definition().debugName(), t);
    }
  }
}
