package dev.zerowasm.internal.interpreter;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;

/** A WebAssembly function run by the interpreter, bound to its module instance. */
final class InterpreterFunction extends FunctionInstance {
  final InterpretedCode compiled;
  final int definedIndex;

  /** The number of slots of the results (a v128 takes two, low half first). */
  private final int resultSlots;

  InterpreterFunction(
      FuncType type,
      ModuleInstance module,
      FunctionDefinition definition,
      InterpretedCode compiled,
      int definedIndex) {
    super(type, module, definition);
    this.compiled = compiled;
    this.definedIndex = definedIndex;
    this.resultSlots = slots(type.results());
  }

  /** The number of {@code long} slots that values of {@code types} take: two per v128. */
  static int slots(ValueType[] types) {
    int n = 0;
    for (ValueType t : types) {
      n += t == ValueType.V128 ? 2 : 1;
    }
    return n;
  }

  /**
   * Runs the function with its arguments in {@code stack} and leaves its results there, both packed
   * (a v128 takes two slots, low half first).
   */
  @Override
  public void call(long[] stack) {
    FunctionBody body = compiled.body(definedIndex);
    Context ctx = Context.acquire();
    try {
      long[] s = ctx.ensure(body.maxStack);
      System.arraycopy(stack, 0, s, 0, body.numParams);
      Interpreter.execute(ctx, this, 0);
      System.arraycopy(ctx.stack, 0, stack, 0, resultSlots);
    } finally {
      ctx.release();
    }
  }
}
