package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.experimental.FunctionListener;
import dev.zerowasm.experimental.FunctionListenerFactory;
import dev.zerowasm.experimental.StackIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A function wrapped so that its {@link FunctionListener} sees every call. Instantiation replaces
 * the entries of {@link ModuleInstance#functions} with these (before segments fill tables and
 * before anything runs), and the module's code, compiled with {@code CodeOptions.listening}, calls
 * every function through that array, so no call bypasses the listener; tail calls ({@code
 * return_call}) are not calls in this sense (see {@link #tailCallTarget}).
 *
 * <p>Each thread keeps the stack of listened calls for {@link StackIterator}.
 */
public final class ListenedFunction extends FunctionInstance {
  private static final ThreadLocal<List<Object[]>> FRAMES =
      ThreadLocal.withInitial(ArrayList::new);

  private final FunctionInstance delegate;
  private final FunctionListener listener;
  private final ModuleInstance listenedModule;
  private final int paramSlots;
  private final int resultSlots;

  private ListenedFunction(
      FunctionInstance delegate, FunctionListener listener, ModuleInstance listenedModule) {
    super(delegate.type(), delegate.module(), delegate.definition());
    this.delegate = delegate;
    this.listener = listener;
    this.listenedModule = listenedModule;
    this.paramSlots = ExportedFunction.slots(delegate.type().params());
    this.resultSlots = ExportedFunction.slots(delegate.type().results());
  }

  /**
   * Wraps every function of {@code instance} (imports included) for which {@code factory} returns
   * a listener; asks the factory with the instance's name.
   */
  public static void wrapAll(ModuleInstance instance, FunctionListenerFactory factory) {
    FunctionInstance[] fs = instance.functions;
    for (int i = 0; i < fs.length; i++) {
      FunctionInstance f = fs[i];
      // An import is described by what it resolved to (e.g. a host function, so it logs as one).
      FunctionDefinition definition =
          i < instance.module.importedFunctionCount ? f.definition() : instance.definitions[i];
      FunctionListener listener = factory.newListener(instance.name(), definition);
      if (listener != null) {
        fs[i] = new ListenedFunction(f, listener, instance);
      }
    }
  }

  @Override
  public void call(long[] stack) {
    FunctionDefinition def = definition();
    long[] params = Arrays.copyOf(stack, paramSlots);
    List<Object[]> frames = FRAMES.get();
    frames.add(new Object[] {def, params});
    try {
      listener.before(listenedModule, def, params.clone(), new Walker(frames));
      delegate.call(stack);
    } catch (RuntimeException | Error e) {
      listener.abort(listenedModule, def, e);
      throw e;
    } finally {
      frames.remove(frames.size() - 1);
    }
    listener.after(listenedModule, def, Arrays.copyOf(stack, resultSlots));
  }

  /**
   * What this wraps: a tail call replaces its caller's frame, so it is not reported (a listener
   * must not change whether a program runs: tail recursion would otherwise take a frame per step).
   */
  @Override
  public FunctionInstance tailCallTarget() {
    return delegate.tailCallTarget();
  }

  /** Walks a snapshot-free view of the thread's frames, innermost first. */
  private static final class Walker implements StackIterator {
    private final List<Object[]> frames;
    private int at;

    Walker(List<Object[]> frames) {
      this.frames = frames;
      this.at = frames.size();
    }

    @Override
    public boolean next() {
      if (at <= 0) {
        return false;
      }
      at--;
      return true;
    }

    @Override
    public FunctionDefinition definition() {
      return (FunctionDefinition) frame()[0];
    }

    @Override
    public long[] params() {
      return ((long[]) frame()[1]).clone();
    }

    private Object[] frame() {
      if (at >= frames.size()) {
        throw new IllegalStateException("call next() before reading a frame");
      }
      return frames.get(at);
    }
  }
}
