package dev.zerowasm.internal.wasm;

import java.util.List;

/**
 * A constant expression (global initialisers, segment offsets, element items), as the list of its
 * instructions without the final {@code end}. Evaluated at instantiation.
 *
 * <p>Each instruction has an opcode from {@link Opcodes} and one immediate: the value of a {@code
 * t.const} (raw bits for floats), the index of {@code global.get} / {@code ref.func}, or the
 * reference type code of {@code ref.null}. {@code v128.const} keeps its high 64 bits in {@code
 * immediateHigh}.
 */
public record ConstExpr(List<Instruction> instructions) {
  /** One instruction of a constant expression. */
  public record Instruction(int opcode, long immediate, long immediateHigh) {}

  /** The expression {@code ref.func index}, used for the function indices of element segments. */
  public static ConstExpr refFunc(int index) {
    return new ConstExpr(List.of(new Instruction(Opcodes.REF_FUNC, index, 0)));
  }
}
