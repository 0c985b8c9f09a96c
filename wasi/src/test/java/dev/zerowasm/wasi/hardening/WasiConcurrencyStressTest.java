package dev.zerowasm.wasi.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.wasi.WasiHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight threads run the C/wasi-libc demo program ({@code src/test/c/wasi_demo.c}) at the same
 * time through ONE runtime and ONE {@link WasiHost}, each with its own temporary directory mounted
 * at {@code /}, its own arguments and its own stdout. The "files" command creates, appends to,
 * renames and deletes {@code a.txt} in the mount: if two threads shared a mount, or a guest saw
 * another's file descriptors, it would fail. Each thread checks only its own output and files; a
 * deadlock fails the test through the timeouts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WasiConcurrencyStressTest {
  static final int THREADS = 8;
  static final int ITERATIONS = 15;

  @TempDir Path tmp;

  static byte[] demo() throws IOException {
    try (InputStream in = WasiConcurrencyStressTest.class.getResourceAsStream("/c/wasi_demo.wasm")) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void eightThreadsRunWasiProgramsInSeparateMountsWithoutCrossTalk(RuntimeConfig.EngineKind engine)
      throws Exception {
    try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine));
        WasiHost wasi = WasiHost.instantiate(runtime)) {
      CompiledModule compiled = runtime.compile(demo());
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Path mount = Files.createDirectories(tmp.resolve("thread-" + t));
          // A file only this thread's guest can see; it must survive every run unchanged.
          Files.writeString(mount.resolve("mine.txt"), "owned by thread " + t);
          int thread = t;
          Callable<Integer> work =
              () -> {
                start.await();
                int runs = 0;
                for (int i = 0; i < ITERATIONS; i++) {
                  String files = run(wasi, compiled, mount, "files");
                  assertThat(files).as("thread %d run %d", thread, i).isEqualTo("files ok: hello+tail\n");
                  String marker = "t" + thread + "-i" + i;
                  String args = run(wasi, compiled, mount, "args", marker);
                  assertThat(args).isEqualTo("argc=3\nargv[1]=args\nargv[2]=" + marker + "\n");
                  runs += 2;
                }
                assertThat(Files.readString(mount.resolve("mine.txt")))
                    .isEqualTo("owned by thread " + thread);
                try (Stream<Path> s = Files.list(mount)) {
                  assertThat(s.map(p -> p.getFileName().toString()))
                      .as("thread %d's mount holds only its own file", thread)
                      .containsExactly("mine.txt");
                }
                return runs;
              };
          results.add(pool.submit(work));
        }
        start.countDown();
        int runs = 0;
        for (Future<Integer> f : results) {
          runs += f.get(100, TimeUnit.SECONDS); // an AssertionError of a thread surfaces here
        }
        assertThat(runs).isEqualTo(THREADS * ITERATIONS * 2);
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("no thread stuck").isTrue();
      }
    }
  }

  /** Runs the demo with {@code args} in {@code mount}; returns stdout, asserting exit code 0. */
  private static String run(WasiHost wasi, CompiledModule compiled, Path mount, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = Stream.concat(Stream.of("wasi_demo"), Stream.of(args)).toArray(String[]::new);
    ModuleConfig config =
        ModuleConfig.create()
            .withArgs(argv)
            .withStdout(out)
            .withStderr(err)
            .withFsConfig(FsConfig.create().withDirMount(mount, "/"));
    WasiHost.Result r = wasi.run(compiled, config);
    assertThat(r.exitCode())
        .as("exit code of %s (stderr: %s)", String.join(" ", args), err.toString(StandardCharsets.UTF_8))
        .isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
