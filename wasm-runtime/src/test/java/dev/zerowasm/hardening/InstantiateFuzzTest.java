package dev.zerowasm.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.HostModuleBuilder;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.api.WasmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the whole pipeline on both engines: mutated real modules (the spec suite's when {@code
 * zerowasm.spectest.dir} is present, plus the committed ones) are compiled, instantiated, and
 * their exported functions called with zero and random arguments under a call timeout. Every input
 * must end in success or a {@link WasmException} (CompileException, LinkException, TrapException,
 * ExitException): never another JVM exception, and never a hang.
 *
 * <p>The seed is fixed and the run is bounded in time: {@code -Dzerowasm.fuzz.seconds=600} runs
 * longer (default 20 seconds), {@code -Dzerowasm.fuzz.seed=N} changes the seed. A failing input is
 * written to {@code target/fuzz-failures/} so that it can be committed as a regression under
 * {@code src/test/resources/regressions/} (see {@link RegressionsTest}).
 */
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class InstantiateFuzzTest {
  /** Modules of the repository that every run mutates, whether or not the spec suite is there. */
  static final String[] COMMITTED = {
    "hardening/limits.wasm",
    "modules/elem.0.wasm",
    "modules/global.0.wasm",
    "modules/bulk.5.wasm",
    "modules/call_indirect.0.wasm",
    "host/guest.wasm",
  };

  /** How long one input (compile, instantiate, all calls, both engines) may take before "hang". */
  static final long HANG_SECONDS = 20;

  /** Outcome counters of a run, for the report. */
  static final class Stats {
    int inputs;
    int compiled;
    int instantiated;
    int calls;
    int wasmExceptions;
  }

  @Test
  void mutatedModulesEndInSuccessOrADocumentedException() throws Exception {
    long seconds = Long.getLong("zerowasm.fuzz.seconds", 20);
    long seed = Long.getLong("zerowasm.fuzz.seed", 0x5EEDF022L);
    List<byte[]> corpus = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String r : COMMITTED) {
      corpus.add(Hardening.resource(r));
      names.add(r);
    }
    for (Path p : Hardening.specModules()) {
      corpus.add(Hardening.read(p));
      names.add(p.getParent().getFileName() + "/" + p.getFileName());
    }
    Random random = new Random(seed);
    Stats stats = new Stats();
    List<String> failures = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "fuzz-worker"));
    try {
      while (System.nanoTime() < end && failures.size() < 5) {
        int pick = random.nextInt(corpus.size());
        // A third of the picks mutate a committed module, so they get fuzzed well in every run.
        if (random.nextInt(3) == 0) {
          pick = random.nextInt(COMMITTED.length);
        }
        byte[] input = Mutator.mutate(random, corpus.get(pick), corpus.get(random.nextInt(corpus.size())));
        long argSeed = random.nextLong();
        stats.inputs++;
        String what = "input " + stats.inputs + " (from " + names.get(pick) + ", seed " + seed + ")";
        Future<String> f = worker.submit(() -> runBothEngines(input, argSeed, stats));
        String failure;
        try {
          failure = f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          failure = "hang: no outcome after " + HANG_SECONDS + " s\n" + workerStack();
          worker.shutdownNow();
          worker = Executors.newSingleThreadExecutor(r -> daemon(r, "fuzz-worker"));
        }
        if (failure != null) {
          Path saved = save(input, stats.inputs);
          failures.add(what + ", saved as " + saved + ": " + failure);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.printf(
        "InstantiateFuzzTest: %d inputs (seed %d, %d s, corpus %d modules): %d compiled,"
            + " %d instantiated, %d calls, %d WasmExceptions%n",
        stats.inputs, seed, seconds, corpus.size(), stats.compiled, stats.instantiated,
        stats.calls, stats.wasmExceptions);
    assertThat(failures).as("inputs ending in an undocumented exception or a hang").isEmpty();
    assertThat(stats.inputs).as("inputs fuzzed").isGreaterThan(50);
    assertThat(stats.compiled).as("some mutants still compile").isGreaterThan(0);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static String workerStack() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      if (e.getKey().getName().equals("fuzz-worker")) {
        for (StackTraceElement el : e.getValue()) {
          sb.append("  at ").append(el).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static Path save(byte[] input, int number) {
    try {
      Path dir = Paths.get("target", "fuzz-failures");
      Files.createDirectories(dir);
      Path file = dir.resolve("fuzz-" + number + ".wasm");
      Files.write(file, input);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code input} on both engines: null if all went as documented, else what went wrong. */
  static String runBothEngines(byte[] input, long argSeed, Stats stats) {
    for (RuntimeConfig engine : Hardening.engines().toList()) {
      try {
        run(input, engine, new Random(argSeed), stats);
      } catch (WasmException e) {
        stats.wasmExceptions++;
      } catch (Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return engine.engine() + ": " + sw;
      }
    }
    return null;
  }

  /**
   * Compiles, instantiates and calls every exported function of {@code input} on {@code engine}
   * (memory capped at 1,024 pages, calls capped at 100 ms); a {@link WasmException} of one call
   * does not stop the others.
   */
  static void run(byte[] input, RuntimeConfig engine, Random random, Stats stats) {
    try (Runtime runtime = Runtime.create(engine.withMemoryLimitPages(1024))) {
      spectestHost(runtime);
      CompiledModule compiled = runtime.compile(input);
      stats.compiled++;
      Module m =
          runtime.instantiate(compiled, ModuleConfig.create().withCallTimeout(Duration.ofMillis(100)));
      stats.instantiated++;
      for (Map.Entry<String, FunctionDefinition> e : compiled.exportedFunctions().entrySet()) {
        List<ValueType> params = e.getValue().paramTypes();
        for (int round = 0; round < 2; round++) {
          if (m.isClosed()) {
            return; // a timeout or an exit closed it; later calls would only say so
          }
          // A v128 parameter takes two slots (low and high half).
          long[] args = new long[params.stream().mapToInt(t -> t == ValueType.V128 ? 2 : 1).sum()];
          int slot = 0;
          for (ValueType t : params) {
            for (int half = 0; half < (t == ValueType.V128 ? 2 : 1); half++) {
              args[slot++] = round == 0 ? 0 : randomValue(random, t);
            }
          }
          stats.calls++;
          try {
            m.exportedFunction(e.getKey()).call(args);
          } catch (WasmException ex) {
            stats.wasmExceptions++;
          }
        }
      }
    }
  }

  /** A random argument of {@code type}: -1, a small number (near memory sizes) or any value. */
  private static long randomValue(Random random, ValueType type) {
    switch (random.nextInt(4)) {
      case 0:
        return -1;
      case 1:
        return random.nextInt(70_000);
      default:
        return type == ValueType.I32 ? random.nextInt() : random.nextLong();
    }
  }

  /** The "spectest" imports that are functions (print*); memories, tables and globals are not. */
  private static void spectestHost(Runtime runtime) {
    HostModuleBuilder b = runtime.newHostModuleBuilder("spectest");
    Object[][] prints = {
      {"print", List.of()},
      {"print_i32", List.of(ValueType.I32)},
      {"print_i64", List.of(ValueType.I64)},
      {"print_f32", List.of(ValueType.F32)},
      {"print_f64", List.of(ValueType.F64)},
      {"print_i32_f32", List.of(ValueType.I32, ValueType.F32)},
      {"print_f64_f64", List.of(ValueType.F64, ValueType.F64)},
    };
    for (Object[] p : prints) {
      @SuppressWarnings("unchecked")
      List<ValueType> params = (List<ValueType>) p[1];
      b.newFunctionBuilder().withFunction((caller, stack) -> {}, params, List.of()).export((String) p[0]);
    }
    b.instantiate();
  }
}
