package dev.zerowasm;

import dev.zerowasm.experimental.FunctionListenerFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How one module is instantiated: its name and which exported functions run at start. Immutable:
 * every {@code withX} method returns a changed copy.
 *
 * <p>The WebAssembly start section always runs. After it, each function named by {@link
 * #withStartFunctions} runs in order if the module exports it; by default that is {@code _start},
 * the entry point of WASI commands.
 */
public final class ModuleConfig {
  private static final ModuleConfig DEFAULT =
      new ModuleConfig(null, List.of("_start"), null, Duration.ZERO);

  private final String name;
  private final List<String> startFunctions;
  private final FunctionListenerFactory functionListenerFactory;
  private final Duration callTimeout;

  private ModuleConfig(
      String name,
      List<String> startFunctions,
      FunctionListenerFactory functionListenerFactory,
      Duration callTimeout) {
    this.name = name;
    this.startFunctions = startFunctions;
    this.functionListenerFactory = functionListenerFactory;
    this.callTimeout = callTimeout;
  }

  /** The default: the name from the module's name section, and {@code _start} as start function. */
  public static ModuleConfig create() {
    return DEFAULT;
  }

  /**
   * The name to instantiate the module under, or {@code null} to use the name from the module's
   * name section (empty if it has none). Other modules import a module's exports by this name.
   */
  public String name() {
    return name;
  }

  /** The exported functions to run after the start section, in order. */
  public List<String> startFunctions() {
    return startFunctions;
  }

  /**
   * A copy instantiating the module under {@code name}; the empty string makes it anonymous (not
   * importable and not found by {@link Runtime#module(String)}).
   *
   * @throws NullPointerException if {@code name} is null
   */
  public ModuleConfig withName(String name) {
    Objects.requireNonNull(name, "name must not be null (use \"\" for an anonymous module)");
    return new ModuleConfig(name, startFunctions, functionListenerFactory, callTimeout);
  }

  /**
   * A copy running the given exported functions, in order, after the start section. No argument
   * runs none.
   *
   * @throws NullPointerException if the array or one of the names is null
   */
  public ModuleConfig withStartFunctions(String... names) {
    Objects.requireNonNull(names, "names must not be null");
    for (int i = 0; i < names.length; i++) {
      Objects.requireNonNull(names[i], "start function name at index " + i + " must not be null");
    }
    return new ModuleConfig(
        name, List.copyOf(Arrays.asList(names)), functionListenerFactory, callTimeout);
  }

  /** The listener factory of this instance, or {@code null} to use the runtime's. */
  public FunctionListenerFactory functionListenerFactory() {
    return functionListenerFactory;
  }

  /**
   * A copy observing this instance's function calls with listeners from {@code factory}; it takes
   * precedence over the runtime's ({@code null}: use the runtime's). The module's code is then
   * compiled once more, in a listening variant, for this and later listened instances.
   */
  public ModuleConfig withFunctionListenerFactory(FunctionListenerFactory factory) {
    return new ModuleConfig(name, startFunctions, factory, callTimeout);
  }

  /** The most time one call from the host may run; {@link Duration#ZERO} for no limit. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * A copy in which every call into the instance from the host (including the start functions)
   * must end within {@code timeout}: otherwise the module is closed and the call ends with a {@link
   * dev.zerowasm.api.TrapException} of kind {@link dev.zerowasm.api.TrapKind#INTERRUPTED} within
   * milliseconds. Nested calls (host function calling back into the guest) share the outermost
   * deadline. {@link Duration#ZERO} means no limit (the default). The module's code is then compiled
   * in its interruptible variant.
   *
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public ModuleConfig withCallTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout must not be null");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("call timeout must not be negative, was " + timeout);
    }
    return new ModuleConfig(name, startFunctions, functionListenerFactory, timeout);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ModuleConfig)) {
      return false;
    }
    ModuleConfig other = (ModuleConfig) o;
    return Objects.equals(name, other.name)
        && startFunctions.equals(other.startFunctions)
        && Objects.equals(functionListenerFactory, other.functionListenerFactory)
        && callTimeout.equals(other.callTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, startFunctions, functionListenerFactory, callTimeout);
  }

  @Override
  public String toString() {
    return "ModuleConfig{name="
        + name
        + ", startFunctions="
        + startFunctions
        + (functionListenerFactory != null ? ", listening" : "")
        + (callTimeout.isZero() ? "" : ", callTimeout=" + callTimeout)
        + "}";
  }
}
