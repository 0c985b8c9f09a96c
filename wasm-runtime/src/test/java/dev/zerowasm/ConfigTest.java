package dev.zerowasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.MemoryInstance;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void runtimeConfigDefaults() {
    RuntimeConfig c = RuntimeConfig.defaults();
    assertThat(c.engine()).isEqualTo(RuntimeConfig.EngineKind.COMPILER);
    assertThat(c.coreFeatures()).isEqualTo(CoreFeatures.V2);
    assertThat(c.memoryLimitPages()).isEqualTo(MemoryInstance.MAX_PAGES);
    assertThat(RuntimeConfig.compiler()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(RuntimeConfig.interpreter().engine())
        .isEqualTo(RuntimeConfig.EngineKind.INTERPRETER);
    assertThat(RuntimeConfig.interpreter()).isNotEqualTo(c);
    assertThat(c.tieredCompilation()).isTrue();
    assertThat(c.memoryCapacityFromMax()).isFalse();
    assertThat(c.closeOnInterrupt()).isFalse();
    assertThat(c.customSections()).isFalse();
    assertThat(c.functionListenerFactory()).isNull();
    assertThat(c.compilationCache()).isNull();
  }

  @Test
  void everySettingIsKeptByTheOtherWithMethods() {
    try (CompilationCache cache = CompilationCache.inMemory()) {
      RuntimeConfig all =
          RuntimeConfig.interpreter()
              .withCoreFeatures(CoreFeatures.V1)
              .withMemoryLimitPages(7)
              .withMemoryCapacityFromMax(true)
              .withCloseOnInterrupt(true)
              .withCustomSections(true)
              .withCompilationCache(cache)
              .withTieredCompilation(false);
      assertThat(all.engine()).isEqualTo(RuntimeConfig.EngineKind.INTERPRETER);
      assertThat(all.coreFeatures()).isEqualTo(CoreFeatures.V1);
      assertThat(all.memoryLimitPages()).isEqualTo(7);
      assertThat(all.memoryCapacityFromMax()).isTrue();
      assertThat(all.closeOnInterrupt()).isTrue();
      assertThat(all.customSections()).isTrue();
      assertThat(all.compilationCache()).isSameAs(cache);
      assertThat(all.tieredCompilation()).isFalse();
      assertThat(all.withTieredCompilation(true)).isNotEqualTo(all);
      assertThat(all.withTieredCompilation(true).withTieredCompilation(false))
          .isEqualTo(all)
          .hasSameHashCodeAs(all);
      assertThat(all.toString()).contains("tieredCompilation=false");
    }
  }

  @Test
  void runtimeConfigWithReturnsCopies() {
    RuntimeConfig c = RuntimeConfig.defaults();
    RuntimeConfig v1 = c.withCoreFeatures(CoreFeatures.V1).withMemoryLimitPages(10);
    assertThat(c.coreFeatures()).isEqualTo(CoreFeatures.V2);
    assertThat(c.memoryLimitPages()).isEqualTo(MemoryInstance.MAX_PAGES);
    assertThat(v1.coreFeatures()).isEqualTo(CoreFeatures.V1);
    assertThat(v1.memoryLimitPages()).isEqualTo(10);
    assertThat(v1).isNotEqualTo(c);
    assertThat(v1)
        .hasToString(
            "RuntimeConfig{engine=COMPILER, coreFeatures=V1, memoryLimitPages=10,"
                + " customSections=false}");
  }

  @Test
  void runtimeConfigValidatesArguments() {
    assertThatThrownBy(() -> RuntimeConfig.defaults().withMemoryLimitPages(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 32767")
        .hasMessageContaining("was -1");
    assertThatThrownBy(
            () -> RuntimeConfig.defaults().withMemoryLimitPages(MemoryInstance.MAX_PAGES + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RuntimeConfig.defaults().withCoreFeatures(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("coreFeatures");
    assertThatThrownBy(() -> Runtime.create(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void coreFeaturesByName() {
    // As the starter's wasm.runtime.core-features and the CLI's --features write them.
    assertThat(CoreFeatures.named("v2")).isEqualTo(CoreFeatures.V2);
    assertThat(CoreFeatures.named(" V1 ")).isEqualTo(CoreFeatures.V1);
    assertThat(CoreFeatures.named("tail-call")).isEqualTo(CoreFeatures.of(CoreFeature.TAIL_CALL));
    assertThat(CoreFeatures.named("EXTENDED_CONST"))
        .isEqualTo(CoreFeatures.of(CoreFeature.EXTENDED_CONST));
    assertThat(CoreFeatures.V2.with(CoreFeatures.named("tail-call")))
        .isEqualTo(CoreFeatures.V2.with(CoreFeature.TAIL_CALL));
    assertThat(CoreFeatures.names())
        .startsWith("v1", "v2", "mutable-global")
        .contains("simd", "extended-const", "tail-call")
        .hasSize(2 + CoreFeature.values().length);
    for (String name : CoreFeatures.names()) {
      assertThat(CoreFeatures.named(name).asSet()).isNotEmpty();
    }
    assertThatThrownBy(() -> CoreFeatures.named("threads"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown core feature \"threads\" (expected one of v1, v2, ");
    // 2.0 is the six features of 2.0 plus mutable globals, nothing later.
    assertThat(CoreFeatures.V2.asSet())
        .hasSize(7)
        .doesNotContain(CoreFeature.EXTENDED_CONST, CoreFeature.TAIL_CALL);
  }

  @Test
  void moduleConfig() {
    ModuleConfig c = ModuleConfig.create();
    assertThat(c.name()).isNull();
    assertThat(c.startFunctions()).containsExactly("_start");
    ModuleConfig d = c.withName("x").withStartFunctions("_initialize", "main");
    assertThat(d.name()).isEqualTo("x");
    assertThat(d.startFunctions()).containsExactly("_initialize", "main");
    assertThat(c.startFunctions()).containsExactly("_start");
    assertThat(c.withStartFunctions().startFunctions()).isEmpty();
    assertThat(d)
        .isEqualTo(ModuleConfig.create().withName("x").withStartFunctions("_initialize", "main"));
    assertThat(d.hashCode())
        .isEqualTo(
            ModuleConfig.create()
                .withName("x")
                .withStartFunctions("_initialize", "main")
                .hashCode());
    assertThatThrownBy(() -> c.withName(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> c.withStartFunctions("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("index 1");
  }
}
