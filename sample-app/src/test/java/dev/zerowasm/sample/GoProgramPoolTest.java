package dev.zerowasm.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallException;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallListener;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * {@link GoProgramPool} with the sample's Go tool {@code jsonfmt}: a full pool rejects, a run past
 * the call timeout is stopped, and the runtime it ran on serves the next run; a module that is not
 * a Go program is refused.
 */
class GoProgramPoolTest {
  private final List<WasmCallOutcome> reported = new CopyOnWriteArrayList<>();
  private GoProgramPool pool;

  private GoProgramPool pool(Duration maxWait, Duration callTimeout) throws IOException {
    byte[] wasm = new ClassPathResource("wasm/jsonfmt.wasm").getContentAsByteArray();
    WasmCallListener listener =
        new WasmCallListener() {
          @Override
          public void called(String module, String function, WasmCallOutcome outcome, long ns) {
            reported.add(outcome);
          }
        };
    pool =
        new GoProgramPool(
            "jsonfmt", wasm, RuntimeConfig.compiler(), 1, maxWait, callTimeout, List.of(listener));
    return pool;
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * Standard input that counts down {@code reading} when the program first reads it, then gives
   * {@code text} once {@code release} is counted down.
   */
  private static InputStream heldBack(String text, CountDownLatch reading, CountDownLatch release) {
    return new InputStream() {
      private final InputStream data = new ByteArrayInputStream(text.getBytes(UTF_8));

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        reading.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        return data.read(b, off, len);
      }
    };
  }

  private static String run(GoProgramPool pool, InputStream stdin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        pool.run(
            ModuleConfig.create().withArgs("jsonfmt", "-indent", "0").withStdin(stdin)
                .withStdout(out));
    assertThat(code).isZero();
    return out.toString(UTF_8);
  }

  @Test
  void aModuleThatIsNotAGoProgramIsRefusedAtOnce() throws IOException {
    byte[] stats = new ClassPathResource("wasm/stats.wasm").getContentAsByteArray();
    assertThatThrownBy(
            () ->
                new GoProgramPool(
                    "stats",
                    stats,
                    RuntimeConfig.compiler(),
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the Go program stats is not a GOOS=js GOARCH=wasm binary")
        .hasMessageContaining("it imports wasi_snapshot_preview1.");
  }

  @Test
  void aCallerFindingEveryRuntimeBusyIsRejectedAfterMaxWait() throws Exception {
    GoProgramPool pool = pool(Duration.ofMillis(100), Duration.ofSeconds(30));
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(() -> run(pool, heldBack("[1, 2]", reading, release)));
    assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
    // the first run holds the only runtime while it waits for its input
    try {
      assertThatThrownBy(() -> run(pool, new ByteArrayInputStream("[]".getBytes(UTF_8))))
          .isInstanceOfSatisfying(
              WasmCallException.class,
              e -> {
                assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.REJECTED);
                assertThat(e.getMessage()).contains("no runtime was free within PT0.1S");
              });
    } finally {
      release.countDown();
    }
    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("[1,2]\n");
    assertThat(reported).containsExactly(WasmCallOutcome.REJECTED, WasmCallOutcome.SUCCESS);
  }

  @Test
  void aRunPastTheCallTimeoutIsStoppedAndTheRuntimeServesTheNextRun() throws Exception {
    GoProgramPool pool = pool(Duration.ofSeconds(30), Duration.ofSeconds(3));
    // a first run warms the JVM up, so that the run after the timeout surely fits in 3 s
    assertThat(run(pool, new ByteArrayInputStream("[0]".getBytes(UTF_8)))).isEqualTo("[0]\n");
    // the program waits for its input inside one call into it: 4 s, past the 3 s timeout
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS).execute(release::countDown);
    assertThatThrownBy(() -> run(pool, heldBack("[1]", new CountDownLatch(1), release)))
        .isInstanceOfSatisfying(
            WasmCallException.class,
            e -> {
              assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.TIMEOUT);
              assertThat(e.getModuleName()).isEqualTo("jsonfmt");
              assertThat(e.getMessage()).contains("call timeout of PT3S");
            });
    // the only runtime is free and clean again (gojs closed the program and its host module)
    assertThat(run(pool, new ByteArrayInputStream("{\"a\": [true]}".getBytes(UTF_8))))
        .isEqualTo("{\"a\":[true]}\n");
    assertThat(reported)
        .containsExactly(
            WasmCallOutcome.SUCCESS, WasmCallOutcome.TIMEOUT, WasmCallOutcome.SUCCESS);
  }
}
