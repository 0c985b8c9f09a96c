package dev.zerowasm.spectest;

import static org.junit.jupiter.api.Assertions.fail;

import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.testing.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The WebAssembly core spec test suite, the project's conformance gauge: one dynamic test per
 * command, named {@code <profile>/<file>.wast:<line> <type>}, grouped per file, per profile and per
 * engine.
 *
 * <p>Profiles: {@code v1} runs {@code v1/} with {@link CoreFeatures#V1}; {@code v2} runs {@code
 * v2/} overlaid with {@code v2-wg-2.0-delta/} with {@link CoreFeatures#V2}. Only text-format
 * modules are skipped. Commands listed in {@code
 * spectest-known-failures.txt} that fail are reported as aborted ("known-failing"); a listed
 * command that passes fails as a stale entry, and any unlisted failure fails the build.
 *
 * <p>After each profile and engine a summary test prints {@code spectest <profile> <engine>: N
 * passed, M failed, K skipped, J known-failing} and writes the failing commands, in the format of
 * the known-failures file, to {@code target/spectest-<profile>-<engine>.txt}.
 *
 * <p>{@code v1CapacityFromMax} and {@code v2CapacityFromMax} run the files that exercise memory
 * again ({@link #touchesMemory}) with {@link RuntimeConfig#withMemoryCapacityFromMax} (and a
 * limit of 1024 pages, see {@link #withCapacityFromMax}), whose code checks every access against
 * the memory's size rather than the array's length: same expectations, same known failures;
 * summaries {@code spectest <profile> capacity-from-max <engine>}.
 *
 * <p>System properties: {@code zerowasm.spectest.dir} (the data folder), {@code
 * zerowasm.spectest.files} (comma-separated base names to run only those files, e.g. {@code
 * i32,linking}), {@code zerowasm.spectest.timeoutSeconds} (per file, default 600), {@code
 * zerowasm.spectest.simd} ({@code false} skips the {@code simd_*} files, which run by default),
 * {@code zerowasm.spectest.capacityFromMax} ({@code true} runs the whole of {@code v1} and {@code
 * v2} with capacity from max).
 */
class SpecTest {
  /** The engines every profile runs on. */
  static final List<RuntimeConfig.EngineKind> ENGINES =
      List.of(RuntimeConfig.EngineKind.INTERPRETER, RuntimeConfig.EngineKind.COMPILER);

  /** Stack of the thread running a script: deep enough for skip-stack-guard-page and exhaustion. */
  private static final long STACK_SIZE = 64L << 20;

  private static final KnownFailures KNOWN = KnownFailures.load();

  /**
   * With {@code -Dzerowasm.spectest.hooks=true}: a listener on every function, so the suite runs
   * the engines' listening and interruptible code.
   */
  private static final dev.zerowasm.experimental.FunctionListener NO_OP_LISTENER =
      new dev.zerowasm.experimental.FunctionListener() {
        @Override
        public void before(
            dev.zerowasm.api.Module module,
            dev.zerowasm.api.FunctionDefinition definition,
            long[] params,
            dev.zerowasm.experimental.StackIterator stack) {}

        @Override
        public void after(
            dev.zerowasm.api.Module module,
            dev.zerowasm.api.FunctionDefinition definition,
            long[] results) {}

        @Override
        public void abort(
            dev.zerowasm.api.Module module,
            dev.zerowasm.api.FunctionDefinition definition,
            Throwable error) {}
      };

  /**
   * A conformance profile: which folders (later ones replace files of earlier ones), which
   * features.
   */
  private record Profile(String name, CoreFeatures features, List<String> folders) {}

  private static final Profile V1 = new Profile("v1", CoreFeatures.V1, List.of("v1"));
  private static final Profile V2 =
      new Profile("v2", CoreFeatures.V2, List.of("v2", "v2-wg-2.0-delta"));

  /**
   * The extended-const proposal as a delta on 2.0: its copies of {@code data}, {@code elem} and
   * {@code global} replace 2.0's; the other files of 2.0 do not change with the feature on.
   */
  private static final Profile EXTENDED_CONST =
      new Profile(
          "extended-const",
          CoreFeatures.V2.with(CoreFeature.EXTENDED_CONST),
          List.of("extended-const"));

  /** The tail-call proposal: new files only ({@code return_call}, {@code return_call_indirect}). */
  private static final Profile TAIL_CALL =
      new Profile("tail-call", CoreFeatures.V2.with(CoreFeature.TAIL_CALL), List.of("tail-call"));

  /**
   * The relaxed SIMD proposal: new files only. Its {@code either} results accept any of the
   * platform-dependent answers; the engines give one, the same on both.
   */
  private static final Profile RELAXED_SIMD =
      new Profile(
          "relaxed-simd", CoreFeatures.V2.with(CoreFeature.RELAXED_SIMD), List.of("relaxed-simd"));

  /** Counts of one profile and engine. */
  private static final class Tally {
    int passed;
    int failed;
    int skipped;
    int knownFailing;
    final List<String> failures = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
  }

  @TestFactory
  Stream<DynamicNode> v1() {
    return profile(V1);
  }

  @TestFactory
  Stream<DynamicNode> v2() {
    return profile(V2);
  }

  @TestFactory
  Stream<DynamicNode> extendedConst() {
    return profile(EXTENDED_CONST);
  }

  @TestFactory
  Stream<DynamicNode> tailCall() {
    return profile(TAIL_CALL);
  }

  @TestFactory
  Stream<DynamicNode> relaxedSimd() {
    return profile(RELAXED_SIMD);
  }

  @TestFactory
  Stream<DynamicNode> v1CapacityFromMax() {
    return capacityFromMax(V1);
  }

  @TestFactory
  Stream<DynamicNode> v2CapacityFromMax() {
    return capacityFromMax(V2);
  }

  /** The files whose modules use memory in ways the capacity-from-max variant must get right. */
  static boolean touchesMemory(String base) {
    return base.startsWith("memory")
        || base.startsWith("simd_load")
        || base.startsWith("simd_store")
        || Set.of(
                "address",
                "align",
                "bulk",
                "data",
                "endianness",
                "exports",
                "float_memory",
                "imports",
                "left-to-right",
                "linking",
                "load",
                "simd_address",
                "simd_align",
                "start",
                "store",
                "traps")
            .contains(base);
  }

  private static Stream<DynamicNode> capacityFromMax(Profile profile) {
    return profile(
        profile,
        "capacity-from-max",
        SpecTest::touchesMemory,
        SpecTest::withCapacityFromMax);
  }

  private static Stream<DynamicNode> profile(Profile profile) {
    return profile(
        profile,
        null,
        base -> true,
        config ->
            Boolean.getBoolean("zerowasm.spectest.capacityFromMax")
                ? withCapacityFromMax(config)
                : config);
  }

  /**
   * {@code config} with capacity from max, and memories limited to 1024 pages (64 MiB): with the
   * default limit, {@code memory.wast}'s {@code (memory 0 65536)} would be allocated at 32,767
   * pages (2 GiB) up front, which the tests' 2 GiB heap cannot hold (instantiation then fails, as
   * documented). No command of the suite needs more than 1024 pages.
   */
  private static RuntimeConfig withCapacityFromMax(RuntimeConfig config) {
    return config.withMemoryCapacityFromMax(true).withMemoryLimitPages(1024);
  }

  /**
   * The tests of {@code profile}'s files accepted by {@code select}, in runtimes configured by
   * {@code configure}; {@code variant} (or null) names such a variant in the test and summary
   * names and the report file.
   */
  private static Stream<DynamicNode> profile(
      Profile profile,
      String variant,
      java.util.function.Predicate<String> select,
      java.util.function.UnaryOperator<RuntimeConfig> configure) {
    Path root = dataDir();
    Map<String, Path> files = files(root, profile);
    Set<String> only = filter();
    // Only a run of every file can tell that a known failure no longer exists.
    boolean complete = only.isEmpty() && variant == null;
    if (!only.isEmpty()) {
      files.keySet().retainAll(only);
    }
    files.keySet().removeIf(select.negate());
    String label = variant == null ? profile.name() : profile.name() + " " + variant;
    return ENGINES.stream()
        .map(
            engine -> {
              String engineName = engine.name().toLowerCase(Locale.ROOT);
              RuntimeConfig config =
                  configure.apply(
                      RuntimeConfig.defaults()
                          .withEngine(engine)
                          .withCoreFeatures(profile.features()));
              if (Boolean.getBoolean("zerowasm.spectest.hooks")) {
                // The engines' hooked code variants: polls everywhere, every call through a
                // listener that does nothing.
                config =
                    config
                        .withCloseOnInterrupt(true)
                        .withFunctionListenerFactory((module, definition) -> NO_OP_LISTENER);
              }
              RuntimeConfig engineConfig = config;
              Tally tally = new Tally();
              Stream<DynamicNode> fileNodes =
                  files.entrySet().stream()
                      .map(
                          e ->
                              fileContainer(
                                  profile,
                                  engineName,
                                  engineConfig,
                                  e.getKey(),
                                  e.getValue(),
                                  tally));
              DynamicTest summary =
                  DynamicTest.dynamicTest(
                      label + " " + engineName + " summary",
                      () -> summarize(profile, label, engineName, tally, complete));
              return DynamicContainer.dynamicContainer(
                  label + " " + engineName, Stream.concat(fileNodes, Stream.of(summary)));
            });
  }

  /** The data folder; a missing one fails on CI and skips elsewhere. */
  private static Path dataDir() {
    String property = System.getProperty("zerowasm.spectest.dir");
    Path dir = Paths.get(property != null ? property : "../../shared/spectest").toAbsolutePath();
    if (!Files.isDirectory(dir)) {
      String message =
          "spec test data not found at " + dir + " (set -Dzerowasm.spectest.dir=<folder>)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + "; on CI the spec tests must run");
      }
      System.out.println("spectest skipped: " + message);
      Assumptions.abort(message);
    }
    return dir;
  }

  private static Set<String> filter() {
    String files = System.getProperty("zerowasm.spectest.files", "").strip();
    Set<String> set = new TreeSet<>();
    for (String f : files.split(",")) {
      if (!f.isBlank()) {
        set.add(f.strip().replaceAll("\\.(wast|json)$", ""));
      }
    }
    return set;
  }

  /** Base name to JSON file, sorted; files of later folders replace those of earlier ones. */
  private static Map<String, Path> files(Path root, Profile profile) {
    Map<String, Path> files = new TreeMap<>();
    for (String folder : profile.folders()) {
      Path dir = root.resolve(folder);
      if (!Files.isDirectory(dir)) {
        fail("spec test folder missing: " + dir);
      }
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.getFileName().toString().endsWith(".json"))
            .forEach(p -> files.put(p.getFileName().toString().replaceAll("\\.json$", ""), p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static DynamicContainer fileContainer(
      Profile profile, String engine, RuntimeConfig config, String base, Path json, Tally tally) {
    String fileId = profile.name() + "/" + base + ".wast";
    // The flatMap defers running the script until JUnit executes this container.
    return DynamicContainer.dynamicContainer(
        fileId,
        json.toUri(),
        Stream.of(json).flatMap(p -> runFile(fileId, engine, config, p, tally).stream()));
  }

  @SuppressWarnings("unchecked")
  private static List<DynamicTest> runFile(
      String fileId, String engine, RuntimeConfig config, Path json, Tally tally) {
    List<Object> commands;
    try {
      Map<String, Object> script =
          (Map<String, Object>) Json.parse(Files.readString(json, StandardCharsets.UTF_8));
      commands = (List<Object>) script.get("commands");
    } catch (IOException | RuntimeException e) {
      tally.failed++;
      tally.failures.add(fileId + " # cannot read: " + e);
      return List.of(
          DynamicTest.dynamicTest(fileId + " (read)", () -> fail("cannot read " + json, e)));
    }
    String base = json.getFileName().toString();
    if (base.startsWith("simd_")
        && "false".equals(System.getProperty("zerowasm.spectest.simd", "").strip())) {
      tally.skipped += commands.size();
      String reason =
          "SIMD files excluded by -Dzerowasm.spectest.simd=false: "
              + commands.size()
              + " commands skipped";
      return List.of(
          DynamicTest.dynamicTest(
              fileId + " (" + commands.size() + " commands)", () -> Assumptions.abort(reason)));
    }

    ScriptRunner.Outcome[] outcomes = execute(fileId, json.getParent(), config, commands);

    List<DynamicTest> tests = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      Map<String, Object> command = (Map<String, Object>) commands.get(i);
      String id = fileId + ":" + command.get("line");
      String name = id + " " + command.get("type");
      tally.seen.add(id);
      ScriptRunner.Outcome outcome = outcomes[i];
      String known = KNOWN.reason(id, engine);
      switch (outcome.status()) {
        case PASSED:
          if (known != null) {
            tally.failed++;
            tally.failures.add(id + " # stale: now passes");
            tests.add(
                DynamicTest.dynamicTest(
                    name,
                    () ->
                        fail(
                            "stale entry in spectest-known-failures.txt: "
                                + id
                                + " now passes on "
                                + engine
                                + "; remove it ("
                                + known
                                + ")")));
          } else {
            tally.passed++;
            tests.add(DynamicTest.dynamicTest(name, () -> {}));
          }
          break;
        case SKIPPED:
          tally.skipped++;
          if (known != null) {
            tally.failed++;
            tally.failures.add(id + " # stale: skipped");
          }
          tests.add(
              DynamicTest.dynamicTest(
                  name,
                  () -> {
                    if (known != null) {
                      fail(
                          "stale entry in spectest-known-failures.txt: "
                              + id
                              + " is skipped ("
                              + outcome.message()
                              + ")");
                    }
                    Assumptions.abort("skipped: " + outcome.message());
                  }));
          break;
        default:
          if (known != null) {
            tally.knownFailing++;
            tests.add(
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      throw new TestAbortedException(
                          "known failure (" + known + "): " + outcome.message(), outcome.cause());
                    }));
          } else {
            tally.failed++;
            tally.failures.add(id + " # " + firstLine(outcome.message()));
            tests.add(
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      if (outcome.cause() != null) {
                        fail(outcome.message(), outcome.cause());
                      }
                      fail(outcome.message());
                    }));
          }
      }
    }
    return tests;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /**
   * Runs the commands on a fresh thread with a large stack and returns one outcome per command. A
   * script running longer than the timeout is interrupted and abandoned; its remaining commands
   * fail.
   */
  @SuppressWarnings("unchecked")
  private static ScriptRunner.Outcome[] execute(
      String fileId, Path dir, RuntimeConfig config, List<Object> commands) {
    int n = commands.size();
    AtomicReferenceArray<ScriptRunner.Outcome> results = new AtomicReferenceArray<>(n);
    Throwable[] setupFailure = new Throwable[1];
    Runnable body =
        () -> {
          try (ScriptRunner runner = new ScriptRunner(dir, config)) {
            for (int i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
              results.set(i, runner.run((Map<String, Object>) commands.get(i)));
            }
          } catch (Throwable t) {
            setupFailure[0] = t;
          }
        };
    Thread thread = new Thread(null, body, "spectest " + fileId, STACK_SIZE);
    thread.setDaemon(true);
    thread.start();
    long timeoutSeconds = Long.getLong("zerowasm.spectest.timeoutSeconds", 600);
    boolean timedOut = false;
    try {
      thread.join(timeoutSeconds * 1000);
      if (thread.isAlive()) {
        timedOut = true;
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.interrupt();
      timedOut = true;
    }
    ScriptRunner.Outcome[] outcomes = new ScriptRunner.Outcome[n];
    boolean first = true;
    for (int i = 0; i < n; i++) {
      ScriptRunner.Outcome o = results.get(i);
      if (o == null) {
        String why;
        if (timedOut) {
          why =
              first
                  ? "timed out after " + timeoutSeconds + "s while running this command"
                  : "not run: the script timed out earlier";
        } else if (setupFailure[0] != null) {
          why = "not run: the script failed: " + setupFailure[0];
        } else {
          why = "not run";
        }
        first = false;
        o = new ScriptRunner.Outcome(ScriptRunner.Status.FAILED, why, setupFailure[0]);
      }
      outcomes[i] = o;
    }
    return outcomes;
  }

  private static void summarize(
      Profile profile, String label, String engine, Tally tally, boolean complete) {
    List<String> unseen = new ArrayList<>();
    if (complete) {
      for (String id : KNOWN.ids(profile.name(), engine)) {
        if (!tally.seen.contains(id)) {
          unseen.add(id);
        }
      }
    }
    int failed = tally.failed + unseen.size();
    String line =
        "spectest "
            + label
            + " "
            + engine
            + ": "
            + tally.passed
            + " passed, "
            + failed
            + " failed, "
            + tally.skipped
            + " skipped, "
            + tally.knownFailing
            + " known-failing";
    System.out.println(line);
    List<String> report = new ArrayList<>();
    report.add("# " + line);
    report.addAll(tally.failures);
    for (String id : unseen) {
      report.add(id + " # stale: no such command");
    }
    try {
      String file = label.replace(' ', '-');
      Path out = Paths.get("target", "spectest-" + file + "-" + engine + ".txt");
      Files.createDirectories(out.getParent());
      Files.write(out, report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.out.println("cannot write the spec test report: " + e);
    }
    if (failed > 0) {
      List<String> shown = report.subList(1, Math.min(report.size(), 41));
      fail(
          line
              + "\nfailures (first "
              + shown.size()
              + ", all in target/spectest-"
              + label.replace(' ', '-')
              + "-"
              + engine
              + ".txt):\n"
              + shown.stream().collect(Collectors.joining("\n")));
    }
  }
}
