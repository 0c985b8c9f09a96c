package dev.zerowasm.internal.interpreter;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;

/** A WebAssembly function run by the interpreter, bound to its module instance. */
final class InterpreterFunction extends FunctionInstance {
  final InterpretedCode compiled;
  final int definedIndex;

  InterpreterFunction(
      FuncType type,
      ModuleInstance module,
      FunctionDefinition definition,
      InterpretedCode compiled,
      int definedIndex) {
    super(type, module, definition);
    this.compiled = compiled;
    this.definedIndex = definedIndex;
  }

  @Override
  public void call(long[] stack) {
    FunctionBody body = compiled.body(definedIndex);
    Context ctx = Context.acquire();
    try {
      long[] s = ctx.ensure(body.maxStack);
      System.arraycopy(stack, 0, s, 0, body.numParams);
      Interpreter.execute(ctx, this, 0);
      System.arraycopy(ctx.stack, 0, stack, 0, type().resultCount());
    } finally {
      ctx.release();
    }
  }
}
