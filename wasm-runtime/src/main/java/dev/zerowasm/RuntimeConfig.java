package dev.zerowasm;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.experimental.FunctionListenerFactory;
import dev.zerowasm.internal.wasm.MemoryInstance;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link Runtime} compiles and runs modules: which engine, which WebAssembly features, and
 * how large memories may grow. Immutable: every {@code withX} method returns a changed copy, so one
 * configuration can safely be shared and used as a template.
 *
 * <pre>{@code
 * Runtime runtime = Runtime.create(RuntimeConfig.interpreter().withMemoryLimitPages(256));
 * }</pre>
 */
public final class RuntimeConfig {
  /** The execution engine of a runtime. */
  public enum EngineKind {
    /** Translates each function once into a compact internal form and interprets it. */
    INTERPRETER,
    /**
     * Compiles each function to JVM bytecode (hidden classes that the JIT then optimises): much
     * faster once warm, at a higher cost to compile.
     */
    COMPILER
  }

  private static final RuntimeConfig DEFAULTS = new RuntimeConfig(Settings.defaults());

  /**
   * All settings, in one holder that is never changed once a {@code RuntimeConfig} holds it: each
   * {@code withX} changes a fresh copy. Reached through a final field, so a configuration is safely
   * published to other threads however it is shared.
   */
  private final Settings s;

  private RuntimeConfig(Settings settings) {
    this.s = settings;
  }

  /** A copy with {@code change} applied to a copy of the settings. */
  private RuntimeConfig with(Consumer<Settings> change) {
    Settings c = s.copy();
    change.accept(c);
    return new RuntimeConfig(c);
  }

  /**
   * The default configuration: the compiler engine (fastest once warm; it falls back to the
   * interpreter for any function it cannot compile), WebAssembly 2.0 features, and memories limited
   * only by what the JVM can address ({@link MemoryInstance#MAX_PAGES} pages).
   */
  public static RuntimeConfig defaults() {
    return DEFAULTS;
  }

  /** The default configuration with the interpreter engine, which needs no code generation. */
  public static RuntimeConfig interpreter() {
    return DEFAULTS.withEngine(EngineKind.INTERPRETER);
  }

  /** The default configuration with the compiler engine, which generates JVM bytecode. */
  public static RuntimeConfig compiler() {
    return DEFAULTS.withEngine(EngineKind.COMPILER);
  }

  /** The engine that runs modules. */
  public EngineKind engine() {
    return s.engine;
  }

  /** The WebAssembly features modules may use; {@link CoreFeatures#V2} by default. */
  public CoreFeatures coreFeatures() {
    return s.coreFeatures;
  }

  /** The most 64 KiB pages any memory of this runtime may have. */
  public int memoryLimitPages() {
    return s.memoryLimitPages;
  }

  /**
   * A copy with the given engine.
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public RuntimeConfig withEngine(EngineKind engine) {
    Objects.requireNonNull(engine, "engine must not be null");
    return with(c -> c.engine = engine);
  }

  /**
   * A copy accepting the given WebAssembly features. {@link CoreFeatures#V1} also selects
   * WebAssembly 1.0 instantiation semantics (segments that do not fit fail linking).
   *
   * @throws NullPointerException if {@code coreFeatures} is null
   */
  public RuntimeConfig withCoreFeatures(CoreFeatures coreFeatures) {
    Objects.requireNonNull(coreFeatures, "coreFeatures must not be null");
    return with(c -> c.coreFeatures = coreFeatures);
  }

  /**
   * A copy limiting every memory to {@code pages} pages of 64 KiB. Modules declaring a larger
   * minimum fail to compile; {@code memory.grow} beyond the limit returns -1.
   *
   * @throws IllegalArgumentException if {@code pages} is negative or above {@link
   *     MemoryInstance#MAX_PAGES}
   */
  public RuntimeConfig withMemoryLimitPages(int pages) {
    if (pages < 0 || pages > MemoryInstance.MAX_PAGES) {
      throw new IllegalArgumentException(
          "memoryLimitPages must be between 0 and "
              + MemoryInstance.MAX_PAGES
              + " (the most a JVM byte array holds), was "
              + pages);
    }
    return with(c -> c.memoryLimitPages = pages);
  }

  /** Whether memories get their maximum up front; see {@link #withMemoryCapacityFromMax}. */
  public boolean memoryCapacityFromMax() {
    return s.memoryCapacityFromMax;
  }

  /**
   * A copy that allocates (or not) every memory declaring a maximum at that maximum up front, as
   * wazero's {@code WithMemoryCapacityFromMax}: the maximum is capped by {@link
   * #memoryLimitPages()}, and a memory without a maximum behaves as without the option. Off by
   * default: memories then get their minimum, and each {@code memory.grow} copies the memory into
   * a larger array.
   *
   * <p>Why: growth then never copies (a module growing its memory in small steps no longer pays a
   * copy of everything each time, nor needs old and new arrays at once), and the array never
   * changes. The cost: the maximum is allocated from the JVM heap when the module is instantiated,
   * whether used or not, and the engines run code variants that check every memory access against
   * the memory's current size (the array is larger), a little slower than the default code, which
   * relies on the array's own bounds. A module whose memory has no room to grow beyond its minimum
   * keeps the default code. If the heap cannot hold the maximum, instantiation fails with a {@link
   * dev.zerowasm.api.WasmException} naming the memory and its size, and nothing is registered;
   * lower the maximum with {@link #withMemoryLimitPages} in that case.
   */
  public RuntimeConfig withMemoryCapacityFromMax(boolean enabled) {
    return with(c -> c.memoryCapacityFromMax = enabled);
  }

  /** Whether guest code stops when its thread is interrupted; see {@link #withCloseOnInterrupt}. */
  public boolean closeOnInterrupt() {
    return s.closeOnInterrupt;
  }

  /**
   * A copy in which running guest code stops soon (within microseconds) after its thread is
   * interrupted, or after its module is closed from another thread: it then throws a {@link
   * dev.zerowasm.api.TrapException} of kind {@link dev.zerowasm.api.TrapKind#INTERRUPTED} and the
   * module is closed (or an {@link dev.zerowasm.api.ExitException} for {@link
   * dev.zerowasm.api.Module#closeWithExitCode}). Like wazero's {@code WithCloseOnContextDone}; off
   * by default because the engines then compile a check into every function entry and loop
   * iteration (a few percent slower loops).
   */
  public RuntimeConfig withCloseOnInterrupt(boolean closeOnInterrupt) {
    return with(c -> c.closeOnInterrupt = closeOnInterrupt);
  }

  /** The listener factory for every module of the runtime, or {@code null} (the default). */
  public FunctionListenerFactory functionListenerFactory() {
    return s.functionListenerFactory;
  }

  /**
   * A copy observing the function calls of every module with listeners from {@code factory} ({@code
   * null} for none). A {@link ModuleConfig#withFunctionListenerFactory} takes precedence.
   */
  public RuntimeConfig withFunctionListenerFactory(FunctionListenerFactory factory) {
    return with(c -> c.functionListenerFactory = factory);
  }

  /** The compilation cache, or {@code null} (the default: every compile starts afresh). */
  public CompilationCache compilationCache() {
    return s.compilationCache;
  }

  /**
   * A copy compiling through {@code cache} ({@code null} for none), which several runtimes may
   * share so a binary is decoded, validated and compiled once. Closing a runtime does not close
   * the cache.
   */
  public RuntimeConfig withCompilationCache(CompilationCache cache) {
    return with(c -> c.compilationCache = cache);
  }

  /**
   * Whether compiled modules keep their custom sections ({@link CompiledModule#customSections()}).
   */
  public boolean customSections() {
    return s.customSections;
  }

  /**
   * A copy that keeps (or not) the custom sections of compiled modules, for {@link
   * CompiledModule#customSections()}. Off by default: custom sections (e.g. debug information) can
   * be large and the runtime itself needs only the {@code name} section, which it decodes either
   * way.
   */
  public RuntimeConfig withCustomSections(boolean enabled) {
    return with(c -> c.customSections = enabled);
  }

  /**
   * Whether the compiler engine starts large modules on the interpreter; see {@link
   * #withTieredCompilation}.
   */
  public boolean tieredCompilation() {
    return s.tieredCompilation;
  }

  /**
   * A copy in which the compiler engine compiles large modules (at least 256 KiB of code) in tiers,
   * or not. On by default: such a module starts on the interpreter, so {@code compile} returns and
   * the first call runs about as soon as with the interpreter engine, while the module compiles on
   * background threads; each function switches to compiled code when that finishes. A directory
   * {@link CompilationCache} stores the compiled code then. Off: {@code compile} returns only once
   * the whole module is compiled (and stored), e.g. to fill a cache ahead of time ({@code zerowasm
   * compile} does) or to measure compiled code from the first call. Smaller modules always compile
   * at once; the interpreter engine ignores this setting.
   */
  public RuntimeConfig withTieredCompilation(boolean enabled) {
    return with(c -> c.tieredCompilation = enabled);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RuntimeConfig)) {
      return false;
    }
    Settings t = ((RuntimeConfig) o).s;
    return s.engine == t.engine
        && s.coreFeatures.equals(t.coreFeatures)
        && s.memoryLimitPages == t.memoryLimitPages
        && s.closeOnInterrupt == t.closeOnInterrupt
        && Objects.equals(s.functionListenerFactory, t.functionListenerFactory)
        && Objects.equals(s.compilationCache, t.compilationCache)
        && s.customSections == t.customSections
        && s.memoryCapacityFromMax == t.memoryCapacityFromMax
        && s.tieredCompilation == t.tieredCompilation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        s.engine,
        s.coreFeatures,
        s.memoryLimitPages,
        s.closeOnInterrupt,
        s.functionListenerFactory,
        s.compilationCache,
        s.customSections,
        s.memoryCapacityFromMax,
        s.tieredCompilation);
  }

  @Override
  public String toString() {
    return "RuntimeConfig{engine="
        + s.engine
        + ", coreFeatures="
        + s.coreFeatures
        + ", memoryLimitPages="
        + s.memoryLimitPages
        + ", customSections="
        + s.customSections
        + (s.memoryCapacityFromMax ? ", memoryCapacityFromMax" : "")
        + (s.tieredCompilation ? "" : ", tieredCompilation=false")
        + (s.closeOnInterrupt ? ", closeOnInterrupt" : "")
        + (s.functionListenerFactory != null ? ", listening" : "")
        + (s.compilationCache != null ? ", cache=" + s.compilationCache : "")
        + "}";
  }

  /** The holder behind a configuration (see {@link RuntimeConfig#s}). */
  private static final class Settings implements Cloneable {
    EngineKind engine;
    CoreFeatures coreFeatures;
    int memoryLimitPages;
    boolean closeOnInterrupt;
    FunctionListenerFactory functionListenerFactory;
    CompilationCache compilationCache;
    boolean customSections;
    boolean memoryCapacityFromMax;
    boolean tieredCompilation;

    static Settings defaults() {
      Settings d = new Settings();
      d.engine = EngineKind.COMPILER;
      d.coreFeatures = CoreFeatures.V2;
      d.memoryLimitPages = MemoryInstance.MAX_PAGES;
      d.tieredCompilation = true;
      return d;
    }

    /** A shallow copy: every field is immutable or shared on purpose (listeners, cache). */
    Settings copy() {
      try {
        return (Settings) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
