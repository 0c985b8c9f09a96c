package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One runtime and one compiled module shared by many threads, each with its own instance, all
 * calling host functions at the same time.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CALLS = 2_000;

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void instancesOfOneCompiledModuleRunConcurrently(RuntimeConfig.EngineKind engine)
      throws Exception {
    AtomicLong hostCalls = new AtomicLong();
    ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
    try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
      HostModuleBuilder env = runtime.newHostModuleBuilder("env");
      env.newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                // The caller must be the instance of the calling thread: its memory says which.
                String seen =
                    new String(
                        caller.memory().read(stack[0], (int) stack[1]), StandardCharsets.UTF_8);
                if (!seen.equals(caller.name())) {
                  mismatches.add(seen + " called through " + caller.name());
                }
              },
              List.of(ValueType.I32, ValueType.I32),
              List.of())
          .export("log");
      env.newFunctionBuilder()
          .withFunction(
              (caller, stack) -> {
                hostCalls.incrementAndGet();
                stack[0] = stack[0] + stack[1];
              },
              List.of(ValueType.I64, ValueType.I64),
              List.of(ValueType.I64))
          .export("add");
      for (String name : List.of("fail", "exit")) {
        env.newFunctionBuilder()
            .withFunction(
                (caller, stack) -> {},
                name.equals("exit") ? List.of(ValueType.I32) : List.of(),
                List.of())
            .export(name);
      }
      env.newFunctionBuilder()
          .withFunction(
              (caller, stack) -> stack[0] = caller.exportedFunction("double").call(stack[0])[0],
              List.of(ValueType.I32),
              List.of(ValueType.I32))
          .export("callback");
      env.newFunctionBuilder()
          .withFunction(
              (caller, stack) -> stack[0] = 0,
              List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64),
              List.of(ValueType.F64))
          .export("mix");
      env.instantiate();

      CompiledModule compiled = runtime.compile(Fixtures.read("host/guest.wasm"));
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          String name = String.format("th%03d", t); // 5 bytes, as greet_indirect logs
          Callable<Long> task =
              () -> {
                start.await();
                Module m = runtime.instantiate(compiled, ModuleConfig.create().withName(name));
                m.memory().write(16, name.getBytes(StandardCharsets.UTF_8));
                long total = 0;
                for (int i = 0; i < CALLS; i++) {
                  total += m.exportedFunction("sum").call(i, 1)[0];
                  total += m.exportedFunction("callback").call(i)[0];
                  m.exportedFunction("greet_indirect").call();
                }
                m.close();
                return total;
              };
          results.add(pool.submit(task));
        }
        start.countDown();
        long expected = 0;
        for (int i = 0; i < CALLS; i++) {
          expected += i + 1 + 2L * i;
        }
        for (Future<Long> f : results) {
          assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(hostCalls.get()).isEqualTo((long) THREADS * CALLS);
    assertThat(mismatches).isEmpty();
  }
}
