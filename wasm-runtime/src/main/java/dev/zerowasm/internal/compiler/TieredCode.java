package dev.zerowasm.internal.compiler;

import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The code of a large module while the compiler works on it in the background: instances made
 * before the compilation finishes start on the interpreter (which translates each function lazily
 * on its first call, so the first call comes fast) and switch to the compiled code once it exists.
 *
 * <p>How the switch reaches every call: the interpreter tier is translated with {@code listening}
 * on, so its calls among the module's own functions go through {@code ModuleInstance.functions}
 * (i.e. through {@link TieredFunction}) instead of its same-instance fast path; {@code
 * call_indirect} reaches table entries, which are the same {@link TieredFunction}s. Each {@link
 * TieredFunction} checks on every call (one volatile read) whether the compiled code is ready, and
 * from then on calls the compiled function. So once the compilation finishes, every new call runs
 * compiled code; only activations already running on the interpreter finish there (the interpreter
 * has no on-stack replacement), which bounds the stale interpreted work to one activation per frame
 * that was live at the switch. Instances made after the compilation finished get the compiled
 * functions directly.
 */
final class TieredCode implements CompiledCode {
  /** Background compilation threads: daemons, at most two, that end after a minute idle. */
  private static final Executor BACKGROUND = background();

  private final CompiledCode interpreted;

  /** The compiled code once ready, else null. */
  private volatile CompiledCode ready;

  /** Completes with the compiled code (or its failure). */
  private final CompletableFuture<CompiledCode> future = new CompletableFuture<>();

  /**
   * Compiles the module and completes {@link #future}; given whether it runs on a caller waiting
   * for it (then it may use every core). Taken once, by {@link #startCompiling} or {@link #join}.
   */
  private java.util.function.Consumer<Boolean> task;

  /** The compilation, to put back as {@link #task} when a background run was cancelled. */
  private java.util.function.Consumer<Boolean> body;

  /**
   * The instances made while compiling (weakly): a background compilation stops once all of them
   * are closed, and starts again with the next instantiation. Guarded by this.
   */
  private final java.util.List<WeakReference<ModuleInstance>> instances =
      new java.util.ArrayList<>();

  /** Where {@link #task} runs when started in the background. */
  private final Executor executor;

  private TieredCode(CompiledCode interpreted, Executor executor) {
    this.interpreted = interpreted;
    this.executor = executor;
  }

  /** Records an instance, dropping closed and collected ones so the list stays small. */
  private synchronized void instantiated(ModuleInstance instance) {
    instances.removeIf(r -> r.get() == null || r.get().isClosed());
    instances.add(new WeakReference<>(instance));
  }

  /** Whether instances were made and all of them are closed (or collected). */
  private synchronized boolean allInstancesClosed() {
    for (WeakReference<ModuleInstance> r : instances) {
      ModuleInstance i = r.get();
      if (i != null && !i.isClosed()) {
        return false;
      }
    }
    return !instances.isEmpty();
  }

  /** After a cancelled background run: the next instantiation or join compiles again. */
  private synchronized void rearm() {
    task = body;
  }

  /** Takes the task if nobody has yet. */
  private synchronized java.util.function.Consumer<Boolean> takeTask() {
    java.util.function.Consumer<Boolean> t = task;
    task = null;
    return t;
  }

  /**
   * Starts the background compilation unless started. It starts with the first instantiation (on
   * the shared threads {@link #START_DELAY_MILLIS} later), not at {@code compile}: decoding and
   * validating the module on the caller's thread then have the cores to themselves.
   */
  private void startCompiling() {
    if (executor == BACKGROUND) {
      // The task is taken when the delay is over: a join meanwhile compiles in the foreground.
      DELAYED.execute(
          () -> {
            java.util.function.Consumer<Boolean> t = takeTask();
            if (t != null) {
              t.accept(false);
            }
          });
      return;
    }
    java.util.function.Consumer<Boolean> t = takeTask();
    if (t != null) {
      executor.execute(() -> t.accept(false));
    }
  }

  /**
   * How long after an instantiation the background compilation starts on the shared threads. An
   * instantiation is usually followed at once by the first call, in a JVM whose JIT threads are
   * still busy with the decoder and the interpreter: on two cores, a compilation starting at once
   * took about a third of a core from that first call. Compiled code comes this much later, next
   * to a compilation of a second or more.
   */
  static final long START_DELAY_MILLIS = 100;

  /** {@link #BACKGROUND} after {@link #START_DELAY_MILLIS}. */
  private static final Executor DELAYED =
      CompletableFuture.delayedExecutor(START_DELAY_MILLIS, TimeUnit.MILLISECONDS, BACKGROUND);

  /** How a {@link TieredCode} compiles its module. */
  interface Compiler {
    /**
     * Compiles the module; may stop with a {@link java.util.concurrent.CancellationException} once
     * {@code abandoned} says the code is no longer used. {@code foreground}: a caller is waiting,
     * so all cores may be used.
     */
    CompiledCode compile(BooleanSupplier abandoned, boolean foreground);
  }

  /**
   * Returns code that interprets until {@code compiler} has compiled the module on {@code executor}
   * (null: the shared background threads), which starts with the first instantiation (or on the
   * caller's thread, if {@link #join} comes first).
   */
  static TieredCode start(CompiledCode interpreted, Compiler compiler, Executor executor) {
    TieredCode code = new TieredCode(interpreted, executor == null ? BACKGROUND : executor);
    // The task holds the tiered code only weakly: if nobody uses the module any more, it skips or
    // stops the compilation, so queued or running work never keeps dead modules alive for long.
    WeakReference<TieredCode> ref = new WeakReference<>(code);
    code.body =
        foreground -> {
          if (ref.get() == null) {
            return;
          }
          CompiledCode compiled;
          try {
            // A waiting caller needs the code even if no instance is open.
            compiled =
                compiler.compile(
                    () -> {
                      TieredCode t = ref.get();
                      return t == null || (!foreground && t.allInstancesClosed());
                    },
                    foreground);
          } catch (java.util.concurrent.CancellationException e) {
            TieredCode t = ref.get();
            if (t != null) {
              t.rearm();
            }
            return;
          } catch (RuntimeException | Error e) {
            TieredCode t = ref.get();
            if (t != null) {
              t.future.completeExceptionally(e); // instances keep interpreting
            }
            return;
          }
          TieredCode t = ref.get();
          if (t != null) {
            t.ready = compiled;
            t.future.complete(compiled);
          }
        };
    code.task = code.body;
    return code;
  }

  private static Executor background() {
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() - 1));
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "zerowasm-compiler-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** The compiled code if the background compilation has finished, else null. */
  CompiledCode ready() {
    return ready;
  }

  /**
   * Runs {@code action} with the compiled code when the background compilation finishes (on its
   * thread), or at once if it has; never if it fails or is never run.
   */
  void whenCompiled(java.util.function.Consumer<CompiledCode> action) {
    future.thenAccept(action);
  }

  /**
   * Waits for the background compilation and returns its code, or null if it failed (the module
   * then stays on the interpreter).
   */
  CompiledCode join() {
    while (true) {
      java.util.function.Consumer<Boolean> t = takeTask();
      if (t != null) {
        t.accept(true); // not started (or cancelled): compile here, with every core
      }
      try {
        // Polls: a background run may be cancelled meanwhile, which puts the task back.
        return future.get(50, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        continue;
      } catch (ExecutionException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  @Override
  public FunctionInstance[] instantiate(ModuleInstance instance) {
    CompiledCode compiled = ready;
    if (compiled != null) {
      return compiled.instantiate(instance);
    }
    instantiated(instance);
    startCompiling();
    FunctionInstance[] fs = interpreted.instantiate(instance);
    PerInstance shared = new PerInstance(this, instance);
    FunctionInstance[] result = new FunctionInstance[fs.length];
    for (int i = 0; i < fs.length; i++) {
      result[i] = new TieredFunction(fs[i], shared, i);
    }
    return result;
  }

  /** The compiled functions of one instance, made on the first switch. */
  static final class PerInstance {
    private final TieredCode code;
    private final ModuleInstance instance;
    private FunctionInstance[] compiled; // guarded by this

    PerInstance(TieredCode code, ModuleInstance instance) {
      this.code = code;
      this.instance = instance;
    }

    /** The instance's compiled functions, or null while the compilation runs. */
    FunctionInstance[] compiled() {
      CompiledCode c = code.ready;
      if (c == null) {
        return null;
      }
      synchronized (this) {
        if (compiled == null) {
          compiled = c.instantiate(instance);
        }
        return compiled;
      }
    }
  }
}
