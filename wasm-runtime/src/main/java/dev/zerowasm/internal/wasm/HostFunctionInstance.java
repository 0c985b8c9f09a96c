package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.HostFunction;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.api.WasmStackTrace;

/**
 * A host function of the public API ({@link HostFunction}) as a {@link FunctionInstance}, owned by
 * its host module.
 *
 * <p><b>The caller.</b> A host function receives the module that called it. Engines call {@link
 * FunctionInstance#call(long[])}, which has no caller, so the caller is bound at link time instead:
 * when a module imports a host function, {@link Instantiator} stores a {@link Bound} copy in the
 * importer's function index space that remembers the importer ({@link #bindTo}). Calls from the
 * importer's code (direct or through a table) then pass the importer as caller. Called directly
 * through the host module's export, the caller is the host module. A reference to the function that
 * the importer puts into a table shared with another module still names the importer.
 *
 * <p><b>Exceptions.</b> See {@link #invoke}: traps get the host function as a frame; other
 * exceptions travel through the engines inside a {@link HostFailure} (a {@link TrapException}, so
 * engines add their WebAssembly frames to it as they unwind) and are unwrapped at the boundary to
 * Java ({@link ExportedFunction}, {@link Instantiator}) by {@link HostFailure#unwrap()}.
 */
public final class HostFunctionInstance extends FunctionInstance {
  private final HostFunction function;

  /** Creates the function, owned by the host module {@code owner}. */
  public HostFunctionInstance(
      FuncType type, ModuleInstance owner, FunctionDefinition definition, HostFunction function) {
    super(type, owner, definition);
    this.function = function;
  }

  /** The Java implementation. */
  public HostFunction hostFunction() {
    return function;
  }

  /** Called through the host module's own export: the host module is the caller. */
  @Override
  public void call(long[] stack) {
    invoke(module(), stack);
  }

  /**
   * The function as {@code caller} imports it: a copy that passes {@code caller} to the host code.
   */
  public FunctionInstance bindTo(ModuleInstance caller) {
    return new Bound(this, caller);
  }

  /**
   * Runs the host code for {@code caller}.
   *
   * <ul>
   *   <li>{@link TrapException}: gets this function as a WebAssembly frame and propagates.
   *   <li>{@link ExitException} (thrown by the host code, or escaping from a call it made back into
   *       WebAssembly): closes {@code caller} with its exit code and propagates.
   *   <li>other {@link RuntimeException}s: propagate inside a {@link HostFailure}.
   *   <li>checked exceptions: wrapped in a {@link WasmException} naming this function, inside a
   *       {@link HostFailure}.
   *   <li>{@link Error}s (e.g. {@link StackOverflowError}, which the boundary turns into a trap)
   *       propagate unchanged.
   * </ul>
   */
  void invoke(ModuleInstance caller, long[] stack) {
    try {
      function.call(caller, stack);
    } catch (ExitException e) {
      // Also when the exit comes from a nested call the host code let escape: then this caller
      // exits too. A host that wants to contain a nested exit catches it.
      caller.closeWithExitCode(e.exitCode());
      throw e;
    } catch (TrapException e) {
      if (!(e instanceof HostFailure)) {
        e.addWasmFrame(definition().debugName());
      }
      throw e;
    } catch (RuntimeException e) {
      throw new HostFailure(e, definition().debugName());
    } catch (Exception e) {
      throw new HostFailure(
          new WasmException("host function " + definition().debugName() + " failed: " + e, e),
          definition().debugName());
    }
  }

  /** A host function bound to the module that imports it; see the class comment. */
  static final class Bound extends FunctionInstance {
    final HostFunctionInstance host;
    final ModuleInstance caller;

    Bound(HostFunctionInstance host, ModuleInstance caller) {
      super(host.type(), host.module(), host.definition());
      this.host = host;
      this.caller = caller;
    }

    @Override
    public void call(long[] stack) {
      host.invoke(caller, stack);
    }
  }

  /**
   * Carries a non-trap exception of a host function through the engines, which add WebAssembly
   * frames to traps only. Never reaches users: the boundary to Java calls {@link #unwrap()}.
   */
  public static final class HostFailure extends TrapException {
    private final RuntimeException original;

    HostFailure(RuntimeException original, String hostDebugName) {
      // The kind is irrelevant: this exception is unwrapped before anyone can see it.
      super(TrapKind.UNREACHABLE, "host function " + hostDebugName + " threw " + original);
      this.original = original;
      addWasmFrame(hostDebugName);
    }

    /**
     * The original exception, with this carrier's WebAssembly frames appended to its {@link
     * WasmStackTrace} (created if it has none yet; it has one already when it crossed an earlier
     * boundary, as when a host function called back into WebAssembly).
     */
    public RuntimeException unwrap() {
      WasmStackTrace trace = WasmStackTrace.of(original).orElse(null);
      if (trace == null) {
        trace = new WasmStackTrace();
        original.addSuppressed(trace);
      }
      for (String frame : wasmStackTrace()) {
        trace.addWasmFrame(frame);
      }
      return original;
    }

    /** No Java stack trace: this exception only carries another one. */
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
