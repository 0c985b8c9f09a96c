package dev.zerowasm.benchmarks;

import dev.zerowasm.CompilationCache;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up in a fresh JVM: the time from the bytes of the large module (about 5.7 MB, 20,000
 * functions) to its first call returning, measured once per forked JVM, so nothing of zerowasm is
 * loaded or JIT-compiled before the shot. The ways to start:
 *
 * <ul>
 *   <li>{@code interpreter}: the interpreter engine;
 *   <li>{@code compiler}: the compiler engine as configured by default (tiered: the module starts
 *       on the interpreter while it compiles in the background);
 *   <li>{@code compiler-eager}: the compiler with {@code withTieredCompilation(false)} (the whole
 *       module compiles before the first call);
 *   <li>{@code cache-cold}: the compiler with an empty directory {@link CompilationCache} (the
 *       first process: it starts on the interpreter like {@code compiler} and stores the compiled
 *       classes when the background compilation finishes);
 *   <li>{@code cache-warm}: the same with a directory another process has filled (the second
 *       process: it runs on the interpreter while it defines the cached classes);
 *   <li>{@code cache-warm-eager}: the same without tiers: the first call runs compiled code, so
 *       this compares with {@code compiler-eager} (bytes to fully compiled code, with and without
 *       the cache).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class StartupBenchmark {
  /** How the module starts (see the class comment). */
  @Param({
    "interpreter",
    "compiler",
    "compiler-eager",
    "cache-cold",
    "cache-warm",
    "cache-warm-eager"
  })
  public String start;

  private final byte[] large = Workloads.bytes("large");
  private Path cacheDir;
  private CompilationCache cache;
  private RuntimeConfig config;
  private Runtime runtime;

  /**
   * Prepares the configuration; for {@code cache-warm}, fills the cache in another process. Per
   * iteration, so that each shot finds the cache as its mode says even if {@code -i} or {@code
   * -wi} ask for several shots per JVM (which are then no longer fresh-JVM measurements).
   */
  @Setup(Level.Iteration)
  public void setUp() throws Exception {
    switch (start) {
      case "interpreter":
        config = RuntimeConfig.interpreter();
        break;
      case "compiler":
        config = RuntimeConfig.compiler();
        break;
      case "compiler-eager":
        config = RuntimeConfig.compiler().withTieredCompilation(false);
        break;
      case "cache-cold":
      case "cache-warm":
      case "cache-warm-eager":
        cacheDir = Files.createTempDirectory("zerowasm-startup-cache");
        if (start.startsWith("cache-warm")) {
          fillInAnotherProcess(cacheDir);
        }
        cache = CompilationCache.directory(cacheDir);
        config =
            RuntimeConfig.compiler()
                .withTieredCompilation(!start.equals("cache-warm-eager"))
                .withCompilationCache(cache);
        break;
      default:
        throw new IllegalArgumentException("unknown start " + start);
    }
  }

  /** Bytes to the first call's result. */
  @Benchmark
  public long[] firstCall() {
    runtime = Runtime.create(config);
    return runtime.instantiate(runtime.compile(large)).exportedFunction("call").call(7, 11);
  }

  /** Closes the runtime and the cache and deletes the cache directory. */
  @TearDown(Level.Iteration)
  public void tearDown() throws IOException {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
    if (cache != null) {
      cache.close();
      cache = null;
    }
    if (cacheDir != null) {
      try (Stream<Path> files = Files.walk(cacheDir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
      cacheDir = null;
    }
  }

  /** Runs {@link Fill} in a new JVM on this classpath and waits for it. */
  private static void fillInAnotherProcess(Path dir) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Fill.class.getName(),
                    dir.toString()))
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("filling the compilation cache failed: " + p.exitValue());
    }
  }

  /**
   * The first process of {@code cache-warm}: compiles the whole large module into a directory cache
   * (not tiered, so it is stored before {@code compile} returns; as {@code zerowasm compile}).
   */
  public static final class Fill {
    private Fill() {}

    /** Compiles the large module into the cache directory {@code args[0]}. */
    public static void main(String[] args) {
      try (CompilationCache cache = CompilationCache.directory(Path.of(args[0]));
          Runtime runtime =
              Runtime.create(
                  RuntimeConfig.compiler()
                      .withTieredCompilation(false)
                      .withCompilationCache(cache))) {
        runtime.compile(Workloads.bytes("large"));
      }
    }
  }
}
