package dev.zerowasm.wasi;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.HostModuleBuilder;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.wasi.internal.WasiFunctionSignature;
import dev.zerowasm.wasi.internal.WasiFunctions;
import dev.zerowasm.wasi.internal.WasiPreview1;
import dev.zerowasm.wasi.internal.WasiStackFunctions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code wasi_snapshot_preview1} host module of one {@link Runtime}, and the way to run WASI
 * commands in it.
 *
 * <pre>{@code
 * try (Runtime runtime = Runtime.create();
 *     WasiHost wasi = WasiHost.instantiate(runtime)) {
 *   CompiledModule app = runtime.compile(Files.readAllBytes(Path.of("app.wasm")));
 *   WasiHost.Result r = wasi.run(app, ModuleConfig.create().withArgs("app").withStdout(System.out));
 *   System.exit(r.exitCode());
 * }
 * }</pre>
 *
 * <p><b>One host module per runtime, one WASI state per guest instance.</b> As in wazero, WASI is
 * registered once per runtime (a runtime can hold only one module named {@code
 * wasi_snapshot_preview1}), and every guest instance that calls it gets its own state: descriptor
 * table, arguments, environment, streams and mounts, made on its first WASI call from the {@link
 * ModuleConfig} it was instantiated with ({@link ModuleConfig#of}). So a guest instantiated with
 * {@code runtime.instantiate(app, ModuleConfig.create().withArgs(...))} runs as a WASI program, and
 * two instances never share open files.
 *
 * <p>A state lives until its guest is closed: states of closed guests are released when the next
 * new guest makes its first call, by {@link #run}, and by {@link #close()}.
 *
 * <p>Thread-safe: guests on several threads may use the same host.
 */
public final class WasiHost implements AutoCloseable {
  /**
   * The exit code {@link #run} reports when the guest traps: 134, as wasmtime (128 + SIGABRT), so a
   * trap is never mistaken for success.
   */
  public static final int TRAP_EXIT_CODE = 134;

  private final Runtime runtime;
  private final Module hostModule;
  private final Map<Module, WasiPreview1> states = new IdentityHashMap<>();

  private WasiHost(Runtime runtime) {
    this.runtime = runtime;
    HostModuleBuilder builder = runtime.newHostModuleBuilder(WasiFunctions.MODULE_NAME);
    for (WasiFunctionSignature sig : WasiFunctions.all()) {
      WasiStackFunctions.StackFunction fn = WasiStackFunctions.get(sig.name());
      String name = sig.name();
      builder
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> fn.call(stateOf(caller), memoryOf(caller, name), stack),
              sig.paramTypes(),
              sig.resultTypes())
          .withParameterNames(sig.paramNames().toArray(new String[0]))
          .withResultNames(sig.resultTypes().isEmpty() ? new String[0] : new String[] {"errno"})
          .export(name);
    }
    this.hostModule = builder.instantiate();
  }

  /**
   * Registers {@code wasi_snapshot_preview1} (all 46 functions, with parameter and result names for
   * logging) in {@code runtime}.
   *
   * @throws WasmException if the runtime already has a module of that name
   */
  public static WasiHost instantiate(Runtime runtime) {
    return new WasiHost(Objects.requireNonNull(runtime, "runtime"));
  }

  /** The host module registered in the runtime. */
  public Module hostModule() {
    return hostModule;
  }

  /**
   * Runs a WASI command: instantiates {@code guest} with {@code config} (its {@code _start} runs,
   * and its WASI calls see {@code config}'s arguments, environment, streams and mounts), closes it,
   * and reports how it ended. The guest is anonymous unless {@code config} names it, so the same
   * program can run many times at once. {@code proc_exit(n)} gives exit code {@code n}, returning from {@code
   * _start} gives 0, a trap gives {@link #TRAP_EXIT_CODE} with the trap. stdout and stderr are
   * flushed.
   *
   * @throws dev.zerowasm.api.LinkException if an import is missing or has the wrong type
   * @throws RuntimeException what a host function other than WASI threw
   */
  public Result run(CompiledModule guest, ModuleConfig config) {
    Module module = null;
    try {
      module = runtime.instantiate(guest, config.name() == null ? config.withName("") : config);
      return new Result(0, null);
    } catch (ExitException e) {
      return new Result(e.exitCode(), null);
    } catch (TrapException e) {
      return new Result(TRAP_EXIT_CODE, e);
    } finally {
      if (module != null) {
        module.close();
      }
      flush(config.stdout());
      flush(config.stderr());
      releaseClosed();
    }
  }

  private static void flush(OutputStream out) {
    try {
      out.flush();
    } catch (IOException e) {
      // The guest has finished; a stream that cannot flush has nothing left to report to it.
    }
  }

  /** How a WASI command ended. */
  public record Result(int exitCode, TrapException trap) {
    /** Whether the guest trapped (then {@link #exitCode()} is {@link #TRAP_EXIT_CODE}). */
    public boolean trapped() {
      return trap != null;
    }
  }

  private WasiPreview1 stateOf(Module caller) {
    synchronized (states) {
      WasiPreview1 state = states.get(caller);
      if (state == null) {
        releaseClosedLocked();
        state = new WasiPreview1(ModuleConfig.of(caller));
        states.put(caller, state);
      }
      return state;
    }
  }

  private static Memory memoryOf(Module caller, String function) {
    Memory mem = caller.memory();
    if (mem == null) {
      throw new WasmException(
          "WASI function "
              + function
              + " called by module \""
              + caller.name()
              + "\", which has no memory");
    }
    return mem;
  }

  private void releaseClosed() {
    synchronized (states) {
      releaseClosedLocked();
    }
  }

  private void releaseClosedLocked() {
    for (Iterator<Map.Entry<Module, WasiPreview1>> it = states.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Module, WasiPreview1> e = it.next();
      if (e.getKey().isClosed()) {
        e.getValue().close();
        it.remove();
      }
    }
  }

  /** Closes every guest's open files and the host module (unregistering it). */
  @Override
  public void close() {
    List<WasiPreview1> all;
    synchronized (states) {
      all = new ArrayList<>(states.values());
      states.clear();
    }
    for (WasiPreview1 s : all) {
      s.close();
    }
    hostModule.close();
  }
}
