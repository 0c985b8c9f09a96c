package dev.zerowasm;

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
  private static final ModuleConfig DEFAULT = new ModuleConfig(null, List.of("_start"));

  private final String name;
  private final List<String> startFunctions;

  private ModuleConfig(String name, List<String> startFunctions) {
    this.name = name;
    this.startFunctions = startFunctions;
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
    return new ModuleConfig(name, startFunctions);
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
    return new ModuleConfig(name, List.copyOf(Arrays.asList(names)));
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
    return Objects.equals(name, other.name) && startFunctions.equals(other.startFunctions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, startFunctions);
  }

  @Override
  public String toString() {
    return "ModuleConfig{name=" + name + ", startFunctions=" + startFunctions + "}";
  }
}
