package dev.zerowasm.spring.boot.autoconfigure.actuate;

import dev.zerowasm.spring.boot.autoconfigure.ModulePool;
import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the guest modules: UP with each module's pool state while every pool is open, DOWN as
 * soon as one is closed (the application is shutting down or a pool was closed by hand).
 */
public class WasmHealthIndicator extends AbstractHealthIndicator {

  private final ModuleRegistry registry;

  /** A health indicator for {@code registry}. */
  public WasmHealthIndicator(ModuleRegistry registry) {
    super("wasm health check failed");
    this.registry = registry;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean up = true;
    for (String name : registry.getModuleNames()) {
      ModulePool pool = registry.getPool(name);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("open", !pool.isClosed());
      details.put("maxSize", pool.getMaxSize());
      details.put("size", pool.getSize());
      details.put("active", pool.getInUse());
      builder.withDetail(name, details);
      up &= !pool.isClosed();
    }
    if (up) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
