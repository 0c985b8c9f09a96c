package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.wasm.FunctionInstance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The public API over real binaries (decoder and validator), with a stand-in engine whose functions
 * only record that they were called, so these tests do not depend on the interpreter.
 */
class RuntimeTest {
  private final List<String> calls = new ArrayList<>();

  /** An engine whose functions record their debug name and return zeros. */
  private final Engine recordingEngine =
      module ->
          instance -> {
            int own = module.functionCount() - module.importedFunctionCount;
            FunctionInstance[] fs = new FunctionInstance[own];
            for (int i = 0; i < own; i++) {
              int index = module.importedFunctionCount + i;
              fs[i] =
                  new FunctionInstance(
                      module.functionType(index), instance, instance.definitions[index]) {
                    @Override
                    public void call(long[] stack) {
                      calls.add(definition().debugName());
                      java.util.Arrays.fill(stack, 0, type().resultCount(), 0);
                    }
                  };
            }
            return fs;
          };

  private final RuntimeImpl runtime = new RuntimeImpl(RuntimeConfig.defaults(), recordingEngine);

  @AfterEach
  void close() {
    runtime.close();
  }

  private static byte[] exportsMemoryAndGlobal() {
    WasmBuilder b = new WasmBuilder();
    b.memory(1, 3).globalI32(true, 42).export("mem", 2, 0).export("g", 3, 0).data(8, (byte) 7);
    return b.names("a").build();
  }

  @Test
  void compiledModuleDescribesItsFunctions() {
    WasmBuilder b = new WasmBuilder();
    int v = b.type(new int[0]);
    int add = b.type(new int[] {WasmBuilder.I32, WasmBuilder.I32}, WasmBuilder.I32);
    b.importFunction("env", "log", v)
        .function(add, 0x20, 0, 0x20, 1, 0x6A)
        .function(v)
        .export("add", 0, 1)
        .export("sum", 0, 1)
        .export("nameless", 0, 2)
        .names("math", "log", "plus");
    CompiledModule compiled = runtime.compile(b.build());
    assertThat(compiled.name()).isEqualTo("math");
    assertThat(compiled.importedFunctions()).hasSize(1);
    FunctionDefinition log = compiled.importedFunctions().get(0);
    assertThat(log.importedAs()).hasValue(new FunctionDefinition.ImportName("env", "log"));
    assertThat(compiled.exportedFunctions()).containsOnlyKeys("add", "sum", "nameless");
    FunctionDefinition plus = compiled.exportedFunctions().get("add");
    assertThat(plus.name()).isEqualTo("plus");
    assertThat(plus.debugName()).isEqualTo("math.plus");
    assertThat(plus.index()).isEqualTo(1);
    assertThat(plus.exportNames()).containsExactly("add", "sum");
    assertThat(plus.paramTypes()).containsExactly(ValueType.I32, ValueType.I32);
    assertThat(plus.resultTypes()).containsExactly(ValueType.I32);
    assertThat(compiled.exportedFunctions().get("nameless").name()).isEqualTo("nameless");
  }

  @Test
  void modulesLinkByNameAndShareMemoryAndGlobals() {
    Module a = runtime.instantiate(exportsMemoryAndGlobal());
    assertThat(a.name()).isEqualTo("a");
    assertThat(runtime.module("a")).isSameAs(a);
    assertThat(a.memory().readByte(8)).isEqualTo((byte) 7);

    WasmBuilder b = new WasmBuilder();
    b.importMemory("a", "mem", 1, 3).importGlobal("a", "g", WasmBuilder.I32, true);
    Module m = runtime.instantiate(runtime.compile(b.build()), ModuleConfig.create().withName("b"));
    assertThat(m.memory()).isSameAs(a.memory());
    assertThat(a.exportedGlobal("g").get()).isEqualTo(42);
    assertThat(m.exportedGlobal("g")).isNull();
  }

  @Test
  void linkErrorsNameTheImport() {
    runtime.instantiate(exportsMemoryAndGlobal());
    WasmBuilder missing = new WasmBuilder();
    missing.importMemory("a", "nope", 1, -1);
    assertThatThrownBy(() -> runtime.instantiate(missing.build()))
        .isInstanceOf(LinkException.class)
        .hasMessageStartingWith("unknown import: \"a\".\"nope\"");
    WasmBuilder tooSmall = new WasmBuilder();
    tooSmall.importMemory("a", "mem", 1, 2);
    assertThatThrownBy(() -> runtime.instantiate(tooSmall.build()))
        .isInstanceOf(LinkException.class)
        .hasMessage(
            "incompatible import type for \"a\".\"mem\": expected memory {min 1, max 2},"
                + " got memory {min 1, max 3}");
    WasmBuilder immutable = new WasmBuilder();
    immutable.importGlobal("a", "g", WasmBuilder.I32, false);
    assertThatThrownBy(() -> runtime.instantiate(immutable.build()))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("expected global i32, got global (mut i32)");
  }

  @Test
  void namesAreUniqueAndAnonymousModulesMayRepeat() {
    byte[] a = exportsMemoryAndGlobal();
    runtime.instantiate(a);
    assertThatThrownBy(() -> runtime.instantiate(a))
        .isInstanceOf(WasmException.class)
        .hasMessageContaining("\"a\" has already been instantiated");
    CompiledModule compiled = runtime.compile(a);
    Module x = runtime.instantiate(compiled, ModuleConfig.create().withName(""));
    Module y = runtime.instantiate(compiled, ModuleConfig.create().withName(""));
    assertThat(x.name()).isEmpty();
    assertThat(x.memory()).isNotSameAs(y.memory());
    assertThat(runtime.module("")).isNull();
  }

  @Test
  void startSectionAlwaysRunsAndStartFunctionsWhenExported() {
    WasmBuilder b = new WasmBuilder();
    int v = b.type(new int[0]);
    b.function(v)
        .function(v)
        .export("_start", 0, 1)
        .export("init", 0, 0)
        .start(0)
        .names("s", "section", "underscore");
    CompiledModule compiled = runtime.compile(b.build());
    runtime.instantiate(compiled, ModuleConfig.create().withName("1"));
    assertThat(calls).containsExactly("s.section", "s.underscore");
    calls.clear();
    runtime.instantiate(compiled, ModuleConfig.create().withName("2").withStartFunctions());
    assertThat(calls).containsExactly("s.section");
    calls.clear();
    runtime.instantiate(
        compiled, ModuleConfig.create().withName("3").withStartFunctions("missing", "init"));
    assertThat(calls).containsExactly("s.section", "s.section");
  }

  @Test
  void compileErrors() {
    assertThatThrownBy(() -> runtime.compile(new byte[] {1, 2, 3, 4}))
        .isInstanceOf(CompileException.class)
        .satisfies(
            e ->
                assertThat(((CompileException) e).phase())
                    .isEqualTo(CompileException.Phase.DECODE));
    RuntimeImpl small =
        new RuntimeImpl(RuntimeConfig.defaults().withMemoryLimitPages(2), recordingEngine);
    assertThatThrownBy(() -> small.compile(new WasmBuilder().memory(3, -1).build()))
        .isInstanceOf(CompileException.class)
        .hasMessageContaining("memory 0 needs at least 3 pages")
        .satisfies(
            e ->
                assertThat(((CompileException) e).phase()).isEqualTo(CompileException.Phase.LIMIT));
    small.close();
  }

  @Test
  void segmentSemanticsFollowTheFeatures() {
    byte[] outOfBounds =
        new WasmBuilder().memory(1, -1).data(0, (byte) 1).data(65535, (byte) 2, (byte) 3).build();
    assertThatThrownBy(() -> runtime.instantiate(outOfBounds))
        .isInstanceOf(TrapException.class)
        .satisfies(
            e ->
                assertThat(((TrapException) e).kind())
                    .isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
    RuntimeImpl v1 =
        new RuntimeImpl(
            RuntimeConfig.defaults().withCoreFeatures(CoreFeatures.V1), recordingEngine);
    assertThatThrownBy(() -> v1.instantiate(outOfBounds))
        .isInstanceOf(LinkException.class)
        .hasMessageStartingWith("data segment does not fit");
    v1.close();
  }

  @Test
  void lifecycle() {
    Module a = runtime.instantiate(exportsMemoryAndGlobal());
    CompiledModule compiled = runtime.compile(new WasmBuilder().build());
    Runtime other = new RuntimeImpl(RuntimeConfig.defaults(), recordingEngine);
    assertThatThrownBy(() -> other.instantiate(compiled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another runtime");
    other.close();
    compiled.close();
    assertThatThrownBy(() -> runtime.instantiate(compiled))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    runtime.close();
    assertThat(a.isClosed()).isTrue();
    assertThat(runtime.module("a")).isNull();
    assertThatThrownBy(() -> runtime.compile(exportsMemoryAndGlobal()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the runtime is closed");
  }

  @Test
  void concurrentInstantiationsOfOneNameYieldExactlyOneModule() throws Exception {
    CompiledModule compiled = runtime.compile(exportsMemoryAndGlobal());
    int threads = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Module>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return runtime.instantiate(compiled);
              }));
    }
    go.countDown();
    int ok = 0;
    int taken = 0;
    for (java.util.concurrent.Future<Module> f : results) {
      try {
        assertThat(f.get().name()).isEqualTo("a");
        ok++;
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause())
            .isInstanceOf(WasmException.class)
            .hasMessageContaining("already been instantiated");
        taken++;
      }
    }
    pool.shutdown();
    assertThat(ok).isEqualTo(1);
    assertThat(taken).isEqualTo(threads - 1);
  }
}
