package dev.zerowasm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.spring.boot.autoconfigure.actuate.WasmActuatorAutoConfiguration;
import dev.zerowasm.spring.boot.autoconfigure.actuate.WasmEndpoint;
import dev.zerowasm.spring.boot.autoconfigure.actuate.WasmHealthIndicator;
import dev.zerowasm.spring.boot.autoconfigure.metrics.MicrometerWasmCallListener;
import dev.zerowasm.spring.boot.autoconfigure.metrics.WasmMetricsAutoConfiguration;
import dev.zerowasm.spring.boot.autoconfigure.testguests.Greeter;
import dev.zerowasm.spring.boot.autoconfigure.testguests.GreeterImports;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class WasmMetricsAndActuatorTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  WasmAutoConfiguration.class,
                  WasmMetricsAutoConfiguration.class,
                  WasmActuatorAutoConfiguration.class))
          .withUserConfiguration(GreeterImports.Good.class)
          .withPropertyValues(WasmAutoConfigurationTests.GREETER);

  @Test
  void callsAndInstantiationsAreRecordedWhenAMeterRegistryExists() {
    runner
        .withUserConfiguration(MeterRegistryConfig.class)
        .run(
            context -> {
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              Greeter greeter = context.getBean(Greeter.class);
              greeter.add(1, 2);
              greeter.add(3, 4);
              assertThatThrownBy(greeter::fail).isInstanceOf(WasmCallException.class);
              Timer ok =
                  meters
                      .get("wasm.function.calls")
                      .tags("module", "greeter", "function", "add", "outcome", "success")
                      .timer();
              assertThat(ok.count()).isEqualTo(2);
              Timer trap =
                  meters
                      .get("wasm.function.calls")
                      .tags("module", "greeter", "function", "fail", "outcome", "trap")
                      .timer();
              assertThat(trap.count()).isEqualTo(1);
              // One instance at startup; the one that trapped was discarded, and its replacement
              // is created only when the next call needs it.
              assertThat(
                      meters.get("wasm.instantiations").tag("module", "greeter").counter().count())
                  .isEqualTo(1.0);
              greeter.add(0, 0);
              assertThat(
                      meters.get("wasm.instantiations").tag("module", "greeter").counter().count())
                  .isEqualTo(2.0);
              assertThat(meters.get("wasm.pool.size").tag("module", "greeter").gauge().value())
                  .isEqualTo(1.0);
              assertThat(meters.get("wasm.pool.active").tag("module", "greeter").gauge().value())
                  .isZero();
              assertThat(meters.get("wasm.pool.max").tag("module", "greeter").gauge().value())
                  .isEqualTo(WasmModuleSpec.DEFAULT_POOL_MAX_SIZE);
              assertThat(meters.get("wasm.memory.pages").tag("module", "greeter").gauge().value())
                  .isEqualTo(1.0);
            });
  }

  @Test
  void noMetricsWithoutAMeterRegistryBean() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(MicrometerWasmCallListener.class);
        });
  }

  @Test
  void noMetricsWithoutMicrometerOnTheClassPath() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(MicrometerWasmCallListener.class);
              assertThat(context.getBean(Greeter.class).add(1, 1)).isEqualTo(2);
            });
  }

  @Test
  void healthIsUpWithPoolDetailsAndDownOnceAPoolIsClosed() {
    runner.run(
        context -> {
          WasmHealthIndicator indicator = context.getBean(WasmHealthIndicator.class);
          Health health = indicator.health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsKey("greeter");
          context.getBean(ModuleRegistry.class).getPool("greeter").close();
          assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
  }

  @Test
  void healthIndicatorCanBeDisabled() {
    runner
        .withPropertyValues("management.health.wasm.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(WasmHealthIndicator.class));
  }

  @Test
  void endpointListsModulesExportsAndPoolState() {
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=wasm")
        .run(
            context -> {
              WasmEndpoint endpoint = context.getBean(WasmEndpoint.class);
              WasmEndpoint.ModulesDescriptor all = endpoint.modules();
              assertThat(all.modules()).containsOnlyKeys("greeter");
              WasmEndpoint.ModuleDescriptor greeter = endpoint.module("greeter");
              assertThat(greeter.location()).contains("wasm/greeter.wasm");
              assertThat(greeter.exports())
                  .containsEntry("add", "(i32, i32) -> (i32)")
                  .containsEntry("greet_pair", "(i32, i32) -> (i32, i32)");
              assertThat(greeter.pool().maxSize()).isEqualTo(WasmModuleSpec.DEFAULT_POOL_MAX_SIZE);
              assertThat(greeter.pool().size()).isEqualTo(1);
              assertThat(greeter.pool().memoryPages()).isEqualTo(1);
              assertThat(endpoint.module("other")).isNull();
            });
  }

  @Test
  void endpointIsAbsentWhenNotExposed() {
    runner.run(context -> assertThat(context).doesNotHaveBean(WasmEndpoint.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class MeterRegistryConfig {
    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
