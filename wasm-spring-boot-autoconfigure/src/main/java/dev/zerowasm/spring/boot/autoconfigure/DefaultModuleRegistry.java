package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.WasmException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.Resource;

/**
 * The {@link ModuleRegistry} the auto-configuration creates: compiles each module when it is
 * registered, creates one instance at once (so unknown imports and trapping start functions fail at
 * startup, naming the module) and keeps a {@link ModulePool} per module. Closing it closes the
 * pools and compiled modules; the {@link Runtime} is closed by its own bean.
 */
public class DefaultModuleRegistry implements ModuleRegistry, WasmModuleRegistry, AutoCloseable {

  private final Runtime runtime;
  private final List<WasmCallListener> listeners;
  private final Map<String, ModulePool> pools = new ConcurrentHashMap<>();
  private final Set<String> names = Collections.synchronizedSet(new LinkedHashSet<>());

  /** A registry compiling into {@code runtime} and reporting to {@code listeners}. */
  public DefaultModuleRegistry(Runtime runtime, List<WasmCallListener> listeners) {
    this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void registerModule(String name, WasmModuleSpec spec) {
    registerModule(name, spec, null);
  }

  /**
   * Compiles and registers a module; {@code origin} is the configuration key of its location (named
   * in error messages), or null for a module registered in code.
   */
  public void registerModule(String name, WasmModuleSpec spec, String origin) {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(spec, "spec must not be null");
    synchronized (names) {
      if (names.contains(name)) {
        throw new IllegalStateException(
            "a wasm module named \"" + name + "\" is already registered");
      }
      Resource location = spec.location();
      String where = location.getDescription();
      byte[] wasm = read(name, location, where, origin);
      CompiledModule compiled;
      try {
        compiled = runtime.compile(wasm);
      } catch (CompileException e) {
        throw new WasmModuleLoadException(
            name, where, origin, "is not a valid WebAssembly module: " + e.getMessage(), e);
      }
      ModulePool pool = new ModulePool(name, runtime, compiled, spec, listeners);
      try {
        pool.prewarm();
      } catch (LinkException e) {
        compiled.close();
        throw new WasmModuleLoadException(
            name, where, origin, "cannot be instantiated: " + e.getMessage(), e);
      } catch (TrapException | ExitException e) {
        compiled.close();
        throw new WasmModuleLoadException(
            name, where, origin, "failed in its start function: " + e.getMessage(), e);
      } catch (WasmException | IllegalArgumentException e) {
        compiled.close();
        throw new WasmModuleLoadException(
            name, where, origin, "cannot be instantiated: " + e.getMessage(), e);
      }
      pools.put(name, pool);
      names.add(name);
    }
  }

  private static byte[] read(String name, Resource location, String where, String origin) {
    if (!location.exists()) {
      throw new WasmModuleLoadException(
          name, where, origin, "could not be loaded: the file does not exist", null);
    }
    try (InputStream in = location.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new WasmModuleLoadException(name, where, origin, "could not be read: " + e, e);
    }
  }

  @Override
  public Set<String> getModuleNames() {
    synchronized (names) {
      return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }
  }

  @Override
  public WasmModuleSpec getModuleSpec(String name) {
    return getPool(name).getSpec();
  }

  @Override
  public CompiledModule getCompiledModule(String name) {
    return getPool(name).getCompiledModule();
  }

  @Override
  public ModulePool getPool(String name) {
    ModulePool pool = name == null ? null : pools.get(name);
    if (pool == null) {
      throw new NoSuchWasmModuleException(name, getModuleNames());
    }
    return pool;
  }

  /** Closes every pool and compiled module. */
  @Override
  public void close() {
    for (ModulePool pool : pools.values()) {
      pool.close();
      pool.getCompiledModule().close();
    }
  }

  @Override
  public String toString() {
    return "DefaultModuleRegistry" + getModuleNames();
  }
}
