package dev.zerowasm.spring.boot.autoconfigure.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.spring.boot.autoconfigure.ModulePool;
import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A real application context: a scanned guest interface called from 32 threads at once. */
@SpringBootTest(
    classes = GuestApplication.class,
    properties = {
      "wasm.modules.greeter.location=classpath:wasm/greeter.wasm",
      "wasm.modules.greeter.pool.max-size=6",
      "wasm.modules.greeter.pool.max-wait=30s"
    })
class GuestInterfaceApplicationTests {

  static final int THREADS = 32;
  static final int CALLS_PER_THREAD = 300;

  @Autowired TextTools tools;
  @Autowired ModuleRegistry registry;

  @Test
  void scannedInterfaceIsInjectedAndCallable() {
    assertThat(tools.add(20, 22)).isEqualTo(42);
    assertThat(tools.greet("Spring")).isEqualTo("Hello, Spring!");
    assertThat(tools.greetPair("wasm")).isEqualTo("Hello, wasm!");
  }

  @Test
  void callsFrom32ThreadsAreServedByThePoolWithCorrectResults() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            executor.submit(
                () -> {
                  start.await();
                  int done = 0;
                  for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    String name = "t" + thread + "-" + i + "-é";
                    assertThat(tools.add(thread, i)).isEqualTo(thread + i);
                    assertThat(tools.greet(name)).isEqualTo("Hello, " + name + "!");
                    assertThat(tools.greetPair(name)).isEqualTo("Hello, " + name + "!");
                    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                    byte[] reversed = tools.reverse(bytes);
                    for (int k = 0; k < bytes.length; k++) {
                      assertThat(reversed[k]).isEqualTo(bytes[bytes.length - 1 - k]);
                    }
                    assertThat(tools.concat(name, "|" + i)).isEqualTo(name + "|" + i);
                    done++;
                  }
                  return done;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      assertThat(total).isEqualTo(THREADS * CALLS_PER_THREAD);
    } finally {
      executor.shutdownNow();
    }
    ModulePool pool = registry.getPool("greeter");
    assertThat(pool.getSize()).isBetween(1, 6);
    assertThat(pool.getInUse()).isZero();
    // Every argument and result buffer was given back to the guest allocator, in every instance:
    // borrow them all at once so that each is looked at.
    int size = pool.getSize();
    List<ModulePool.Lease> leases = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        leases.add(pool.borrow());
      }
      assertThat(pool.getSize()).isEqualTo(size);
      for (ModulePool.Lease lease : leases) {
        long[] live = lease.module().exportedFunction("live_allocations").call();
        assertThat(live[0]).isZero();
      }
    } finally {
      leases.forEach(ModulePool.Lease::close);
    }
  }
}
