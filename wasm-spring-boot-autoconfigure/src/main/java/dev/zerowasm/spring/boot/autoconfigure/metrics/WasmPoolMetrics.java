package dev.zerowasm.spring.boot.autoconfigure.metrics;

import dev.zerowasm.spring.boot.autoconfigure.ModulePool;
import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of every registered module's pool (tag module): {@code wasm.pool.size} instances alive,
 * {@code wasm.pool.active} instances in use, {@code wasm.pool.max} the limit, and {@code
 * wasm.memory.pages} the linear-memory pages its instances hold. Registered for the modules known
 * when the bean is created.
 */
public final class WasmPoolMetrics {

  /** Registers the gauges of {@code modules} in {@code registry}. */
  public WasmPoolMetrics(ModuleRegistry modules, MeterRegistry registry) {
    for (String name : modules.getModuleNames()) {
      ModulePool pool = modules.getPool(name);
      Gauge.builder("wasm.pool.size", pool, ModulePool::getSize)
          .description("Instances of the wasm module alive")
          .tag("module", name)
          .register(registry);
      Gauge.builder("wasm.pool.active", pool, ModulePool::getInUse)
          .description("Instances of the wasm module serving a call")
          .tag("module", name)
          .register(registry);
      Gauge.builder("wasm.pool.max", pool, ModulePool::getMaxSize)
          .description("Most instances of the wasm module alive at once")
          .tag("module", name)
          .register(registry);
      Gauge.builder("wasm.memory.pages", pool, ModulePool::getMemoryPages)
          .description("Pages (64 KiB) of linear memory held by the module's instances")
          .baseUnit("pages")
          .tag("module", name)
          .register(registry);
    }
  }
}
