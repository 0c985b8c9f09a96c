package dev.zerowasm.spring.boot.autoconfigure.metrics;

import dev.zerowasm.spring.boot.autoconfigure.WasmCallListener;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records guest calls as the timer {@code wasm.function.calls} (tags module, function, outcome) and
 * new instances as the counter {@code wasm.instantiations} (tag module).
 */
public final class MicrometerWasmCallListener implements WasmCallListener {

  /** Name of the timer of guest-interface calls. */
  public static final String CALLS = "wasm.function.calls";

  /** Name of the counter of instances created for the pools. */
  public static final String INSTANTIATIONS = "wasm.instantiations";

  private final MeterRegistry registry;

  /** A listener recording into {@code registry}. */
  public MicrometerWasmCallListener(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void instantiated(String module) {
    Counter.builder(INSTANTIATIONS)
        .description("Instances of a wasm module created for its pool")
        .tag("module", module)
        .register(registry)
        .increment();
  }

  @Override
  public void called(String module, String function, WasmCallOutcome outcome, long nanos) {
    Timer.builder(CALLS)
        .description("Calls of wasm guest functions through guest interfaces")
        .tag("module", module)
        .tag("function", function)
        .tag("outcome", outcome.tagValue())
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
