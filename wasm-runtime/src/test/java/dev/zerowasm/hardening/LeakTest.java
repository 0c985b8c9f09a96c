package dev.zerowasm.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.Module;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Instantiating and closing modules, and creating and closing runtimes, must not leak: the heap,
 * metaspace and the number of loaded classes stay bounded (measured after {@link System#gc()},
 * with generous bounds). The module used has an element segment, so every instance takes function
 * reference handles, and a memory, a table and a mutable global.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LeakTest {
  static final byte[] LIMITS = Hardening.resource("hardening/limits.wasm");
  static final long MB = 1024 * 1024;

  @ParameterizedTest
  @MethodSource("dev.zerowasm.hardening.Hardening#engines")
  void instantiatingAndClosingAHundredThousandTimesKeepsTheHeapBounded(RuntimeConfig engine) {
    try (Runtime runtime = Runtime.create(engine)) {
      CompiledModule compiled = runtime.compile(LIMITS);
      for (int i = 0; i < 1_000; i++) { // warm up, so that lazily built state is counted before
        instantiateCallClose(runtime, compiled, i);
      }
      long heapBefore = usedHeapAfterGc();
      for (int i = 0; i < 100_000; i++) {
        instantiateCallClose(runtime, compiled, i);
      }
      long heapAfter = usedHeapAfterGc();
      System.out.printf(
          "LeakTest %s: 100,000 instances, heap %d MB -> %d MB%n",
          engine.engine(), heapBefore / MB, heapAfter / MB);
      assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64 * MB);
    }
  }

  private static void instantiateCallClose(Runtime runtime, CompiledModule compiled, int i) {
    Module m = runtime.instantiate(compiled);
    // Instances are separate: each global starts at 0.
    assertThat(m.exportedFunction("bump").call(i)).containsExactly(i);
    m.close();
  }

  @Test
  void creatingCompilingAndClosingAThousandCompilerRuntimesLetsTheirClassesBeUnloaded() {
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    for (int i = 0; i < 50; i++) {
      compileAndRun(i);
    }
    long heapBefore = usedHeapAfterGc();
    long metaBefore = metaspaceUsed();
    long loadedBefore = classes.getLoadedClassCount();
    for (int i = 0; i < 1_000; i++) {
      compileAndRun(i);
    }
    long heapAfter = usedHeapAfterGc();
    long metaAfter = metaspaceUsed();
    long loadedAfter = classes.getLoadedClassCount();
    System.out.printf(
        "LeakTest compiler runtimes: 1,000 runtimes, heap %d MB -> %d MB, metaspace %d MB -> %d MB,"
            + " loaded classes %d -> %d (%d unloaded in total)%n",
        heapBefore / MB, heapAfter / MB, metaBefore / MB, metaAfter / MB, loadedBefore,
        loadedAfter, classes.getUnloadedClassCount());
    assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64 * MB);
    assertThat(metaAfter - metaBefore).as("metaspace growth").isLessThan(64 * MB);
    // Each runtime generates several classes for the module: kept, 1,000 runtimes would add
    // thousands.
    assertThat(loadedAfter - loadedBefore).as("loaded classes growth").isLessThan(1_000);
  }

  private static void compileAndRun(int i) {
    try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
      Module m = runtime.instantiate(runtime.compile(LIMITS));
      assertThat(m.exportedFunction("work").call(i, 10)).containsExactly(i + 45);
    }
  }

  static long usedHeapAfterGc() {
    gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long metaspaceUsed() {
    gc();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  private static void gc() {
    // A few rounds: one System.gc() may leave work (class unloading, cleaners) for the next.
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
