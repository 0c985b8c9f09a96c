package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.WasmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Memory limits, interruption, call timeouts and closing from another thread, on both engines. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LimitsAndCancellationTest {
  static Stream<RuntimeConfig> engines() {
    return Stream.of(RuntimeConfig.interpreter(), RuntimeConfig.compiler());
  }

  /**
   * Exports "spin" (an endless loop), "spinCalls" (an endless loop calling "nop"), "nop", and
   * "grow" (i32) -> i32 (memory.grow); one memory page.
   */
  static byte[] module(int memoryMin) {
    WasmBuilder b = new WasmBuilder();
    int v = b.type(new int[0]);
    int grow = b.type(new int[] {WasmBuilder.I32}, WasmBuilder.I32);
    b.function(v, 0x03, 0x40, 0x0C, 0x00, 0x0B) // 0 spin: loop br 0 end
        .function(v, 0x03, 0x40, 0x10, 2, 0x0C, 0x00, 0x0B) // 1 spinCalls: loop call 2 br 0 end
        .function(v) // 2 nop
        .function(grow, 0x20, 0, 0x40, 0) // 3 grow: memory.grow(local 0)
        .memory(memoryMin, -1)
        .export("spin", 0, 0)
        .export("spinCalls", 0, 1)
        .export("nop", 0, 2)
        .export("grow", 0, 3)
        .names("loops", "spin", "spinCalls", "nop", "grow");
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void memoryGrowthBeyondTheLimitReturnsMinusOne(RuntimeConfig engine) {
    // docs/limits.md, "Memory limits"
    try (Runtime runtime = Runtime.create(engine.withMemoryLimitPages(3))) {
      Module m = runtime.instantiate(module(1));
      assertThat(m.exportedFunction("grow").call(2)).containsExactly(1); // 1 -> 3 pages
      assertThat(m.exportedFunction("grow").call(1)).containsExactly(-1); // 4 > 3
      assertThat(m.memory().grow(1)).isEqualTo(-1);
      assertThat(m.memory().size()).isEqualTo(3 * 65536L);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aMemoryLargerThanTheLimitFailsClearlyBeforeInstantiation(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine.withMemoryLimitPages(3))) {
      assertThatThrownBy(() -> runtime.instantiate(module(4)))
          .isInstanceOf(CompileException.class)
          .hasMessageContaining("memory 0 needs at least 4 pages")
          .hasMessageContaining("limit is 3 pages");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void interruptingTheThreadStopsAnEndlessLoopAndClosesTheModule(RuntimeConfig engine)
      throws Exception {
    // docs/limits.md, "Interrupting a call"
    try (Runtime runtime = Runtime.create(engine.withCloseOnInterrupt(true))) {
      for (String function : new String[] {"spin", "spinCalls"}) {
        Module m = runtime.instantiate(module(1));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker =
            new Thread(
                () -> {
                  try {
                    m.exportedFunction(function).call();
                    outcome.complete(null);
                  } catch (Throwable t) {
                    // The trap consumed the interrupt.
                    outcome.complete(Thread.currentThread().isInterrupted() ? null : t);
                  }
                });
        worker.start();
        Thread.sleep(50);
        long start = System.nanoTime();
        worker.interrupt();
        Throwable t = outcome.get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(t).isInstanceOf(TrapException.class);
        assertThat(((TrapException) t).kind()).isEqualTo(TrapKind.INTERRUPTED);
        assertThat(t.getMessage()).contains("interrupted");
        assertThat(millis).as("stopped within a second").isLessThan(1000);
        assertThat(m.isClosed()).isTrue();
        assertThatThrownBy(() -> m.exportedFunction("nop").call())
            .isInstanceOf(WasmException.class)
            .hasMessageContaining("is closed");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aCallTimeoutStopsAnEndlessLoop(RuntimeConfig engine) {
    // docs/limits.md, "Call timeouts"
    try (Runtime runtime = Runtime.create(engine)) {
      Module m =
          runtime.instantiate(
              runtime.compile(module(1)),
              ModuleConfig.create().withCallTimeout(Duration.ofMillis(100)));
      assertThat(m.exportedFunction("nop").call()).isEmpty(); // quick calls are unaffected
      long start = System.nanoTime();
      assertThatThrownBy(() -> m.exportedFunction("spinCalls").call())
          .isInstanceOf(TrapException.class)
          .hasMessageContaining("call timeout")
          .satisfies(e -> assertThat(((TrapException) e).kind()).isEqualTo(TrapKind.INTERRUPTED));
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(90L, 5000L);
      assertThat(m.isClosed()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aStartFunctionRunningPastItsTimeoutFailsInstantiation(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      CompiledModule compiled = runtime.compile(module(1));
      assertThatThrownBy(
              () ->
                  runtime.instantiate(
                      compiled,
                      ModuleConfig.create()
                          .withName("x")
                          .withStartFunctions("spin")
                          .withCallTimeout(Duration.ofMillis(50))))
          .isInstanceOf(TrapException.class);
      assertThat(runtime.module("x")).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void theStartSectionGetsTheCallTimeoutToo(RuntimeConfig engine) {
    WasmBuilder b = new WasmBuilder();
    int v = b.type(new int[0]);
    byte[] wasm = b.function(v, 0x03, 0x40, 0x0C, 0x00, 0x0B).start(0).build();
    try (Runtime runtime = Runtime.create(engine)) {
      CompiledModule compiled = runtime.compile(wasm);
      assertThatThrownBy(
              () ->
                  runtime.instantiate(
                      compiled, ModuleConfig.create().withCallTimeout(Duration.ofMillis(50))))
          .isInstanceOf(TrapException.class)
          .hasMessageContaining("call timeout");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void closeWithExitCodeFromAnotherThreadEndsTheRunningCall(RuntimeConfig engine)
      throws Exception {
    try (Runtime runtime = Runtime.create(engine.withCloseOnInterrupt(true))) {
      Module m = runtime.instantiate(module(1));
      CompletableFuture<Throwable> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  m.exportedFunction("spin").call();
                  return null;
                } catch (Throwable t) {
                  return t;
                }
              });
      Thread.sleep(50);
      m.closeWithExitCode(7);
      Throwable t = outcome.get(10, TimeUnit.SECONDS);
      assertThat(t).isInstanceOf(ExitException.class);
      assertThat(((ExitException) t).exitCode()).isEqualTo(7);
      assertThatThrownBy(() -> m.exportedFunction("nop").call())
          .isInstanceOf(WasmException.class)
          .hasMessageContaining("is closed (exit code 7)");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void withoutCancellationCodeHasNoPollsButRunsNormally(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      Module m = runtime.instantiate(module(1));
      Thread.currentThread().interrupt();
      try {
        // Not interruptible: the interrupt flag is left alone.
        assertThat(m.exportedFunction("nop").call()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }
}
