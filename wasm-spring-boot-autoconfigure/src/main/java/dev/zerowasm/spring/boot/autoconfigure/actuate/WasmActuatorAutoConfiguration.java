package dev.zerowasm.spring.boot.autoconfigure.actuate;

import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import dev.zerowasm.spring.boot.autoconfigure.WasmAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support for zerowasm: the {@code wasm} endpoint (when available, i.e. enabled and
 * exposed) and the {@code wasm} health indicator (unless {@code
 * management.health.wasm.enabled=false}). Each needs its part of the actuator on the class path.
 */
@AutoConfiguration(after = WasmAutoConfiguration.class)
@ConditionalOnBean(ModuleRegistry.class)
public final class WasmActuatorAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
  static class EndpointConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    WasmEndpoint wasmEndpoint(ModuleRegistry registry) {
      return new WasmEndpoint(registry);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "wasmHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("wasm")
    WasmHealthIndicator wasmHealthIndicator(ModuleRegistry registry) {
      return new WasmHealthIndicator(registry);
    }
  }
}
