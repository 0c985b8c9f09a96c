package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.experimental.FunctionListener;
import dev.zerowasm.experimental.StackIterator;
import dev.zerowasm.internal.wasm.MemoryInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RuntimeConfig#withMemoryCapacityFromMax}: memories allocated at their maximum, growth
 * without copies, and every access checked against the size (not the array's length), on both
 * engines. The fixtures are {@code capacity/*.wat}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CapacityFromMaxTest {
  private static final int PAGE = 65536;

  static Stream<RuntimeConfig> engines() {
    return Stream.of(
        RuntimeConfig.interpreter().withMemoryCapacityFromMax(true),
        RuntimeConfig.compiler().withMemoryCapacityFromMax(true));
  }

  /** The same modes with hooks: the listening and interruptible code variants check too. */
  static Stream<RuntimeConfig> hookedEngines() {
    FunctionListener quiet =
        new FunctionListener() {
          @Override
          public void before(
              Module module,
              FunctionDefinition definition,
              long[] params,
              StackIterator stack) {}

          @Override
          public void after(Module module, FunctionDefinition definition, long[] results) {}

          @Override
          public void abort(Module module, FunctionDefinition definition, Throwable error) {}
        };
    return engines()
        .map(c -> c.withCloseOnInterrupt(true).withFunctionListenerFactory((m, d) -> quiet));
  }

  private static final byte[] CAPACITY = Fixtures.read("capacity/capacity.wasm");
  private static final byte[] IMPORTER = Fixtures.read("capacity/importer.wasm");
  private static final byte[] NO_MAX = Fixtures.read("capacity/nomax.wasm");

  private static long call(Module m, String name, long... params) {
    long[] results = m.exportedFunction(name).call(params);
    return results.length == 0 ? 0 : results[0];
  }

  private static MemoryInstance memoryOf(Module m) {
    return (MemoryInstance) m.memory();
  }

  private static void assertOutOfBounds(ThrowingCallable access) {
    assertThatThrownBy(access)
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("out of bounds memory access")
        .satisfies(
            e ->
                assertThat(((TrapException) e).kind())
                    .isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
  }

  @Test
  void theOptionIsOffByDefaultAndPartOfTheImmutableConfiguration() {
    RuntimeConfig defaults = RuntimeConfig.defaults();
    RuntimeConfig on = defaults.withMemoryCapacityFromMax(true);
    assertThat(defaults.memoryCapacityFromMax()).isFalse();
    assertThat(on.memoryCapacityFromMax()).isTrue();
    assertThat(on).isNotEqualTo(defaults);
    assertThat(on.withMemoryCapacityFromMax(false)).isEqualTo(defaults);
    assertThat(on.withMemoryCapacityFromMax(false).hashCode()).isEqualTo(defaults.hashCode());
    assertThat(on.toString()).contains("memoryCapacityFromMax");
    // The other with-methods keep it.
    assertThat(on.withEngine(RuntimeConfig.EngineKind.INTERPRETER).memoryCapacityFromMax())
        .isTrue();
    assertThat(on.withMemoryLimitPages(8).withCustomSections(true).memoryCapacityFromMax())
        .isTrue();
    assertThat(on.withCloseOnInterrupt(true).withCompilationCache(null).memoryCapacityFromMax())
        .isTrue();
  }

  @Test
  void limitsPageExample() {
    // docs/limits.md, "Memory capacity" (the page's java block is a copy of the lines below)
    byte[] wasm = CAPACITY;
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      RuntimeConfig config = RuntimeConfig.defaults()
          .withMemoryLimitPages(1024)                 // caps the up-front allocation at 64 MiB a memory
          .withMemoryCapacityFromMax(true);
      try (Runtime runtime = Runtime.create(config)) {
        Module m = runtime.instantiate(wasm);         // (memory 1 4): 4 pages allocated, size 1 page
        System.out.println(m.exportedFunction("grow").call(1)[0]); // 1: the old size; nothing copied
        System.out.println(m.memory().size());        // 131072 bytes (2 pages): accesses beyond trap
      }
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("1\n131072\n");
  }

  @Test
  void withoutTheOptionGrowthCopiesTheArray() {
    try (Runtime runtime = Runtime.create(RuntimeConfig.defaults())) {
      Module m = runtime.instantiate(CAPACITY);
      byte[] before = memoryOf(m).buffer;
      assertThat(before).hasSize(PAGE);
      assertThat(call(m, "grow", 1)).isEqualTo(1);
      assertThat(memoryOf(m).buffer).isNotSameAs(before).hasSize(2 * PAGE);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void growingWithinTheCapacityKeepsTheArrayAndItsContents(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(CAPACITY);
      MemoryInstance memory = memoryOf(m);
      byte[] array = memory.buffer;
      assertThat(array).hasSize(4 * PAGE); // the declared maximum, allocated up front
      assertThat(memory.hasSpareCapacity()).isTrue();
      assertThat(call(m, "size")).isEqualTo(1);
      assertThat(m.memory().size()).isEqualTo(PAGE);
      assertThat(call(m, "load8", 0)).isEqualTo(42); // the data segment
      call(m, "store32", 100, 0x12345678);

      assertThat(call(m, "grow", 1)).isEqualTo(1);
      assertThat(memory.buffer).isSameAs(array);
      assertThat(call(m, "size")).isEqualTo(2);
      assertThat(m.memory().pages()).isEqualTo(2);
      assertThat(m.memory().size()).isEqualTo(2L * PAGE);
      assertThat(call(m, "load32", 100)).isEqualTo(0x12345678);
      assertThat(call(m, "load8", 2 * PAGE - 1)).isZero(); // the new page is zero

      assertThat(m.memory().grow(2)).isEqualTo(2); // the host grows it too, still no copy
      assertThat(call(m, "size")).isEqualTo(4);
      assertThat(memory.buffer).isSameAs(array);
      call(m, "store32", 4 * PAGE - 4, -1);
      assertThat(call(m, "load32", 4 * PAGE - 4)).isEqualTo(-1);

      // Beyond the maximum: -1, as without the option; nothing changes.
      assertThat(call(m, "grow", 1)).isEqualTo(-1);
      assertThat(m.memory().grow(1)).isEqualTo(-1);
      assertThat(call(m, "grow", 0)).isEqualTo(4);
      assertThat(memory.buffer).isSameAs(array);
      assertThat(call(m, "load32", 100)).isEqualTo(0x12345678);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void scalarAccessesTrapAtTheSizeNotTheCapacity(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(CAPACITY);
      for (int pages = 1; pages <= 4; pages++) {
        long size = (long) pages * PAGE;
        assertThat(call(m, "load8", size - 1)).isZero();
        assertOutOfBounds(() -> call(m, "load8", size));
        assertThat(call(m, "load16", size - 2)).isZero();
        assertOutOfBounds(() -> call(m, "load16", size - 1));
        assertThat(call(m, "load32", size - 4)).isZero();
        assertOutOfBounds(() -> call(m, "load32", size - 3));
        assertThat(call(m, "load64", size - 8)).isZero();
        assertOutOfBounds(() -> call(m, "load64", size - 7));
        assertThat(call(m, "loadF64", size - 8)).isZero();
        assertOutOfBounds(() -> call(m, "loadF64", size - 1));
        // address + static offset of one page
        if (pages > 1) {
          assertThat(call(m, "load32Offset", size - PAGE - 4)).isZero();
        }
        assertOutOfBounds(() -> call(m, "load32Offset", size - PAGE - 3));
        assertOutOfBounds(() -> call(m, "load8MaxOffset", 0));
        // unsigned addresses: -1 is 4 GiB - 1
        assertOutOfBounds(() -> call(m, "load8", -1));
        assertThat(call(m, "grow", 1)).isEqualTo(pages < 4 ? pages : -1);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aStoreOutOfBoundsWritesNothing(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(CAPACITY);
      byte[] array = memoryOf(m).buffer;
      call(m, "store8", PAGE - 1, 0x11);
      assertOutOfBounds(() -> call(m, "store8", PAGE, 0x22));
      assertOutOfBounds(() -> call(m, "store16", PAGE - 1, -1));
      assertOutOfBounds(() -> call(m, "store32", PAGE - 2, -1));
      assertOutOfBounds(() -> call(m, "store64", PAGE - 4, -1L));
      assertOutOfBounds(
          () -> call(m, "storeF32", PAGE - 3, Float.floatToRawIntBits(-1.5f) & 0xFFFF_FFFFL));
      assertOutOfBounds(() -> call(m, "v128Store", PAGE - 15, -1));
      assertOutOfBounds(() -> call(m, "v128Store32Lane", PAGE - 3, -1));
      // Nothing was written, neither in the memory nor beyond its size in the array.
      assertThat(m.memory().read(PAGE - 16, 15)).containsOnly(0);
      assertThat(m.memory().readByte(PAGE - 1)).isEqualTo((byte) 0x11);
      for (int i = PAGE; i < 2 * PAGE; i++) {
        assertThat(array[i]).as("array byte %d beyond the size", i).isZero();
      }
      // Once grown, the same stores succeed.
      assertThat(call(m, "grow", 1)).isEqualTo(1);
      call(m, "store64", PAGE - 4, -1L);
      assertThat(call(m, "load64", PAGE - 4)).isEqualTo(-1L);
      call(m, "v128Store", PAGE - 15, 7);
      assertThat(call(m, "v128Load", PAGE - 15)).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void simdAccessesTrapAtTheSize(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(CAPACITY);
      call(m, "v128Store", PAGE - 16, 0x01020304);
      assertThat(call(m, "v128Load", PAGE - 16)).isEqualTo(0x01020304);
      assertOutOfBounds(() -> call(m, "v128Load", PAGE - 15));
      assertThat(call(m, "v128Load64Lane", PAGE - 8)).isEqualTo(0x01020304_01020304L);
      assertOutOfBounds(() -> call(m, "v128Load64Lane", PAGE - 7));
      assertThat(call(m, "v128Load8Splat", PAGE - 1)).isEqualTo(0x01);
      assertOutOfBounds(() -> call(m, "v128Load8Splat", PAGE));
      call(m, "v128Store32Lane", PAGE - 4, 9);
      assertThat(call(m, "load32", PAGE - 4)).isEqualTo(9);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void bulkInstructionsTrapAtTheSize(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(CAPACITY);
      call(m, "fill", PAGE - 2, 7, 2);
      assertThat(m.memory().read(PAGE - 2, 2)).containsExactly(7, 7);
      assertOutOfBounds(() -> call(m, "fill", PAGE - 3, 9, 4));
      assertThat(m.memory().read(PAGE - 3, 3)).containsExactly(0, 7, 7); // nothing written
      call(m, "fill", PAGE, 0, 0); // an empty range at the end is in bounds
      assertOutOfBounds(() -> call(m, "fill", PAGE + 1, 0, 0));

      call(m, "copy", PAGE - 1, 0, 1);
      assertThat(m.memory().readByte(PAGE - 1)).isEqualTo((byte) 42);
      assertOutOfBounds(() -> call(m, "copy", PAGE - 1, 0, 2)); // destination
      assertOutOfBounds(() -> call(m, "copy", 0, PAGE - 1, 2)); // source
      assertThat(m.memory().readByte(0)).isEqualTo((byte) 42);

      call(m, "init", PAGE - 8, 0, 8);
      assertThat(m.memory().read(PAGE - 8, 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
      call(m, "fill", PAGE - 8, 0, 8);
      assertOutOfBounds(() -> call(m, "init", PAGE - 7, 0, 8));
      assertThat(m.memory().read(PAGE - 8, 8)).containsOnly(0);

      byte[] array = memoryOf(m).buffer;
      for (int i = PAGE; i < PAGE + 16; i++) {
        assertThat(array[i]).isZero();
      }
      assertThat(call(m, "grow", 1)).isEqualTo(1);
      call(m, "init", PAGE - 7, 0, 8);
      assertThat(call(m, "load8", PAGE)).isEqualTo(8);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void codeReloadsTheSizeAfterACallThatGrows(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(CAPACITY);
      // The address is out of bounds when the function starts and in bounds after its call grows
      // the memory.
      assertThat(call(m, "growThenStore", PAGE + 4, 5)).isEqualTo(5);
      assertThat(call(m, "size")).isEqualTo(2);
      assertThat(call(m, "sum", 2 * PAGE)).isEqualTo(42 + 5);
      assertOutOfBounds(() -> call(m, "sum", 2 * PAGE + 1));
    }
  }

  @ParameterizedTest
  @MethodSource("hookedEngines")
  void theHookedCodeVariantsCheckTheSizeToo(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(CAPACITY);
      assertOutOfBounds(() -> call(m, "load32", PAGE - 3));
      assertOutOfBounds(() -> call(m, "v128Load", PAGE - 15));
      assertOutOfBounds(() -> call(m, "fill", PAGE - 3, 9, 4));
      assertThat(call(m, "growThenStore", PAGE + 4, 5)).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void theHostMemoryApiHonoursTheSize(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(CAPACITY);
      Memory memory = m.memory();
      assertThat(memory.size()).isEqualTo(PAGE);
      assertThat(memory.pages()).isEqualTo(1);
      assertThat(memory.maxPages()).isEqualTo(4);
      memory.writeIntLe(PAGE - 4, 77);
      assertThat(call(m, "load32", PAGE - 4)).isEqualTo(77);
      assertOutOfBounds(() -> memory.readByte(PAGE));
      assertOutOfBounds(() -> memory.readIntLe(PAGE - 3));
      assertOutOfBounds(() -> memory.read(PAGE - 2, 3));
      assertOutOfBounds(() -> memory.write(PAGE - 1, new byte[] {1, 2}));
      assertOutOfBounds(() -> memory.writeLongLe(PAGE - 4, -1L));
      assertThat(memory.readByte(PAGE - 1)).isZero(); // the failed write wrote nothing
      assertThat(memoryOf(m).buffer[PAGE]).isZero();

      assertThat(memory.grow(1)).isEqualTo(1);
      assertThat(memory.size()).isEqualTo(2L * PAGE);
      memory.writeByte(PAGE, (byte) 3);
      assertThat(call(m, "load8", PAGE)).isEqualTo(3);
      assertOutOfBounds(() -> memory.readByte(2 * PAGE));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void anImportedMemoryIsCheckedAgainstItsSize(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module exporter =
          runtime.instantiate(runtime.compile(CAPACITY), ModuleConfig.create().withName("capacity"));
      Module importer = runtime.instantiate(IMPORTER);
      assertThat(importer.memory()).isSameAs(exporter.memory());
      assertOutOfBounds(() -> call(importer, "load32", PAGE - 3));
      assertOutOfBounds(() -> call(importer, "store32", PAGE - 2, -1));
      assertThat(call(importer, "grow", 1)).isEqualTo(1);
      call(importer, "store32", PAGE, 123);
      assertThat(call(exporter, "load32", PAGE)).isEqualTo(123);
      assertThat(call(exporter, "size")).isEqualTo(2);
      assertOutOfBounds(() -> call(importer, "load32", 2 * PAGE - 3));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void activeDataSegmentsAreCheckedAgainstTheSize(RuntimeConfig config) {
    // A segment within the capacity (4 pages) but beyond the size (1 page).
    byte[] wasm = new WasmBuilder().memory(1, 4).data(PAGE, (byte) 1).build();
    try (Runtime runtime = Runtime.create(config)) {
      assertThatThrownBy(() -> runtime.instantiate(wasm))
          .isInstanceOf(TrapException.class)
          .hasMessageContaining("out of bounds memory access")
          .hasMessageContaining("of 65536 bytes");
    }
    try (Runtime runtime = Runtime.create(config.withCoreFeatures(CoreFeatures.V1))) {
      assertThatThrownBy(() -> runtime.instantiate(wasm))
          .isInstanceOf(LinkException.class)
          .hasMessageContaining("data segment does not fit");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void theMemoryLimitCapsTheCapacity(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config.withMemoryLimitPages(2))) {
      Module m = runtime.instantiate(CAPACITY);
      byte[] array = memoryOf(m).buffer;
      assertThat(array).hasSize(2 * PAGE);
      assertThat(call(m, "grow", 1)).isEqualTo(1);
      assertThat(call(m, "grow", 1)).isEqualTo(-1);
      assertThat(memoryOf(m).buffer).isSameAs(array);
      assertOutOfBounds(() -> call(m, "load8", 2 * PAGE));
    }
    // A limit of the minimum leaves no room to grow: no spare capacity, the default code.
    try (Runtime runtime = Runtime.create(config.withMemoryLimitPages(1))) {
      Module m = runtime.instantiate(CAPACITY);
      assertThat(memoryOf(m).buffer).hasSize(PAGE);
      assertThat(memoryOf(m).hasSpareCapacity()).isFalse();
      assertThat(call(m, "grow", 1)).isEqualTo(-1);
      assertOutOfBounds(() -> call(m, "load8", PAGE));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aMemoryWithoutMaximumBehavesAsWithoutTheOption(RuntimeConfig config) {
    try (Runtime runtime = Runtime.create(config)) {
      Module m = runtime.instantiate(NO_MAX);
      byte[] array = memoryOf(m).buffer;
      assertThat(array).hasSize(PAGE);
      assertThat(memoryOf(m).hasSpareCapacity()).isFalse();
      call(m, "store32", 8, 99);
      assertThat(call(m, "grow", 1)).isEqualTo(1);
      assertThat(memoryOf(m).buffer).isNotSameAs(array).hasSize(2 * PAGE);
      assertThat(call(m, "load32", 8)).isEqualTo(99);
      assertOutOfBounds(() -> call(m, "load32", 2 * PAGE - 3));
    }
  }

  @Test
  void onlyModulesWhoseMemoryHasSpareCapacityGetTheSizeCheckedCode(@TempDir Path dir)
      throws IOException {
    // The compiler stores each code variant in a file named after CodeOptions.key().
    try (CompilationCache cache = CompilationCache.directory(dir);
        Runtime runtime =
            Runtime.create(
                RuntimeConfig.compiler().withMemoryCapacityFromMax(true).withCompilationCache(cache))) {
      runtime.compile(CAPACITY).close();
      runtime.compile(NO_MAX).close();
    }
    List<String> variants;
    try (Stream<Path> files = Files.list(dir)) {
      variants =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".code"))
              .map(n -> n.substring(n.lastIndexOf('-') + 1))
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(variants).containsExactly("l0i0.code", "l0i0s1.code");
  }

  @Test
  void failingToAllocateTheMaximumFailsInstantiationAndNamesTheMemory() {
    // A maximum of MAX_PAGES (2 GiB - 64 KiB) cannot fit in a heap of at most 2 GiB (the build runs
    // the tests with -Xmx2g), whatever else it holds.
    Assumptions.assumeTrue(
        java.lang.Runtime.getRuntime().maxMemory() <= (2L << 30),
        "needs a JVM heap of at most 2 GiB to fail the allocation");
    byte[] wasm = new WasmBuilder().memory(1, MemoryInstance.MAX_PAGES).build();
    try (Runtime runtime = Runtime.create(RuntimeConfig.compiler().withMemoryCapacityFromMax(true))) {
      CompiledModule compiled = runtime.compile(wasm);
      assertThatThrownBy(
              () -> runtime.instantiate(compiled, ModuleConfig.create().withName("huge")))
          .isInstanceOf(WasmException.class)
          .hasMessageContaining("cannot create memory 0")
          .hasMessageContaining("maximum of 32767 pages (2147418112 bytes)")
          .hasMessageContaining("withMemoryCapacityFromMax")
          .hasCauseInstanceOf(OutOfMemoryError.class);
      // Nothing was registered: the name is free, and a lower limit makes it fit.
      assertThat(runtime.module("huge")).isNull();
    }
    try (Runtime runtime =
        Runtime.create(
            RuntimeConfig.compiler().withMemoryCapacityFromMax(true).withMemoryLimitPages(16))) {
      Module m =
          runtime.instantiate(runtime.compile(wasm), ModuleConfig.create().withName("huge"));
      assertThat(memoryOf(m).buffer).hasSize(16 * PAGE);
    }
  }
}
