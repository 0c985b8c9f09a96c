package dev.zerowasm.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
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
 * {@link GoProgram} with the sample's Go tool {@code jsonfmt}: a caller beyond the allowed
 * concurrent runs is rejected, a run past the call timeout is stopped and the next run works; a
 * module that is not a Go program is refused.
 */
class GoProgramTest {
  private final List<WasmCallOutcome> reported = new CopyOnWriteArrayList<>();
  private final Runtime runtime = Runtime.create(RuntimeConfig.compiler());
  private GoProgram pool;

  private GoProgram pool(Duration maxWait, Duration callTimeout) throws IOException {
    byte[] wasm = new ClassPathResource("wasm/jsonfmt.wasm").getContentAsByteArray();
    WasmCallListener listener =
        new WasmCallListener() {
          @Override
          public void called(String module, String function, WasmCallOutcome outcome, long ns) {
            reported.add(outcome);
          }
        };
    pool =
        new GoProgram(
            "jsonfmt", wasm, runtime, 1, maxWait, callTimeout, List.of(listener));
    return pool;
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
    runtime.close();
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

  private static String run(GoProgram pool, InputStream stdin) {
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
                new GoProgram(
                    "stats",
                    stats,
                    runtime,
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the Go program stats is not a Go GOOS=js program: it imports")
        .hasMessageContaining("wasi_snapshot_preview1.");
  }

  @Test
  void aCallerBeyondTheConcurrentRunsIsRejectedAfterMaxWait() throws Exception {
    GoProgram pool = pool(Duration.ofMillis(100), Duration.ofSeconds(30));
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(() -> run(pool, heldBack("[1, 2]", reading, release)));
    assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
    // the first run holds the only run permit while it waits for its input
    try {
      assertThatThrownBy(() -> run(pool, new ByteArrayInputStream("[]".getBytes(UTF_8))))
          .isInstanceOfSatisfying(
              WasmCallException.class,
              e -> {
                assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.REJECTED);
                assertThat(e.getMessage()).contains("no run could start within PT0.1S");
              });
    } finally {
      release.countDown();
    }
    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("[1,2]\n");
    assertThat(reported).containsExactly(WasmCallOutcome.REJECTED, WasmCallOutcome.SUCCESS);
  }

  @Test
  void aRunPastTheCallTimeoutIsStoppedAndTheNextRunWorks() throws Exception {
    GoProgram pool = pool(Duration.ofSeconds(30), Duration.ofSeconds(3));
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
    // the permit is free again, and gojs closed the stopped program's instance
    assertThat(run(pool, new ByteArrayInputStream("{\"a\": [true]}".getBytes(UTF_8))))
        .isEqualTo("{\"a\":[true]}\n");
    assertThat(reported)
        .containsExactly(
            WasmCallOutcome.SUCCESS, WasmCallOutcome.TIMEOUT, WasmCallOutcome.SUCCESS);
  }

  @Test
  void runsGoOnAtOnceInOneRuntime() throws Exception {
    byte[] wasm = new ClassPathResource("wasm/jsonfmt.wasm").getContentAsByteArray();
    pool = new GoProgram("jsonfmt", wasm, runtime, 2, Duration.ofSeconds(30), Duration.ofSeconds(30), List.of());
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(() -> run(pool, heldBack("[1, 2]", reading, release)));
    assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
    // the first run is waiting for its input inside the program; a second one runs to its end
    try {
      assertThat(run(pool, new ByteArrayInputStream("[3]".getBytes(UTF_8)))).isEqualTo("[3]\n");
    } finally {
      release.countDown();
    }
    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("[1,2]\n");
  }
}
