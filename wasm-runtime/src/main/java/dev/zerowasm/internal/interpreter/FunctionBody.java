package dev.zerowasm.internal.interpreter;

/**
 * One function translated for the interpreter: its internal code (see {@link Op}) and the frame
 * layout. A frame is a region of the value stack starting at the frame pointer: parameters, then
 * the other locals, then the function's pooled constants, then the operand stack. Values are
 * packed: a v128 takes two consecutive slots (low half first), every other value one. Immutable (all
 * fields final), so a body may be published to other threads through a plain array write.
 */
final class FunctionBody {
  /** The internal code. */
  final int[] code;

  /** The number of slots the parameters take (a v128 takes two, low half first). */
  final int numParams;

  /** The number of slots the locals take, parameters included. */
  final int numLocals;

  /** The highest slot the frame uses, relative to the frame pointer (locals plus operands). */
  final int maxStack;

  /**
   * Constants that the code reads from slots {@code numLocals + i}, written there on every entry,
   * so that instructions take constants as ordinary slot operands.
   */
  final long[] constants;

  FunctionBody(int[] code, int numParams, int numLocals, int maxStack, long[] constants) {
    this.code = code;
    this.numParams = numParams;
    this.numLocals = numLocals;
    this.maxStack = maxStack;
    this.constants = constants;
  }
}
