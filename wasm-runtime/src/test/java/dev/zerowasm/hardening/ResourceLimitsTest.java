package dev.zerowasm.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.WasmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile guest against the runtime's resource limits, on both engines: endless loops are
 * stopped by a deadline or an interrupt, unbounded recursion traps without harming the thread, and
 * huge tables, memories and segments are refused with a clear exception instead of an
 * OutOfMemoryError. Time bounds are generous: these are checks that things stop, not benchmarks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResourceLimitsTest {
  static final byte[] LIMITS = Hardening.resource("hardening/limits.wasm");

  static byte[] fixture(String name) {
    return Hardening.resource("hardening/" + name + ".wasm");
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void aDeadlineStopsEndlessLoopsWithAndWithoutCalls(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      CompiledModule compiled = runtime.compile(LIMITS);
      for (String spin : new String[] {"spin", "spinCalls"}) {
        Module m =
            runtime.instantiate(compiled, ModuleConfig.create().withCallTimeout(Duration.ofMillis(50)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> m.exportedFunction(spin).call())
            .isInstanceOf(TrapException.class)
            .hasMessageContaining("call timeout")
            .satisfies(e -> assertThat(((TrapException) e).kind()).isEqualTo(TrapKind.INTERRUPTED));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as(spin + " stopped after its 50 ms deadline").isBetween(40L, 2_050L);
        assertThat(m.isClosed()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void anInterruptStopsEndlessLoopsPromptly(RuntimeConfig engine) throws Exception {
    try (Runtime runtime = Runtime.create(engine.withCloseOnInterrupt(true))) {
      CompiledModule compiled = runtime.compile(LIMITS);
      for (String spin : new String[] {"spin", "spinCalls"}) {
        Module m = runtime.instantiate(compiled);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Void> running = new CompletableFuture<>();
        Thread worker =
            new Thread(
                () -> {
                  running.complete(null);
                  try {
                    m.exportedFunction(spin).call();
                    outcome.complete(null);
                  } catch (Throwable t) {
                    outcome.complete(t);
                  }
                });
        worker.start();
        running.get(10, TimeUnit.SECONDS);
        Thread.sleep(100); // well inside the loop (and past any JIT compilation of it)
        long start = System.nanoTime();
        worker.interrupt();
        Throwable t = outcome.get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(t).isInstanceOf(TrapException.class);
        assertThat(((TrapException) t).kind()).isEqualTo(TrapKind.INTERRUPTED);
        assertThat(millis).as(spin + " stopped soon after the interrupt").isLessThan(2_000L);
        worker.join(10_000);
        assertThat(worker.isAlive()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void unboundedRecursionExhaustsTheCallStackAndTheThreadRunsOn(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      Module m = runtime.instantiate(LIMITS);
      for (int round = 0; round < 3; round++) {
        for (String f : new String[] {"recurse", "recurseIndirect"}) {
          long[] args = f.equals("recurse") ? new long[] {0} : new long[0];
          assertThatThrownBy(() -> m.exportedFunction(f).call(args))
              .isInstanceOf(TrapException.class)
              .hasMessageContaining("call stack exhausted")
              .satisfies(
                  e -> assertThat(((TrapException) e).kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED));
        }
        // The same thread and the same instance keep working, with a deep stack available again.
        assertThat(m.exportedFunction("work").call(7, 100)).containsExactly(7 + 4950);
        assertThat(m.isClosed()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void memoryGrowLoopsStopAtTheLimit(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine.withMemoryLimitPages(64))) {
      Module m = runtime.instantiate(LIMITS);
      assertThat(m.exportedFunction("growMemoryForever").call(1)).containsExactly(64);
      assertThat(m.exportedFunction("growMemory").call(1)).containsExactly(-1);
      assertThat(m.exportedFunction("growMemory").call(-1)).containsExactly(-1); // 2^32-1 pages
      assertThat(m.memory().size()).isEqualTo(64 * 65536L);
      assertThat(m.exportedFunction("oob").call(64 * 65536 - 1)).containsExactly(0);
      assertThatThrownBy(() -> m.exportedFunction("oob").call(64 * 65536))
          .isInstanceOf(TrapException.class)
          .hasMessageContaining("out of bounds memory access");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void memoryGrowWithoutAConfiguredLimitStopsBelowTheJavaArrayLimit(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      Module m = runtime.instantiate(LIMITS);
      // Asking for 2^32-1 or 65,536 pages at once is refused without allocating anything.
      assertThat(m.exportedFunction("growMemory").call(-1)).containsExactly(-1);
      assertThat(m.exportedFunction("growMemory").call(65536)).containsExactly(-1);
      assertThat(m.exportedFunction("growMemory").call(32768)).containsExactly(-1);
      assertThat(m.memory().size()).isEqualTo(65536L);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void tableGrowLoopsStopAtTheTableLimit(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      Module m = runtime.instantiate(LIMITS);
      assertThat(m.exportedFunction("growTable").call(-1)).containsExactly(-1);
      // Grows by a million at a time up to the runtime's cap of 10,000,000 elements.
      assertThat(m.exportedFunction("growTableForever").call(1_000_000)).containsExactly(9_000_002);
      assertThat(m.exportedFunction("growTable").call(1_000_000)).containsExactly(-1);
      assertThat(m.exportedFunction("growTable").call(999_998)).containsExactly(9_000_002);
      assertThat(m.exportedFunction("growTable").call(1)).containsExactly(-1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void hugeTablesAreRefusedClearly(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      for (String name : new String[] {"huge-table", "huge-table-max"}) {
        assertThatThrownBy(() -> runtime.instantiate(fixture(name)))
            .as(name)
            .isInstanceOf(WasmException.class)
            .hasMessageContaining("table 0")
            .hasMessageContaining("4294967295");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void hugeMemoriesAreRefusedClearly(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      // 65,536 pages (4 GiB) is valid WebAssembly but more than a Java array can hold.
      assertThatThrownBy(() -> runtime.instantiate(fixture("huge-memory")))
          .isInstanceOf(WasmException.class)
          .hasMessageContaining("memory 0")
          .hasMessageContaining("65536");
    }
    try (Runtime runtime = Runtime.create(engine.withMemoryLimitPages(16))) {
      assertThatThrownBy(() -> runtime.compile(fixture("big-memory")))
          .isInstanceOf(CompileException.class)
          .hasMessageContaining("memory 0 needs at least 32767 pages")
          .hasMessageContaining("limit is 16 pages");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void segmentsFarOutOfBoundsTrapAtInstantiation(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      for (String name : new String[] {"data-out-of-bounds", "data-just-out-of-bounds"}) {
        assertThatThrownBy(() -> runtime.instantiate(fixture(name)))
            .as(name)
            .isInstanceOf(TrapException.class)
            .hasMessageContaining("out of bounds memory access");
      }
      assertThatThrownBy(() -> runtime.instantiate(fixture("elem-out-of-bounds")))
          .isInstanceOf(TrapException.class)
          .hasMessageContaining("out of bounds table access");
      Module fill = runtime.instantiate(fixture("fill-out-of-bounds"));
      assertThatThrownBy(() -> fill.exportedFunction("fill").call())
          .isInstanceOf(TrapException.class)
          .hasMessageContaining("out of bounds memory access");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void aHugeBrTableCompilesQuicklyAndRuns(RuntimeConfig engine) {
    // regressions/br-table-100000-targets.wasm: f(i) is 20 for i = 99,999, else 10.
    byte[] wasm = Hardening.resource("regressions/br-table-100000-targets.wasm");
    long start = System.nanoTime();
    try (Runtime runtime = Runtime.create(engine)) {
      Module m = runtime.instantiate(wasm);
      assertThat(m.exportedFunction("f").call(99_999)).containsExactly(20);
      assertThat(m.exportedFunction("f").call(0)).containsExactly(10);
      assertThat(m.exportedFunction("f").call(-1)).containsExactly(10); // the default
    }
    // About 0.1 s; before the fix the compiler took 3.7 s here (minutes with 1,000,000 targets).
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(2_000L);
  }
}
