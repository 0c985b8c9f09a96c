package dev.zerowasm.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eight threads at once instantiate, call, trap, time out and close modules of one shared runtime,
 * and compile and run modules in runtimes of their own. Each thread checks only its own results
 * (globals, memory contents, return values), so any state shared by mistake shows up as a wrong
 * value; a deadlock fails through the timeouts. WASI file I/O under the same load is {@code
 * dev.zerowasm.wasi.hardening.WasiConcurrencyStressTest} in the wasi module.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrencyStressTest {
  static final int THREADS = 8;
  static final int ITERATIONS = 100;
  static final byte[] LIMITS = Hardening.resource("hardening/limits.wasm");

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void eightThreadsInstantiateAndCallWithoutCrossTalk(RuntimeConfig engine) throws Exception {
    try (Runtime shared = Runtime.create(engine.withCloseOnInterrupt(true))) {
      CompiledModule compiled = shared.compile(LIMITS);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          Callable<Integer> work =
              () -> {
                start.await();
                int checks = 0;
                for (int i = 0; i < ITERATIONS; i++) {
                  int x = thread * 1_000_000 + i;
                  try (Module m = shared.instantiate(compiled)) {
                    assertThat(m.exportedFunction("bump").call(x)).containsExactly(x);
                    assertThat(m.exportedFunction("bump").call(1)).containsExactly(x + 1);
                    byte[] mine = ("thread " + thread + " iteration " + i).getBytes(StandardCharsets.UTF_8);
                    m.memory().write(100, mine);
                    assertThat(m.exportedFunction("work").call(x, 1_000))
                        .containsExactly(x + 499_500);
                    assertThat(m.memory().read(100, mine.length)).isEqualTo(mine);
                    checks += 4;
                    if (i % 25 == 0) {
                      assertThatThrownBy(() -> m.exportedFunction("recurse").call(0))
                          .isInstanceOf(TrapException.class)
                          .hasMessageContaining("call stack exhausted");
                      assertThat(m.exportedFunction("bump").call(1)).containsExactly(x + 2);
                      checks += 2;
                    }
                  }
                  if (i % 50 == 0) {
                    // A timeout in one thread's instance must not disturb the others.
                    Module m =
                        shared.instantiate(
                            compiled, ModuleConfig.create().withCallTimeout(Duration.ofMillis(20)));
                    assertThatThrownBy(() -> m.exportedFunction("spinCalls").call())
                        .isInstanceOf(TrapException.class)
                        .hasMessageContaining("call timeout");
                    checks++;
                  }
                  if (i % 40 == 0) {
                    // Compiling at the same time as the other threads, in a runtime of its own.
                    try (Runtime own = Runtime.create(engine)) {
                      Module m = own.instantiate(LIMITS);
                      assertThat(m.exportedFunction("work").call(x, 10)).containsExactly(x + 45);
                      checks++;
                    }
                  }
                }
                return checks;
              };
          futures.add(pool.submit(work));
        }
        start.countDown();
        int checks = 0;
        for (Future<Integer> f : futures) {
          checks += f.get(100, TimeUnit.SECONDS); // an AssertionError of a thread surfaces here
        }
        assertThat(checks).isGreaterThan(THREADS * ITERATIONS * 4);
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("no thread stuck").isTrue();
      }
    }
  }
}
