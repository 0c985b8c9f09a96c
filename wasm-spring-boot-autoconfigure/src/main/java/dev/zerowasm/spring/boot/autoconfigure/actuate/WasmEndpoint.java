package dev.zerowasm.spring.boot.autoconfigure.actuate;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.spring.boot.autoconfigure.ModulePool;
import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code wasm} actuator endpoint: every registered module with its location, exported functions
 * (name and type) and pool state; {@code /actuator/wasm/{name}} shows one module.
 */
@Endpoint(id = "wasm")
public class WasmEndpoint {

  private final ModuleRegistry registry;

  /** An endpoint describing {@code registry}. */
  public WasmEndpoint(ModuleRegistry registry) {
    this.registry = registry;
  }

  /** All modules by name. */
  @ReadOperation
  public ModulesDescriptor modules() {
    Map<String, ModuleDescriptor> modules = new LinkedHashMap<>();
    for (String name : registry.getModuleNames()) {
      modules.put(name, describe(name));
    }
    return new ModulesDescriptor(modules);
  }

  /** One module, or null (404) if there is none of that name. */
  @ReadOperation
  public ModuleDescriptor module(@Selector String name) {
    return registry.getModuleNames().contains(name) ? describe(name) : null;
  }

  private ModuleDescriptor describe(String name) {
    ModulePool pool = registry.getPool(name);
    Map<String, String> exports = new TreeMap<>();
    for (Map.Entry<String, FunctionDefinition> e :
        pool.getCompiledModule().exportedFunctions().entrySet()) {
      exports.put(e.getKey(), type(e.getValue()));
    }
    return new ModuleDescriptor(
        pool.getSpec().location().getDescription(),
        exports,
        new PoolDescriptor(
            pool.getMaxSize(),
            pool.getSize(),
            pool.getInUse(),
            pool.getIdle(),
            pool.getMemoryPages()));
  }

  private static String type(FunctionDefinition f) {
    return list(f.paramTypes()) + " -> " + list(f.resultTypes());
  }

  private static String list(List<ValueType> types) {
    return types.stream()
        .map(t -> t.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** All modules by name. */
  public record ModulesDescriptor(Map<String, ModuleDescriptor> modules) {}

  /** One module: where it came from, its exported functions with their types, its pool. */
  public record ModuleDescriptor(
      String location, Map<String, String> exports, PoolDescriptor pool) {}

  /** A pool's state: limit, alive, in use, idle instances, and their memory in pages. */
  public record PoolDescriptor(int maxSize, int size, int active, int idle, long memoryPages) {}
}
