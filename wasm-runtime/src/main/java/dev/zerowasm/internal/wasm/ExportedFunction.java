package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.api.WasmException;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;

/**
 * The {@link Function} users call: checks the arguments against the signature and the module's
 * lifecycle, then runs the {@link FunctionInstance} with the common {@code long[]} calling
 * convention.
 *
 * <p>A {@code v128} parameter or result takes two slots (low, then high 64 bits), so {@link #call}
 * expects that many longs.
 */
public final class ExportedFunction implements Function {
  private final ModuleInstance owner;
  private final FunctionInstance function;
  private final FunctionDefinition definition;
  private final int paramSlots;
  private final int resultSlots;

  /** Wraps {@code function}, exported by {@code owner} and described by {@code definition}. */
  public ExportedFunction(
      ModuleInstance owner, FunctionInstance function, FunctionDefinition definition) {
    this.owner = owner;
    this.function = function;
    this.definition = definition;
    this.paramSlots = slots(function.type().params());
    this.resultSlots = slots(function.type().results());
  }

  /** The number of {@code long}s that values of {@code types} take. */
  static int slots(ValueType[] types) {
    int n = 0;
    for (ValueType t : types) {
      n += t == ValueType.V128 ? 2 : 1;
    }
    return n;
  }

  /** The function instance this calls. */
  public FunctionInstance function() {
    return function;
  }

  @Override
  public FunctionDefinition definition() {
    return definition;
  }

  @Override
  public long[] call(long... params) {
    if (owner.closed) {
      throw new WasmException(
          "cannot call "
              + definition.debugName()
              + ": "
              + owner
              + " is closed"
              + owner.exitCode().stream()
                  .mapToObj(c -> " (exit code " + c + ")")
                  .findFirst()
                  .orElse(""));
    }
    int given = params == null ? 0 : params.length;
    if (given != paramSlots) {
      throw new IllegalArgumentException(
          "function "
              + definition.debugName()
              + " "
              + function.type()
              + " expects "
              + paramSlots
              + " parameter value(s), but "
              + given
              + " were given");
    }
    long[] stack = new long[Math.max(paramSlots, resultSlots)];
    if (given > 0) {
      System.arraycopy(params, 0, stack, 0, given);
    }
    // A call timeout runs from the outermost call from the host; nested ones share its deadline.
    ScheduledFuture<?> deadline =
        owner.callTimeoutNanos > 0 && owner.hostCallDepth++ == 0
            ? Deadlines.schedule(owner)
            : null;
    try {
      function.call(stack);
    } catch (HostFunctionInstance.HostFailure e) {
      // A host function threw a non-trap exception: hand the original to the caller.
      throw e.unwrap();
    } catch (StackOverflowError e) {
      // Deep wasm recursion exhausts the JVM stack; the spec calls that a trap.
      TrapException trap =
          new TrapException(
              TrapKind.CALL_STACK_EXHAUSTED,
              TrapKind.CALL_STACK_EXHAUSTED.message() + " in " + definition.debugName(),
              e);
      throw trap;
    } finally {
      if (owner.callTimeoutNanos > 0) {
        owner.hostCallDepth--;
        if (deadline != null) {
          deadline.cancel(false);
        }
      }
    }
    if (owner.closed && owner.exitCode().isPresent()) {
      // The module was closed with an exit code while the call ran (e.g. by a host function).
      throw new ExitException(owner.exitCode().getAsInt());
    }
    return resultSlots == stack.length ? stack : Arrays.copyOf(stack, resultSlots);
  }

  @Override
  public String toString() {
    return definition.toString();
  }
}
