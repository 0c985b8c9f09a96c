package dev.zerowasm.docs;

import static dev.zerowasm.api.ValueType.I32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.CompilationCache;
import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.experimental.FunctionListener;
import dev.zerowasm.experimental.FunctionListenerFactory;
import dev.zerowasm.experimental.LoggingListenerFactory;
import dev.zerowasm.experimental.LoggingScopes;
import dev.zerowasm.experimental.StackIterator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime examples of README.md, docs/limits.md, docs/compilation-cache.md and
 * docs/listeners.md. The pages' {@code java} blocks are copies of the code here (checked by {@link
 * DocSnippetsTest}); each test runs one and checks what the page says it does. The guests are
 * {@code math.wat}, {@code loops.wat} and {@code demo.wat} in this module's test resources.
 */
class RuntimeExamplesDocTest {
  @Test
  void readmeExample() throws IOException {
    String printed =
        StdOut.capture(
            () -> {
              byte[] wasm = Files.readAllBytes(Path.of("math.wasm"));
              try (Runtime runtime = Runtime.create()) {               // dev.zerowasm.Runtime
                CompiledModule compiled = runtime.compile(wasm);       // decode + validate + compile, once
                Module module = runtime.instantiate(compiled);         // memory, tables, globals; runs start
                Function fib = module.exportedFunction("fib");         // null if there is no such export
                long[] results = fib.call(25);                         // values travel as longs
                System.out.println(results[0]);                        // 75025
              }                                                        // closing the runtime closes its modules
            });
    assertThat(printed).isEqualTo("75025\n");
  }

  @Test
  void memoryLimit() {
    byte[] wasm = Docs.fixture("loops.wasm");
    String printed =
        StdOut.capture(
            () -> {
              try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withMemoryLimitPages(3))) {
                Module m = runtime.instantiate(wasm);                     // memory of 1 page
                System.out.println(m.exportedFunction("grow").call(2)[0]); // 1: the old size
                System.out.println(m.exportedFunction("grow").call(1)[0]); // -1: 4 pages > 3
              }
            });
    assertThat(printed).isEqualTo("1\n-1\n");
  }

  @Test
  void interruptingTheThread() throws InterruptedException {
    byte[] wasm = Docs.fixture("loops.wasm");
    List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    try {
      Runtime runtime = Runtime.create(RuntimeConfig.defaults().withCloseOnInterrupt(true));
      Module m = runtime.instantiate(wasm);
      Thread worker = new Thread(() -> m.exportedFunction("spin").call());
      worker.start();
      worker.interrupt(); // the call throws TrapException(INTERRUPTED) within microseconds
      worker.join(10_000);
      assertThat(worker.isAlive()).isFalse();
      assertThat(uncaught).singleElement().isInstanceOf(TrapException.class);
      assertThat(((TrapException) uncaught.get(0)).kind()).isEqualTo(TrapKind.INTERRUPTED);
      assertThat(m.isClosed()).isTrue();
      assertThatThrownBy(() -> m.exportedFunction("nop").call())
          .isInstanceOf(WasmException.class)
          .hasMessage("cannot call loops.nop: module \"loops\" is closed");
      runtime.close();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  @Test
  void callTimeout() {
    try (Runtime runtime = Runtime.create()) {
      CompiledModule compiled = runtime.compile(Docs.fixture("loops.wasm"));
      assertThatThrownBy(
              () -> {
                Module m = runtime.instantiate(compiled,
                    ModuleConfig.create().withCallTimeout(Duration.ofMillis(100)));
                m.exportedFunction("spin").call(); // TrapException(INTERRUPTED): "... ran past its call timeout"
              })
          .isInstanceOf(TrapException.class)
          .hasMessageStartingWith("interrupted: module \"loops\" ran past its call timeout");
    }
  }

  @Test
  void sharingACompilationCache() {
    byte[] wasm = Docs.fixture("math.wasm");
    try (CompilationCache cache = CompilationCache.inMemory()) {
      RuntimeConfig config = RuntimeConfig.defaults().withCompilationCache(cache);
      try (Runtime a = Runtime.create(config); Runtime b = Runtime.create(config)) {
        a.compile(wasm); // decodes, validates, compiles
        b.compile(wasm); // reuses the decoded module and the compiled code
      }
    }
    // CompilationCacheTest checks that b gets the very objects a compiled.
  }

  @Test
  void directoryCache(@TempDir Path cacheDir) throws IOException {
    CompilationCache cache = CompilationCache.directory(cacheDir); // e.g. Path.of("/var/cache/myapp/wasm")
    try (cache;
        Runtime runtime = Runtime.create(RuntimeConfig.defaults().withCompilationCache(cache))) {
      runtime.compile(Docs.fixture("math.wasm"));
    }
    try (var files = Files.list(cacheDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".valid"))
          .anyMatch(n -> n.endsWith("-l0i0.code"));
    }
  }

  /** Runs demo.wat's _start and compute with {@code factory}: env.add2(a, b) = a + b. */
  private static void runDemo(RuntimeConfig config) {
    byte[] wasm = Docs.fixture("demo.wasm");
    try (Runtime runtime = Runtime.create(config)) {
      runtime.newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction((caller, stack) -> stack[0] = stack[0] + stack[1], List.of(I32, I32), List.of(I32))
          .withParameterNames("a", "b")
          .export("add2")
          .instantiate();
      runtime.instantiate(wasm); // runs _start
    }
  }

  @Test
  void loggingEveryCall() {
    byte[] wasm = Docs.fixture("demo.wasm");
    StringWriter log = new StringWriter(); // or System.err, any Appendable
    RuntimeConfig config =
        RuntimeConfig.defaults().withFunctionListenerFactory(LoggingListenerFactory.create(log));
    try (Runtime runtime = Runtime.create(config)) {
      runtime.newHostModuleBuilder("env")
          .newFunctionBuilder()
          .withFunction((caller, stack) -> stack[0] = stack[0] + stack[1], List.of(I32, I32), List.of(I32))
          .withParameterNames("a", "b")
          .export("add2")
          .instantiate();
      runtime.instantiate(wasm); // runs _start
    }
    assertThat(log.toString())
        .isEqualTo(
            "--> demo._start()\n"
                + "  --> demo.compute()\n"
                + "    ==> env.add2(a=5,b=6)\n"
                + "    <== 11\n"
                + "  <-- (11)\n"
                + "<-- ()\n");
  }

  @Test
  void choosingWhatToLog() {
    StringWriter log = new StringWriter();
    LoggingListenerFactory guestsOnly =
        LoggingListenerFactory.create(log).withFilter(d -> !d.isHostFunction()); // only guest functions
    runDemo(RuntimeConfig.defaults().withFunctionListenerFactory(guestsOnly));
    assertThat(log.toString())
        .isEqualTo("--> demo._start()\n  --> demo.compute()\n  <-- (11)\n<-- ()\n");

    log.getBuffer().setLength(0);
    LoggingListenerFactory clockOnly =
        LoggingListenerFactory.create(log)
            .withClassifier("env", name -> name.startsWith("add") ? "math" : null)
            .withScopes(LoggingScopes.of("clock")); // env.add2 is in "math": not logged
    runDemo(RuntimeConfig.defaults().withFunctionListenerFactory(clockOnly));
    assertThat(log.toString()).doesNotContain("env.add2").contains("--> demo.compute()");

    log.getBuffer().setLength(0);
    LoggingListenerFactory symbolic =
        LoggingListenerFactory.create(log)
            .withValueFormatter((definition, result, index, value) ->
                result && definition.isHostFunction() && value == 11 ? "ELEVEN" : null);
    runDemo(RuntimeConfig.defaults().withFunctionListenerFactory(symbolic));
    assertThat(log.toString()).contains("    <== ELEVEN\n  <-- (11)\n");
  }

  @Test
  void writingAListener() {
    String printed =
        StdOut.capture(
            () -> {
              FunctionListenerFactory factory = (moduleName, definition) -> new FunctionListener() {
                public void before(Module m, FunctionDefinition d, long[] params, StackIterator stack) {
                  while (stack.next()) { // innermost (this call) first
                    System.out.println("  at " + stack.definition().debugName());
                  }
                }
                public void after(Module m, FunctionDefinition d, long[] results) {}
                public void abort(Module m, FunctionDefinition d, Throwable error) {}
              };
              try (Runtime runtime = Runtime.create()) {
                runtime.newHostModuleBuilder("env")
                    .newFunctionBuilder()
                    .withFunction((caller, stack) -> stack[0] = stack[0] + stack[1], List.of(I32, I32), List.of(I32))
                    .export("add2")
                    .instantiate();
                CompiledModule compiled = runtime.compile(Docs.fixture("demo.wasm"));
                runtime.instantiate(compiled, ModuleConfig.create().withFunctionListenerFactory(factory));
              }
            });
    assertThat(printed)
        .isEqualTo(
            "  at demo._start\n"
                + "  at demo.compute\n  at demo._start\n"
                + "  at env.add2\n  at demo.compute\n  at demo._start\n");
  }
}
