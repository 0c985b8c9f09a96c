package dev.zerowasm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.CompilationCache;
import dev.zerowasm.CompiledModule;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.CoreFeature;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.spring.boot.autoconfigure.actuate.WasmActuatorAutoConfiguration;
import dev.zerowasm.spring.boot.autoconfigure.metrics.WasmMetricsAutoConfiguration;
import dev.zerowasm.spring.boot.autoconfigure.testguests.Greeter;
import dev.zerowasm.spring.boot.autoconfigure.testguests.GreeterImports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

class WasmAutoConfigurationTests {

  static final String GREETER = "wasm.modules.greeter.location=classpath:wasm/greeter.wasm";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  WasmAutoConfiguration.class,
                  WasmMetricsAutoConfiguration.class,
                  WasmActuatorAutoConfiguration.class));

  /** Every message in the cause chain, so a test can look for a key wherever Spring put it. */
  static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }

  static WasmConfigurationException configurationFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof WasmConfigurationException) {
        return (WasmConfigurationException) c;
      }
    }
    throw new AssertionError("no WasmConfigurationException in " + messages(t));
  }

  @Test
  void defaultsGiveCompilerRuntimeWithCoreFeaturesV2AndEmptyRegistry() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          RuntimeConfig config = context.getBean(RuntimeConfig.class);
          assertThat(config.engine()).isEqualTo(RuntimeConfig.EngineKind.COMPILER);
          assertThat(config.coreFeatures()).isEqualTo(CoreFeatures.V2);
          assertThat(context).hasSingleBean(Runtime.class);
          assertThat(context.getBean(Runtime.class).config()).isEqualTo(config);
          assertThat(context.getBean(ModuleRegistry.class).getModuleNames()).isEmpty();
        });
  }

  @Test
  void engineDefaultsToTheCompilerOnTheJvmAndTheInterpreterInANativeImage() {
    assertThat(WasmAutoConfiguration.engine(null, false)).isEqualTo(WasmProperties.Engine.COMPILER);
    assertThat(WasmAutoConfiguration.engine(WasmProperties.Engine.INTERPRETER, false))
        .isEqualTo(WasmProperties.Engine.INTERPRETER);
    assertThat(WasmAutoConfiguration.engine(null, true))
        .isEqualTo(WasmProperties.Engine.INTERPRETER);
    assertThat(WasmAutoConfiguration.engine(WasmProperties.Engine.INTERPRETER, true))
        .isEqualTo(WasmProperties.Engine.INTERPRETER);
    Throwable e =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> WasmAutoConfiguration.engine(WasmProperties.Engine.COMPILER, true));
    assertThat(e).isInstanceOf(WasmConfigurationException.class).hasMessageContaining("native image");
    assertThat(((WasmConfigurationException) e).getProperty()).isEqualTo("wasm.runtime.engine");
  }

  @Test
  void runtimePropertiesAreBound() {
    runner
        .withPropertyValues(
            "wasm.runtime.engine=interpreter",
            "wasm.runtime.core-features=v1",
            "wasm.runtime.memory-limit-pages=16",
            "wasm.runtime.memory-capacity-from-max=true",
            "wasm.runtime.tiered-compilation=false")
        .run(
            context -> {
              RuntimeConfig config = context.getBean(RuntimeConfig.class);
              assertThat(config.engine()).isEqualTo(RuntimeConfig.EngineKind.INTERPRETER);
              assertThat(config.coreFeatures()).isEqualTo(CoreFeatures.V1);
              assertThat(config.memoryLimitPages()).isEqualTo(16);
              assertThat(config.memoryCapacityFromMax()).isTrue();
              assertThat(config.tieredCompilation()).isFalse();
            });
  }

  @Test
  void memoriesAreAllocatedAtTheirMinimumAndLargeModulesTieredByDefault() {
    runner.run(
        context -> {
          RuntimeConfig config = context.getBean(RuntimeConfig.class);
          assertThat(config.memoryCapacityFromMax()).isFalse();
          assertThat(config.tieredCompilation()).isTrue();
        });
  }

  @Test
  void coreFeaturesMayBeAListOfNames() {
    runner
        .withPropertyValues("wasm.runtime.core-features=v1,bulk-memory,MULTI_VALUE")
        .run(
            context ->
                assertThat(context.getBean(RuntimeConfig.class).coreFeatures())
                    .isEqualTo(
                        CoreFeatures.of(
                            CoreFeature.MUTABLE_GLOBAL,
                            CoreFeature.BULK_MEMORY,
                            CoreFeature.MULTI_VALUE)));
  }

  @Test
  void runtimeCompilesThroughTheCompilationCacheBean() {
    runner.run(
        context -> {
          CompilationCache cache = context.getBean(CompilationCache.class);
          assertThat(context.getBean(RuntimeConfig.class).compilationCache()).isSameAs(cache);
        });
  }

  @Test
  void compilationCacheDirectoryIsCreatedAndFilled(@TempDir Path tmp) {
    Path dir = tmp.resolve("cache");
    runner
        .withPropertyValues(GREETER, "wasm.compilation-cache.dir=" + dir)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(dir).isDirectory();
              try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).isNotEmpty();
              }
            });
  }

  @Test
  void compilationCacheDirectoryThatCannotBeCreatedFailsStartupNamingTheKey(@TempDir Path tmp)
      throws IOException {
    Path file = Files.createFile(tmp.resolve("a-file"));
    runner
        .withPropertyValues("wasm.compilation-cache.dir=" + file.resolve("cache"))
        .run(
            context ->
                assertThat(configurationFailure(context.getStartupFailure()).getProperty())
                    .isEqualTo("wasm.compilation-cache.dir"));
  }

  @Test
  void unknownEngineFailsStartupNamingTheKey() {
    runner
        .withPropertyValues("wasm.runtime.engine=jit")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("Failed to bind properties under 'wasm.runtime.engine'")
                  .contains("jit");
            });
  }

  @Test
  void unknownCoreFeatureFailsStartupNamingTheKey() {
    runner
        .withPropertyValues("wasm.runtime.core-features=v2,threads")
        .run(
            context -> {
              assertThat(context).hasFailed();
              WasmConfigurationException e = configurationFailure(context.getStartupFailure());
              assertThat(e.getProperty()).isEqualTo("wasm.runtime.core-features");
              assertThat(e.getMessage()).contains("unknown feature \"threads\"");
            });
  }

  @Test
  void badMemoryLimitFailsStartupNamingTheKey() {
    runner
        .withPropertyValues("wasm.runtime.memory-limit-pages=-1")
        .run(
            context ->
                assertThat(configurationFailure(context.getStartupFailure()).getProperty())
                    .isEqualTo("wasm.runtime.memory-limit-pages"));
  }

  @Test
  void moduleWithoutLocationFailsStartupNamingTheKey() {
    runner
        .withPropertyValues("wasm.modules.greeter.pool.max-size=2")
        .run(
            context -> {
              WasmConfigurationException e = configurationFailure(context.getStartupFailure());
              assertThat(e.getProperty()).isEqualTo("wasm.modules.greeter.location");
              assertThat(e.getMessage()).contains("\"greeter\" has no location");
            });
  }

  @Test
  void missingFileFailsStartupNamingModuleAndLocation() {
    runner
        .withPropertyValues("wasm.modules.greeter.location=classpath:wasm/absent.wasm")
        .run(
            context -> {
              WasmConfigurationException e = configurationFailure(context.getStartupFailure());
              assertThat(e).isInstanceOf(WasmModuleLoadException.class);
              assertThat(e.getMessage())
                  .contains("Wasm module \"greeter\"")
                  .contains("wasm.modules.greeter.location")
                  .contains("wasm/absent.wasm")
                  .contains("does not exist");
            });
  }

  @Test
  void malformedModuleFailsStartupNamingModuleLocationAndCause() {
    runner
        .withPropertyValues("wasm.modules.broken.location=classpath:wasm/malformed.wasm")
        .run(
            context -> {
              WasmConfigurationException e = configurationFailure(context.getStartupFailure());
              assertThat(e.getProperty()).isEqualTo("wasm.modules.broken.location");
              assertThat(e.getMessage())
                  .contains("Wasm module \"broken\"")
                  .contains("wasm/malformed.wasm")
                  .contains("is not a valid WebAssembly module: malformed module");
            });
  }

  @Test
  void unknownImportFailsStartupNamingTheImport() {
    runner
        .withPropertyValues("wasm.modules.needy.location=classpath:wasm/unknown-import.wasm")
        .run(
            context -> {
              WasmConfigurationException e = configurationFailure(context.getStartupFailure());
              assertThat(e.getMessage())
                  .contains("Wasm module \"needy\"")
                  .contains("cannot be instantiated: unknown import")
                  .contains("env");
            });
  }

  @Test
  void failureAnalyzerReportsMessagePropertyAndAction() {
    runner
        .withPropertyValues("wasm.modules.greeter.location=classpath:wasm/absent.wasm")
        .run(
            context -> {
              FailureAnalysis analysis =
                  new WasmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .contains("does not exist")
                  .contains("Property: wasm.modules.greeter.location");
              assertThat(analysis.getAction()).isNotBlank();
            });
  }

  @Test
  void moduleSettingsAreBound() {
    runner
        .withPropertyValues(
            GREETER,
            "wasm.modules.greeter.pool.max-size=3",
            "wasm.modules.greeter.pool.max-wait=250ms",
            "wasm.modules.greeter.call-timeout=2s",
            "wasm.modules.greeter.start-functions=",
            "wasm.modules.greeter.allocator.allocate=allocate",
            "wasm.modules.greeter.allocator.deallocate=deallocate")
        .run(
            context -> {
              ModuleRegistry registry = context.getBean(ModuleRegistry.class);
              assertThat(registry.getModuleNames()).containsExactly("greeter");
              WasmModuleSpec spec = registry.getModuleSpec("greeter");
              assertThat(spec.poolMaxSize()).isEqualTo(3);
              assertThat(spec.poolMaxWait()).isEqualTo(Duration.ofMillis(250));
              assertThat(spec.callTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(spec.startFunctions()).isEmpty();
              CompiledModule compiled = registry.getCompiledModule("greeter");
              assertThat(compiled.exportedFunctions().get("add").paramTypes())
                  .containsExactly(ValueType.I32, ValueType.I32);
              // One instance is created at startup (fail fast on imports and start functions).
              assertThat(registry.getPool("greeter").getSize()).isEqualTo(1);
              int sum =
                  registry.withInstance(
                      "greeter", m -> (int) m.exportedFunction("add").call(2, 3)[0]);
              assertThat(sum).isEqualTo(5);
            });
  }

  @Test
  void unknownModuleNameGivesNoSuchWasmModuleException() {
    runner
        .withPropertyValues(GREETER)
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(ModuleRegistry.class).getPool("other"))
                    .isInstanceOf(NoSuchWasmModuleException.class)
                    .hasMessageContaining("\"other\"")
                    .hasMessageContaining("[greeter]"));
  }

  @Test
  void registrarBeansAddModulesDefinedInCode() {
    runner
        .withUserConfiguration(RegistrarConfig.class)
        .run(
            context -> {
              ModuleRegistry registry = context.getBean(ModuleRegistry.class);
              assertThat(registry.getModuleNames()).containsExactly("coded");
              assertThat(registry.getModuleSpec("coded").poolMaxSize()).isEqualTo(2);
            });
  }

  @Test
  void runtimeInitializersRunBeforeModulesAreRegistered() {
    runner
        .withUserConfiguration(InitializerConfig.class)
        .withPropertyValues(GREETER)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(InitializerConfig.class).seen.get())
                  .isSameAs(context.getBean(Runtime.class));
            });
  }

  @Test
  void customizersAdjustTheRuntimeConfig() {
    runner
        .withUserConfiguration(CustomizerConfig.class)
        .run(
            context ->
                assertThat(context.getBean(RuntimeConfig.class).memoryLimitPages()).isEqualTo(7));
  }

  @Test
  void backsOffWhenTheUserDefinesTheBeans() {
    runner
        .withUserConfiguration(UserBeans.class)
        .withPropertyValues(GREETER)
        .run(
            context -> {
              assertThat(context).hasSingleBean(RuntimeConfig.class);
              assertThat(context).hasSingleBean(Runtime.class);
              assertThat(context).hasSingleBean(ModuleRegistry.class);
              assertThat(context.getBean(RuntimeConfig.class))
                  .isSameAs(context.getBean(UserBeans.class).config);
              assertThat(context.getBean(ModuleRegistry.class))
                  .isSameAs(context.getBean(UserBeans.class).registry);
              // The user's registry did not load wasm.modules.*.
              assertThat(context.getBean(ModuleRegistry.class).getModuleNames()).isEmpty();
            });
  }

  @Test
  void backsOffWithoutTheRuntimeOnTheClassPath() {
    runner
        .withClassLoader(new FilteredClassLoader(Runtime.class))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(RuntimeConfig.class);
              assertThat(context).doesNotHaveBean(ModuleRegistry.class);
            });
  }

  @Test
  void closingTheContextClosesTheInstances() {
    AtomicReference<Module> instance = new AtomicReference<>();
    runner
        .withPropertyValues(GREETER)
        .run(
            context -> {
              ModuleRegistry registry = context.getBean(ModuleRegistry.class);
              registry.withInstance(
                  "greeter",
                  m -> {
                    instance.set(m);
                    return null;
                  });
              assertThat(instance.get().isClosed()).isFalse();
            });
    assertThat(instance.get().isClosed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"compiler", "interpreter"})
  void guestInterfaceFromImportWasmModulesCallsTheModule(String engine) {
    runner
        .withUserConfiguration(GreeterImports.Good.class)
        .withPropertyValues(GREETER, "wasm.runtime.engine=" + engine)
        .run(
            context -> {
              Greeter greeter = context.getBean(Greeter.class);
              assertThat(greeter.add(40, 2)).isEqualTo(42);
              assertThat(greeter.add(Integer.MAX_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
              assertThat(greeter.multiply(1.5, 4)).isEqualTo(6.0);
              assertThat(greeter.isEven(10_000_000_000L)).isTrue();
              assertThat(greeter.isEven(3)).isFalse();
              assertThat(greeter.greet("Wasm")).isEqualTo("Hello, Wasm!");
              assertThat(greeter.greetPair("Grüße")).isEqualTo("Hello, Grüße!");
              assertThat(greeter.greet("")).isEqualTo("Hello, !");
              assertThat(greeter.reverse(new byte[] {1, 2, 3, (byte) 255}))
                  .containsExactly((byte) 255, 3, 2, 1);
              assertThat(greeter.reverse(new byte[0])).isEmpty();
              assertThat(greeter.sum(new byte[] {1, 2, (byte) 200})).isEqualTo(203);
              assertThat(greeter.concat("ab", "cd")).isEqualTo("abcd");
              assertThat(greeter.greetTwice("x")).isEqualTo("Hello, x! Hello, x!");
              assertThat(greeter.liveAllocations()).isZero();
              assertThat(greeter.toString()).contains("greeter");
            });
  }

  @Test
  void nullStringArgumentIsRejectedBeforeTheCall() {
    runner
        .withUserConfiguration(GreeterImports.Good.class)
        .withPropertyValues(GREETER)
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(Greeter.class).greet(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("argument 0 of Greeter.greet(String) is null"));
  }

  @Test
  void trapBecomesWasmCallExceptionAndTheInstanceIsDiscarded() {
    runner
        .withUserConfiguration(GreeterImports.Good.class)
        .withPropertyValues(GREETER)
        .run(
            context -> {
              Greeter greeter = context.getBean(Greeter.class);
              ModulePool pool = context.getBean(ModuleRegistry.class).getPool("greeter");
              assertThat(pool.getSize()).isEqualTo(1);
              assertThatThrownBy(greeter::fail)
                  .isInstanceOfSatisfying(
                      WasmCallException.class,
                      e -> {
                        assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.TRAP);
                        assertThat(e.getTrapKind()).isEqualTo(TrapKind.UNREACHABLE);
                        assertThat(e.getWasmStackTrace()).isNotEmpty();
                        assertThat(e.getModuleName()).isEqualTo("greeter");
                        assertThat(e.getFunctionName()).isEqualTo("fail");
                        assertThat(e.getMessage()).contains("unreachable");
                      });
              assertThat(pool.getSize()).isZero();
              assertThatThrownBy(() -> greeter.divide(1, 0))
                  .isInstanceOfSatisfying(
                      WasmCallException.class,
                      e -> assertThat(e.getTrapKind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO));
              // A fresh instance serves the next call.
              assertThat(greeter.divide(9, 3)).isEqualTo(3);
              assertThat(pool.getSize()).isEqualTo(1);
            });
  }

  @Test
  void busyPoolRejectsAfterMaxWait() {
    runner
        .withUserConfiguration(GreeterImports.Good.class)
        .withPropertyValues(
            GREETER,
            "wasm.modules.greeter.pool.max-size=1",
            "wasm.modules.greeter.pool.max-wait=50ms")
        .run(
            context -> {
              Greeter greeter = context.getBean(Greeter.class);
              ModulePool pool = context.getBean(ModuleRegistry.class).getPool("greeter");
              try (ModulePool.Lease lease = pool.borrow()) {
                assertThat(lease.module()).isNotNull();
                assertThat(pool.getInUse()).isEqualTo(1);
                assertThatThrownBy(() -> greeter.add(1, 2))
                    .isInstanceOfSatisfying(
                        WasmCallException.class,
                        e -> {
                          assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.REJECTED);
                          assertThat(e.getMessage()).contains("pool.max-size");
                        });
              }
              assertThat(greeter.add(1, 2)).isEqualTo(3);
            });
  }

  @Test
  void callTimeoutStopsTheGuestAndDiscardsTheInstance() {
    runner
        .withUserConfiguration(GreeterImports.Good.class)
        .withPropertyValues(GREETER, "wasm.modules.greeter.call-timeout=50ms")
        .run(
            context -> {
              Greeter greeter = context.getBean(Greeter.class);
              ModulePool pool = context.getBean(ModuleRegistry.class).getPool("greeter");
              assertThat(greeter.spin(10)).isZero();
              long start = System.nanoTime();
              // Long.MAX_VALUE iterations would run for centuries: only the timeout ends it.
              assertThatThrownBy(() -> greeter.spin(Long.MAX_VALUE))
                  .isInstanceOfSatisfying(
                      WasmCallException.class,
                      e -> {
                        assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.TIMEOUT);
                        assertThat(e.getTrapKind()).isEqualTo(TrapKind.INTERRUPTED);
                        assertThat(e.getMessage())
                            .contains("wasm.modules.greeter.call-timeout")
                            .contains("PT0.05S");
                      });
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isLessThan(Duration.ofSeconds(10));
              // The stopped instance is gone; a new one serves the next caller.
              assertThat(pool.getInUse()).isZero();
              assertThat(pool.getSize()).isZero();
              assertThat(greeter.add(2, 2)).isEqualTo(4);
              assertThat(pool.getSize()).isEqualTo(1);
            });
  }

  @Test
  void methodNotMatchingItsExportFailsStartupWithBothTypes() {
    runner
        .withUserConfiguration(GreeterImports.Wrong.class)
        .withPropertyValues(GREETER)
        .run(
            context ->
                assertThat(configurationFailure(context.getStartupFailure()).getMessage())
                    .isEqualTo(
                        "WrongSignature.add(int, int) needs export \"add\" of wasm module"
                            + " \"greeter\" to have type (i32, i32) -> (i64), but it has type"
                            + " (i32, i32) -> (i32)"));
  }

  @Test
  void methodWithoutExportFailsStartupListingTheExports() {
    runner
        .withUserConfiguration(GreeterImports.Missing.class)
        .withPropertyValues(GREETER)
        .run(
            context ->
                assertThat(configurationFailure(context.getStartupFailure()).getMessage())
                    .contains("MissingExport.subtract(int, int) calls export \"subtract\"")
                    .contains("exports no function of that name")
                    .contains("add"));
  }

  @Test
  void guestInterfaceOfUnknownModuleFailsStartup() {
    runner
        .withUserConfiguration(GreeterImports.Unknown.class)
        .withPropertyValues(GREETER)
        .run(
            context -> {
              WasmConfigurationException e = configurationFailure(context.getStartupFailure());
              assertThat(e.getProperty()).isEqualTo("wasm.modules.nowhere.location");
              assertThat(e.getMessage()).contains("UnknownModule").contains("\"nowhere\"");
            });
  }

  @Test
  void renamedAllocatorThatIsMissingFailsStartupNamingTheKey() {
    runner
        .withUserConfiguration(GreeterImports.Good.class)
        .withPropertyValues(GREETER, "wasm.modules.greeter.allocator.allocate=malloc")
        .run(
            context -> {
              WasmConfigurationException e = configurationFailure(context.getStartupFailure());
              assertThat(e.getProperty()).isEqualTo("wasm.modules.greeter.allocator.allocate");
              assertThat(e.getMessage()).contains("must export \"malloc\" (i32) -> (i32)");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class RegistrarConfig {
    @Bean
    WasmModuleRegistrar codedModules() {
      return registry ->
          registry.registerModule(
              "coded",
              WasmModuleSpec.of(new ClassPathResource("wasm/greeter.wasm"))
                  .withPool(2, Duration.ofSeconds(1)));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class InitializerConfig {
    final AtomicReference<Runtime> seen = new AtomicReference<>();

    @Bean
    WasmRuntimeInitializer recordingInitializer() {
      return seen::set;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomizerConfig {
    @Bean
    RuntimeConfigCustomizer smallMemory() {
      return config -> config.withMemoryLimitPages(7);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserBeans {
    final RuntimeConfig config = RuntimeConfig.interpreter();
    final DefaultModuleRegistry registry;
    final Runtime runtime = Runtime.create(config);

    UserBeans() {
      registry = new DefaultModuleRegistry(runtime, List.of());
    }

    @Bean
    RuntimeConfig userRuntimeConfig() {
      return config;
    }

    @Bean
    Runtime userRuntime() {
      return runtime;
    }

    @Bean
    ModuleRegistry userRegistry() {
      return registry;
    }
  }
}
