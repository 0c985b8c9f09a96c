package dev.zerowasm;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.Module;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.compiler.CompilerEngine;
import dev.zerowasm.experimental.FunctionListenerFactory;
import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.validation.Validator;
import dev.zerowasm.internal.wasm.CustomSection;
import dev.zerowasm.internal.wasm.FunctionDefinitionImpl;
import dev.zerowasm.internal.wasm.Instantiator;
import dev.zerowasm.internal.wasm.ListenedFunction;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.Store;
import dev.zerowasm.internal.wasm.StoreOwner;
import dev.zerowasm.internal.wasm.TableInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The {@link Runtime}: one engine, one configuration, one {@link Store}. */
final class RuntimeImpl implements Runtime, StoreOwner {
  private final RuntimeConfig config;
  private final Engine engine;
  private final Store store = new Store();

  RuntimeImpl(RuntimeConfig config) {
    this(config, engineFor(Objects.requireNonNull(config, "config must not be null")));
  }

  /** For tests: a runtime with a given engine. */
  RuntimeImpl(RuntimeConfig config, Engine engine) {
    this.config = config;
    this.engine = engine;
  }

  private static Engine engineFor(RuntimeConfig config) {
    switch (config.engine()) {
      case INTERPRETER:
        return new InterpreterEngine();
      case COMPILER:
        return new CompilerEngine(new InterpreterEngine(), config.tieredCompilation());
      default:
        throw new IllegalArgumentException("unsupported engine " + config.engine());
    }
  }

  @Override
  public RuntimeConfig config() {
    return config;
  }

  @Override
  public Store store() {
    return store;
  }

  @Override
  public CompiledModule compile(byte[] wasm) {
    Objects.requireNonNull(wasm, "wasm must not be null");
    checkOpen();
    CoreFeatures features = config.coreFeatures();
    CompilationCache cache = config.compilationCache();
    WasmModule module;
    Function<CodeOptions, CompiledCode> compiler;
    if (cache != null && !cache.isClosed()) {
      // A private copy: the cache compares it with stored binaries and then trusts it to be the
      // one it compared, which a caller changing its array meanwhile must not undo.
      byte[] bytes = wasm.clone();
      CompilationCache.Shared shared =
          cache.module(
              bytes,
              config,
              () -> {
                WasmModule m = Decoder.decode(bytes, features);
                Validator.validate(m, features);
                return m;
              },
              () -> Decoder.decodeKnownValid(bytes, features));
      module = shared.module;
      compiler = options -> cache.code(shared, options, engine);
    } else {
      WasmModule m = Decoder.decode(wasm, features);
      Validator.validate(m, features);
      module = m;
      compiler = options -> engine.compile(m, options);
    }
    checkLimits(module);
    List<dev.zerowasm.api.CustomSection> customSections = List.of();
    if (config.customSections()) {
      List<dev.zerowasm.api.CustomSection> sections = new ArrayList<>();
      for (CustomSection section : module.customSections) {
        sections.add(new dev.zerowasm.api.CustomSection(section.name(), section.data()));
      }
      customSections = List.copyOf(sections);
    }
    if (cache == null || cache.isClosed()) {
      // The decoded copies are not needed after this point (the name section is decoded already).
      // A cached module keeps them: other runtimes sharing it may want them.
      module.customSections = List.of();
    }
    CompiledModuleImpl compiled =
        new CompiledModuleImpl(
            this, module, compiler, FunctionDefinitionImpl.forModule(module), customSections);
    // Compile now the variant instances get by default, so errors and costs come at compile time.
    compiled.code(
        new CodeOptions(
            config.functionListenerFactory() != null,
            config.closeOnInterrupt(),
            sizeChecked(module)));
    return compiled;
  }

  /**
   * Whether {@code module}'s code must check memory accesses against the memory's size: with
   * capacity from max, when its memory may have spare capacity (a defined one declaring a maximum
   * above its minimum, or any imported one). Otherwise the array's bounds are the memory's and
   * the default code runs, also with the option on.
   */
  private boolean sizeChecked(WasmModule module) {
    if (!config.memoryCapacityFromMax() || module.memories.length == 0) {
      return false;
    }
    if (module.importedMemoryCount > 0) {
      return true;
    }
    return MemoryInstance.hasSpareCapacity(module.memories[0], config.memoryLimitPages(), true);
  }

  /** Rejects, before any instantiation, memories and tables this runtime cannot create. */
  private void checkLimits(WasmModule module) {
    for (int i = module.importedMemoryCount; i < module.memories.length; i++) {
      long min = module.memories[i].limits().min();
      if (min > config.memoryLimitPages()) {
        throw new CompileException(
            CompileException.Phase.LIMIT,
            "memory "
                + i
                + " needs at least "
                + min
                + " pages, but the runtime's limit is "
                + config.memoryLimitPages()
                + " pages (RuntimeConfig.withMemoryLimitPages)",
            -1,
            -1);
      }
    }
    for (int i = module.importedTableCount; i < module.tables.length; i++) {
      long min = module.tables[i].limits().min();
      if (min > TableInstance.MAX_ELEMENTS) {
        throw new CompileException(
            CompileException.Phase.LIMIT,
            "table "
                + i
                + " needs at least "
                + min
                + " elements, but the limit is "
                + TableInstance.MAX_ELEMENTS,
            -1,
            -1);
      }
    }
  }

  @Override
  public Module instantiate(CompiledModule compiled) {
    return instantiate(compiled, ModuleConfig.create());
  }

  @Override
  public Module instantiate(CompiledModule compiled, ModuleConfig moduleConfig) {
    Objects.requireNonNull(compiled, "compiled must not be null");
    Objects.requireNonNull(moduleConfig, "config must not be null");
    if (!(compiled instanceof CompiledModuleImpl)
        || ((CompiledModuleImpl) compiled).runtime != this) {
      throw new IllegalArgumentException(
          "the compiled module " + compiled + " was compiled by another runtime");
    }
    CompiledModuleImpl c = (CompiledModuleImpl) compiled;
    if (c.isClosed()) {
      throw new IllegalStateException("the compiled module " + c + " is closed");
    }
    checkOpen();
    String name = moduleConfig.name() != null ? moduleConfig.name() : c.name();
    FunctionListenerFactory listeners =
        moduleConfig.functionListenerFactory() != null
            ? moduleConfig.functionListenerFactory()
            : config.functionListenerFactory();
    long timeoutNanos = saturatedNanos(moduleConfig.callTimeout());
    CodeOptions options =
        new CodeOptions(
            listeners != null,
            config.closeOnInterrupt() || timeoutNanos > 0,
            sizeChecked(c.module));
    return Instantiator.instantiate(
        store,
        c.module,
        c.code(options),
        c.definitions,
        config.coreFeatures(),
        config.memoryLimitPages(),
        config.memoryCapacityFromMax(),
        name,
        moduleConfig.startFunctions(),
        instance -> {
          instance.callTimeoutNanos = timeoutNanos;
          instance.config = moduleConfig;
          if (listeners != null) {
            ListenedFunction.wrapAll(instance, listeners);
          }
        });
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // about 292 years: no limit in practice
    }
  }

  @Override
  public Module instantiate(byte[] wasm) {
    CompiledModule compiled = compile(wasm);
    try {
      return instantiate(compiled, ModuleConfig.create());
    } finally {
      compiled.close();
    }
  }

  @Override
  public HostModuleBuilder newHostModuleBuilder(String moduleName) {
    Objects.requireNonNull(moduleName, "moduleName must not be null");
    if (moduleName.isEmpty()) {
      throw new IllegalArgumentException("a host module needs a name for guests to import it by");
    }
    return new HostModuleBuilder(store, moduleName);
  }

  @Override
  public Module module(String name) {
    return store.lookup(name);
  }

  @Override
  public void close() {
    store.close();
  }

  private void checkOpen() {
    if (store.isClosed()) {
      throw new IllegalStateException("the runtime is closed");
    }
  }

  @Override
  public String toString() {
    return "Runtime{" + config + (store.isClosed() ? ", closed" : "") + "}";
  }
}
