package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The instances of one guest module. A wasm instance is not thread-safe, so each caller borrows an
 * instance of its own: at most {@code pool.max-size} exist at once, created on demand and reused; a
 * caller waits up to {@code pool.max-wait} for one to become free. An instance whose call trapped,
 * exited or failed otherwise may be in a broken state (half-written memory, exited) and is closed
 * instead of being returned.
 */
public final class ModulePool implements AutoCloseable {

  private static final Log LOG = LogFactory.getLog(ModulePool.class);

  private final String moduleName;
  private final Runtime runtime;
  private final CompiledModule compiled;
  private final WasmModuleSpec spec;
  private final ModuleConfig moduleConfig;
  private final List<WasmCallListener> listeners;

  /** One permit per instance that may be in use; limits the pool to max-size. */
  private final Semaphore permits;

  private final Deque<Module> idle = new ConcurrentLinkedDeque<>();
  private final Set<Module> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inUse = new AtomicInteger();
  private volatile boolean closed;

  ModulePool(
      String moduleName,
      Runtime runtime,
      CompiledModule compiled,
      WasmModuleSpec spec,
      List<WasmCallListener> listeners) {
    this.moduleName = moduleName;
    this.runtime = runtime;
    this.compiled = compiled;
    this.spec = spec;
    this.listeners = listeners;
    this.permits = new Semaphore(spec.poolMaxSize(), true);
    // Pool instances are anonymous: many instances of one module cannot share a name, and guests
    // are not meant to be imported by other modules.
    ModuleConfig config = ModuleConfig.create().withName("");
    if (spec.startFunctions() != null) {
      config = config.withStartFunctions(spec.startFunctions().toArray(new String[0]));
    }
    if (spec.callTimeout() != null) {
      // The runtime stops a call that runs past it (trap INTERRUPTED) and closes the instance.
      config = config.withCallTimeout(spec.callTimeout());
    }
    this.moduleConfig = config;
  }

  /** The module's name in the registry. */
  public String getModuleName() {
    return moduleName;
  }

  /** The compiled module the instances come from. */
  public CompiledModule getCompiledModule() {
    return compiled;
  }

  /** The settings of this module. */
  public WasmModuleSpec getSpec() {
    return spec;
  }

  /** Most instances alive at once. */
  public int getMaxSize() {
    return spec.poolMaxSize();
  }

  /** Instances alive now (idle and in use). */
  public int getSize() {
    return live.size();
  }

  /** Instances borrowed now. */
  public int getInUse() {
    return inUse.get();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Instances waiting for a caller. */
  public int getIdle() {
    return idle.size();
  }

  /** The pages of linear memory held by all alive instances together. */
  public long getMemoryPages() {
    long pages = 0;
    for (Module m : live) {
      Memory memory = m.isClosed() ? null : m.memory();
      if (memory != null) {
        pages += memory.pages();
      }
    }
    return pages;
  }

  /**
   * Creates one instance and keeps it idle, so that a module that cannot be instantiated (an
   * unknown import, a trapping start function) fails at startup rather than on the first call.
   */
  void prewarm() {
    idle.addFirst(newInstance());
  }

  /**
   * Borrows an instance for the calling thread; close the lease to give it back.
   *
   * @throws WasmCallException with outcome REJECTED if none became free within max-wait
   */
  public Lease borrow() {
    return acquire("");
  }

  private Lease acquire(String function) {
    if (closed) {
      throw new IllegalStateException("the pool of wasm module \"" + moduleName + "\" is closed");
    }
    Duration wait = spec.poolMaxWait();
    boolean acquired;
    try {
      acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WasmCallException(
          moduleName,
          function,
          WasmCallOutcome.REJECTED,
          null,
          null,
          null,
          "interrupted while waiting for a free instance",
          e);
    }
    if (!acquired) {
      throw new WasmCallException(
          moduleName,
          function,
          WasmCallOutcome.REJECTED,
          null,
          null,
          null,
          "no instance became free within "
              + wait
              + " (all "
              + spec.poolMaxSize()
              + " are busy; raise wasm.modules."
              + moduleName
              + ".pool.max-size or max-wait)",
          null);
    }
    Module module = idle.pollFirst();
    if (module == null) {
      try {
        module = newInstance();
      } catch (RuntimeException | Error e) {
        permits.release();
        throw e;
      }
    }
    inUse.incrementAndGet();
    return new Lease(module);
  }

  private Module newInstance() {
    Module module = spec.instantiator().instantiate(runtime, compiled, moduleConfig);
    live.add(module);
    for (WasmCallListener listener : listeners) {
      try {
        listener.instantiated(moduleName);
      } catch (RuntimeException e) {
        // A broken listener must not fail the caller's wasm call: report it and go on.
        LOG.warn("WasmCallListener " + listener + " failed on instantiation of " + moduleName, e);
      }
    }
    return module;
  }

  private void release(Module module, boolean discard) {
    inUse.decrementAndGet();
    if (discard || closed || module.isClosed()) {
      live.remove(module);
      module.close();
    } else {
      idle.addFirst(module);
    }
    permits.release();
  }

  /**
   * Calls {@code action} with an instance of its own, applying the module's call timeout, and turns
   * every failure into a {@link WasmCallException}; listeners hear about the call and its outcome.
   *
   * @param function the export called, for messages and metrics
   */
  public <T> T call(String function, Function<Module, T> action) {
    long start = System.nanoTime();
    WasmCallOutcome outcome = WasmCallOutcome.ERROR;
    try {
      T result = doCall(function, action);
      outcome = WasmCallOutcome.SUCCESS;
      return result;
    } catch (WasmCallException e) {
      outcome = e.getOutcome();
      throw e;
    } finally {
      long nanos = System.nanoTime() - start;
      for (WasmCallListener listener : listeners) {
        try {
          listener.called(moduleName, function, outcome, nanos);
        } catch (RuntimeException e) {
          LOG.warn("WasmCallListener " + listener + " failed on a call of " + function, e);
        }
      }
    }
  }

  private <T> T doCall(String function, Function<Module, T> action) {
    Lease lease = acquire(function);
    try (lease) {
      try {
        return action.apply(lease.module());
      } catch (RuntimeException e) {
        lease.discard();
        throw translate(function, e);
      } catch (Error e) {
        lease.discard();
        throw e;
      }
    }
  }

  /** Turns what a call threw into a {@link WasmCallException} with the right outcome. */
  private WasmCallException translate(String function, RuntimeException e) {
    if (e instanceof WasmCallException) {
      return (WasmCallException) e;
    }
    if (e instanceof TrapException
        && ((TrapException) e).kind() == TrapKind.INTERRUPTED
        && spec.callTimeout() != null) {
      return new WasmCallException(
          moduleName,
          function,
          WasmCallOutcome.TIMEOUT,
          TrapKind.INTERRUPTED,
          ((TrapException) e).wasmStackTrace(),
          null,
          "did not return within the call timeout of "
              + spec.callTimeout()
              + " (wasm.modules."
              + moduleName
              + ".call-timeout); the instance was stopped and is discarded",
          e);
    }
    if (e instanceof TrapException) {
      TrapException trap = (TrapException) e;
      return new WasmCallException(
          moduleName,
          function,
          WasmCallOutcome.TRAP,
          trap.kind(),
          trap.wasmStackTrace(),
          null,
          "trap: " + trap.getMessage(),
          trap);
    }
    if (e instanceof ExitException) {
      ExitException exit = (ExitException) e;
      return new WasmCallException(
          moduleName,
          function,
          WasmCallOutcome.EXIT,
          null,
          null,
          exit.exitCode(),
          "the guest exited with code " + exit.exitCode(),
          exit);
    }
    return new WasmCallException(
        moduleName, function, WasmCallOutcome.ERROR, null, null, null, String.valueOf(e), e);
  }

  /** Closes the idle instances; borrowed ones are closed when given back. */
  @Override
  public void close() {
    closed = true;
    Module module;
    while ((module = idle.pollFirst()) != null) {
      live.remove(module);
      module.close();
    }
  }

  @Override
  public String toString() {
    return "ModulePool{module="
        + moduleName
        + ", size="
        + getSize()
        + ", inUse="
        + getInUse()
        + ", maxSize="
        + getMaxSize()
        + "}";
  }

  /**
   * One borrowed instance. Only the borrowing thread may use it; {@link #close()} gives it back,
   * after {@link #discard()} it is closed instead.
   */
  public final class Lease implements AutoCloseable {
    private final Module module;
    private boolean discard;
    private boolean released;

    private Lease(Module module) {
      this.module = module;
    }

    /** The borrowed instance. */
    public Module module() {
      return module;
    }

    /** Marks the instance as broken: closing the lease closes it rather than reusing it. */
    public synchronized void discard() {
      discard = true;
    }

    /** Gives the instance back to the pool (or closes it if discarded); idempotent. */
    @Override
    public synchronized void close() {
      if (!released) {
        released = true;
        release(module, discard);
      }
    }
  }
}
