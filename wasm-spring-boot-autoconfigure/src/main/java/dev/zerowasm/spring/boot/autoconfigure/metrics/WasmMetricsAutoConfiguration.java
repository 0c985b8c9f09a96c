package dev.zerowasm.spring.boot.autoconfigure.metrics;

import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import dev.zerowasm.spring.boot.autoconfigure.WasmAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of guest calls, instantiations and pools; active when Micrometer is on the
 * class path and the application has a {@link MeterRegistry} bean.
 */
@AutoConfiguration(
    after = WasmAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class WasmMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MicrometerWasmCallListener micrometerWasmCallListener(MeterRegistry registry) {
    return new MicrometerWasmCallListener(registry);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ModuleRegistry.class)
  WasmPoolMetrics wasmPoolMetrics(ModuleRegistry modules, MeterRegistry registry) {
    return new WasmPoolMetrics(modules, registry);
  }
}
