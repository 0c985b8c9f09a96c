package dev.zerowasm.internal.interpreter;

/**
 * One function translated for the interpreter: its internal code (see {@link Op}) and the frame
 * layout. A frame is a region of the value stack starting at the frame pointer: parameters, then
 * the other locals, then the operand stack. Immutable (all fields final), so a body may be
 * published to other threads through a plain array write.
 */
final class FunctionBody {
  /** The internal code. */
  final int[] code;

  /** The number of parameters. */
  final int numParams;

  /** The number of locals, parameters included. */
  final int numLocals;

  /** The highest slot the frame uses, relative to the frame pointer (locals plus operands). */
  final int maxStack;

  FunctionBody(int[] code, int numParams, int numLocals, int maxStack) {
    this.code = code;
    this.numParams = numParams;
    this.numLocals = numLocals;
    this.maxStack = maxStack;
  }
}
