package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.CompilationCache;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.spring.boot.autoconfigure.guest.GuestInterfaceScanRegistrar;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmHostModulesInitializer;
import dev.zerowasm.spring.boot.autoconfigure.wasi.WasiModuleSpecCustomizer;
import dev.zerowasm.wasi.WasiHost;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.NativeDetector;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of zerowasm: a {@link CompilationCache} ({@code wasm.compilation-cache.*}), a
 * {@link RuntimeConfig} from {@code wasm.runtime.*}, the {@link Runtime}, and a {@link
 * ModuleRegistry} with the modules of {@code wasm.modules.*} and of {@link WasmModuleRegistrar}
 * beans; {@code @WasmHostModule} beans become host modules the guests import, and guest interfaces
 * ({@code @WasmModule}) of the application's packages become beans. Every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(Runtime.class)
@EnableConfigurationProperties(WasmProperties.class)
@Import(GuestInterfaceScanRegistrar.class)
public final class WasmAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CompilationCache wasmCompilationCache(WasmProperties properties) {
    // AutoCloseable: the inferred destroy method closes it on shutdown.
    Path dir = properties.getCompilationCache().getDir();
    if (dir == null) {
      return CompilationCache.inMemory();
    }
    try {
      return CompilationCache.directory(dir);
    } catch (UncheckedIOException e) {
      throw new WasmConfigurationException(
          "Invalid wasm.compilation-cache.dir: " + e.getMessage(),
          "wasm.compilation-cache.dir",
          "Point wasm.compilation-cache.dir at a directory the application may create and write.",
          e);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  RuntimeConfig wasmRuntimeConfig(
      WasmProperties properties,
      ObjectProvider<CompilationCache> compilationCache,
      ObjectProvider<RuntimeConfigCustomizer> customizers) {
    WasmProperties.RuntimeProperties runtime = properties.getRuntime();
    WasmProperties.Engine engine = engine(runtime.getEngine(), NativeDetector.inNativeImage());
    RuntimeConfig config =
        engine == WasmProperties.Engine.INTERPRETER
            ? RuntimeConfig.interpreter()
            : RuntimeConfig.compiler();
    config = config.withCoreFeatures(coreFeatures(runtime.getCoreFeatures()));
    if (runtime.getMemoryLimitPages() != null) {
      try {
        config = config.withMemoryLimitPages(runtime.getMemoryLimitPages());
      } catch (IllegalArgumentException e) {
        throw new WasmConfigurationException(
            "Invalid wasm.runtime.memory-limit-pages: " + e.getMessage(),
            "wasm.runtime.memory-limit-pages",
            "Set wasm.runtime.memory-limit-pages to a page count the runtime supports, or remove"
                + " it.",
            e);
      }
    }
    config =
        config
            .withMemoryCapacityFromMax(runtime.isMemoryCapacityFromMax())
            .withTieredCompilation(runtime.isTieredCompilation());
    CompilationCache cache = compilationCache.getIfUnique();
    if (cache != null) {
      config = config.withCompilationCache(cache);
    }
    for (RuntimeConfigCustomizer customizer : customizers.orderedStream().toList()) {
      config = customizer.customize(config);
    }
    return config;
  }

  /**
   * The engine to use: the configured one, else the compiler on the JVM and the interpreter in a
   * native image. The compiler generates and loads JVM bytecode at run time, which a native image
   * cannot do, so asking for it there fails startup instead of failing on the first module.
   */
  static WasmProperties.Engine engine(WasmProperties.Engine configured, boolean inNativeImage) {
    if (!inNativeImage) {
      return configured == null ? WasmProperties.Engine.COMPILER : configured;
    }
    if (configured == WasmProperties.Engine.COMPILER) {
      throw new WasmConfigurationException(
          "Invalid wasm.runtime.engine: the compiler cannot run in a native image (it loads"
              + " generated bytecode at run time)",
          "wasm.runtime.engine",
          "Set wasm.runtime.engine=interpreter, or remove it (a native image then uses the"
              + " interpreter).",
          null);
    }
    return WasmProperties.Engine.INTERPRETER;
  }

  /**
   * Parses {@code wasm.runtime.core-features}: "v1", "v2" and feature names (case-insensitive,
   * dashes or underscores), united.
   */
  static CoreFeatures coreFeatures(List<String> values) {
    String key = "wasm.runtime.core-features";
    String allowed = String.join(", ", CoreFeatures.names());
    if (values == null || values.isEmpty()) {
      throw new WasmConfigurationException(
          "Invalid " + key + ": no features given",
          key,
          "Set " + key + " to one of: " + allowed,
          null);
    }
    CoreFeatures features = CoreFeatures.of();
    for (String value : values) {
      try {
        features = features.with(CoreFeatures.named(value));
      } catch (IllegalArgumentException e) {
        throw new WasmConfigurationException(
            "Invalid " + key + ": unknown feature \"" + value + "\"",
            key,
            "Use \"v1\", \"v2\" or a list of: " + allowed,
            e);
      }
    }
    return features;
  }

  @Bean
  @ConditionalOnMissingBean
  Runtime wasmRuntime(RuntimeConfig config) {
    // Runtime is AutoCloseable: the inferred destroy method closes it, and every instance, on
    // shutdown.
    return Runtime.create(config);
  }

  @Bean
  @ConditionalOnMissingBean
  WasmHostModulesInitializer wasmHostModulesInitializer(ListableBeanFactory beanFactory) {
    return new WasmHostModulesInitializer(beanFactory);
  }

  @Bean
  @ConditionalOnMissingBean(ModuleRegistry.class)
  DefaultModuleRegistry wasmModuleRegistry(
      Runtime runtime,
      WasmProperties properties,
      ObjectProvider<WasmRuntimeInitializer> initializers,
      ObjectProvider<WasmModuleRegistrar> registrars,
      ObjectProvider<WasmCallListener> listeners,
      ObjectProvider<WasmModuleSpecCustomizer> specCustomizers,
      ResourceLoader resourceLoader) {
    // The application's class loader (tests may filter it), to see whether WASI is available.
    ClassLoader classLoader = resourceLoader.getClassLoader();
    // Resolving the customizers first creates what they need (the WASI host registers
    // wasi_snapshot_preview1), so it exists before any guest is instantiated.
    List<WasmModuleSpecCustomizer> customizers = specCustomizers.orderedStream().toList();
    // Imported modules (host modules, helpers) must exist before any guest is instantiated.
    initializers.orderedStream().forEach(initializer -> initializer.initialize(runtime));
    DefaultModuleRegistry registry =
        new DefaultModuleRegistry(runtime, listeners.orderedStream().toList());
    try {
      for (Map.Entry<String, WasmProperties.ModuleProperties> e :
          properties.getModules().entrySet()) {
        String name = e.getKey();
        WasmModuleSpec spec = spec(name, e.getValue(), classLoader);
        for (WasmModuleSpecCustomizer customizer : customizers) {
          spec = customizer.customize(name, e.getValue(), spec);
        }
        registry.registerModule(name, spec, "wasm.modules." + name + ".location");
      }
      registrars.orderedStream().forEach(registrar -> registrar.registerModules(registry));
    } catch (RuntimeException | Error e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  private static WasmModuleSpec spec(
      String name, WasmProperties.ModuleProperties module, ClassLoader classLoader) {
    String prefix = "wasm.modules." + name + ".";
    if (module.getLocation() == null) {
      throw new WasmConfigurationException(
          "Wasm module \"" + name + "\" has no location (" + prefix + "location is not set)",
          prefix + "location",
          "Set "
              + prefix
              + "location to the module's binary, e.g. classpath:wasm/"
              + name
              + ".wasm",
          null);
    }
    if (module.getWasi().isEnabled()
        && !ClassUtils.isPresent("dev.zerowasm.wasi.WasiHost", classLoader)) {
      throw new WasmConfigurationException(
          "Wasm module \""
              + name
              + "\" has "
              + prefix
              + "wasi.enabled=true, but WASI is not on the"
              + " class path",
          prefix + "wasi.enabled",
          "Add the dependency dev.zerowasm:wasi (the starter includes it).",
          null);
    }
    WasmModuleSpec spec = WasmModuleSpec.of(module.getLocation());
    try {
      spec = spec.withPool(module.getPool().getMaxSize(), module.getPool().getMaxWait());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid(prefix + "pool", e);
    }
    try {
      spec = spec.withCallTimeout(module.getCallTimeout());
    } catch (IllegalArgumentException e) {
      throw invalid(prefix + "call-timeout", e);
    }
    try {
      spec =
          spec.withAllocator(
              module.getAllocator().getAllocate(), module.getAllocator().getDeallocate());
    } catch (NullPointerException e) {
      throw invalid(prefix + "allocator", e);
    }
    return spec.withStartFunctions(module.getStartFunctions());
  }

  private static WasmConfigurationException invalid(String key, RuntimeException e) {
    return new WasmConfigurationException(
        "Invalid " + key + ": " + e.getMessage(), key, "Fix the value of " + key + ".", e);
  }

  /** WASI, when the {@code wasi} module is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(WasiHost.class)
  static class WasiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WasiHost wasmWasiHost(Runtime runtime) {
      // Registers wasi_snapshot_preview1 in the runtime; AutoCloseable, closed on shutdown.
      return WasiHost.instantiate(runtime);
    }

    @Bean
    @ConditionalOnMissingBean
    WasiModuleSpecCustomizer wasiModuleSpecCustomizer(WasiHost host) {
      return new WasiModuleSpecCustomizer(host);
    }
  }
}
