package dev.zerowasm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.core.io.Resource;

/**
 * How to load and serve one guest module: where its binary is, its start functions, the pool that
 * serves concurrent callers, the call timeout and the allocator exports for String and byte[]
 * values. Immutable; each {@code withX} returns a copy. Built from {@code wasm.modules.<name>.*} or
 * by a {@link WasmModuleRegistrar} for modules defined in code.
 */
public final class WasmModuleSpec {

  /** Default {@code pool.max-size}: instances alive at once per module. */
  public static final int DEFAULT_POOL_MAX_SIZE = 8;

  /** Default {@code pool.max-wait}: how long a caller waits for a free instance. */
  public static final Duration DEFAULT_POOL_MAX_WAIT = Duration.ofSeconds(10);

  /** Default name of the export {@code (len i32) -> (ptr i32)} that reserves guest memory. */
  public static final String DEFAULT_ALLOCATE = "allocate";

  /** Default name of the export {@code (ptr i32, len i32) -> ()} that releases guest memory. */
  public static final String DEFAULT_DEALLOCATE = "deallocate";

  private final Resource location;
  private final List<String> startFunctions;
  private final Duration callTimeout;
  private final int poolMaxSize;
  private final Duration poolMaxWait;
  private final String allocate;
  private final String deallocate;
  private final ModuleInstantiator instantiator;

  private WasmModuleSpec(
      Resource location,
      List<String> startFunctions,
      Duration callTimeout,
      int poolMaxSize,
      Duration poolMaxWait,
      String allocate,
      String deallocate,
      ModuleInstantiator instantiator) {
    this.location = location;
    this.startFunctions = startFunctions;
    this.callTimeout = callTimeout;
    this.poolMaxSize = poolMaxSize;
    this.poolMaxWait = poolMaxWait;
    this.allocate = allocate;
    this.deallocate = deallocate;
    this.instantiator = instantiator;
  }

  /** A module read from {@code location} with the default settings. */
  public static WasmModuleSpec of(Resource location) {
    Objects.requireNonNull(location, "location must not be null");
    return new WasmModuleSpec(
        location,
        null,
        null,
        DEFAULT_POOL_MAX_SIZE,
        DEFAULT_POOL_MAX_WAIT,
        DEFAULT_ALLOCATE,
        DEFAULT_DEALLOCATE,
        ModuleInstantiator.DEFAULT);
  }

  /** Where the module's binary is. */
  public Resource location() {
    return location;
  }

  /**
   * Start functions run on each new instance, or null for the runtime's default ({@code _start}).
   */
  public List<String> startFunctions() {
    return startFunctions;
  }

  /**
   * Longest a call into an instance may run (the runtime's {@code ModuleConfig.withCallTimeout}),
   * or null for no limit.
   */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Most instances alive at once. */
  public int poolMaxSize() {
    return poolMaxSize;
  }

  /** Longest a caller waits for a free instance. */
  public Duration poolMaxWait() {
    return poolMaxWait;
  }

  /** Name of the allocate export. */
  public String allocate() {
    return allocate;
  }

  /** Name of the deallocate export. */
  public String deallocate() {
    return deallocate;
  }

  /** A copy with these start functions (null: the runtime's default; empty: none). */
  public WasmModuleSpec withStartFunctions(List<String> names) {
    return new WasmModuleSpec(
        location,
        names == null ? null : List.copyOf(names),
        callTimeout,
        poolMaxSize,
        poolMaxWait,
        allocate,
        deallocate,
        instantiator);
  }

  /** A copy with this call timeout (null: none). */
  public WasmModuleSpec withCallTimeout(Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("call timeout must be positive, was " + timeout);
    }
    return new WasmModuleSpec(
        location,
        startFunctions,
        timeout,
        poolMaxSize,
        poolMaxWait,
        allocate,
        deallocate,
        instantiator);
  }

  /** A copy with this pool size and wait. */
  public WasmModuleSpec withPool(int maxSize, Duration maxWait) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("pool max size must be at least 1, was " + maxSize);
    }
    Objects.requireNonNull(maxWait, "maxWait must not be null");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("pool max wait must not be negative, was " + maxWait);
    }
    return new WasmModuleSpec(
        location,
        startFunctions,
        callTimeout,
        maxSize,
        maxWait,
        allocate,
        deallocate,
        instantiator);
  }

  /** How instances are created. */
  public ModuleInstantiator instantiator() {
    return instantiator;
  }

  /** A copy creating its instances with {@code instantiator}. */
  public WasmModuleSpec withInstantiator(ModuleInstantiator instantiator) {
    Objects.requireNonNull(instantiator, "instantiator must not be null");
    return new WasmModuleSpec(
        location,
        startFunctions,
        callTimeout,
        poolMaxSize,
        poolMaxWait,
        allocate,
        deallocate,
        instantiator);
  }

  /** A copy with these allocator export names. */
  public WasmModuleSpec withAllocator(String allocate, String deallocate) {
    Objects.requireNonNull(allocate, "allocate must not be null");
    Objects.requireNonNull(deallocate, "deallocate must not be null");
    return new WasmModuleSpec(
        location,
        startFunctions,
        callTimeout,
        poolMaxSize,
        poolMaxWait,
        allocate,
        deallocate,
        instantiator);
  }

  @Override
  public String toString() {
    return "WasmModuleSpec{location="
        + location
        + ", startFunctions="
        + startFunctions
        + ", callTimeout="
        + callTimeout
        + ", pool="
        + poolMaxSize
        + "/"
        + poolMaxWait
        + ", allocator="
        + allocate
        + "/"
        + deallocate
        + "}";
  }
}
