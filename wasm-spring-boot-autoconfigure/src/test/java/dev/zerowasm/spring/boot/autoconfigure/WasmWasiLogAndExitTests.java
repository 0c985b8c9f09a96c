package dev.zerowasm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zerowasm.spring.boot.autoconfigure.guest.ImportWasmModules;
import dev.zerowasm.spring.boot.autoconfigure.metrics.MicrometerWasmCallListener;
import dev.zerowasm.spring.boot.autoconfigure.metrics.WasmMetricsAutoConfiguration;
import dev.zerowasm.spring.boot.autoconfigure.testguests.WasiGuest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WASI output routed to loggers ({@code wasi.stdout/stderr=log}, the default) and guests that call
 * {@code proc_exit}. A real {@code SpringApplication} runs so that Boot's logging system writes to
 * the captured console.
 */
@ExtendWith(OutputCaptureExtension.class)
class WasmWasiLogAndExitTests {

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .properties(
            "wasm.modules.wasi-guest.location=classpath:wasm/wasi-guest.wasm",
            "wasm.modules.wasi-guest.start-functions=",
            "wasm.modules.wasi-guest.wasi.enabled=true",
            "spring.main.banner-mode=off")
        .properties(properties)
        .run();
  }

  @Test
  void stdoutLinesAreLoggedAtInfoAndStderrLinesAtWarnUnderTheModulesLoggers(
      CapturedOutput output) {
    try (ConfigurableApplicationContext context = start()) {
      WasiGuest guest = context.getBean(WasiGuest.class);
      assertThat(guest.hello()).isZero();
      assertThat(guest.warn()).isZero();
    }
    assertThat(output.getAll())
        .containsPattern("INFO .*wasm\\.wasi-guest\\.stdout\\s*: hello from wasi")
        .containsPattern("WARN(ING)? .*wasm\\.wasi-guest\\.stderr\\s*: warning from wasi");
  }

  @Test
  void loggedOutputCanBeSilencedByTheLoggerLevel(CapturedOutput output) {
    try (ConfigurableApplicationContext context =
        start("logging.level.wasm.wasi-guest.stdout=off")) {
      WasiGuest guest = context.getBean(WasiGuest.class);
      assertThat(guest.hello()).isZero();
      assertThat(guest.warn()).isZero();
    }
    assertThat(output.getAll())
        .doesNotContain("hello from wasi")
        .contains("warning from wasi");
  }

  @Test
  void procExitEndsTheCallWithTheExitCodeAndIsCountedAsExit() {
    try (ConfigurableApplicationContext context = start()) {
      WasiGuest guest = context.getBean(WasiGuest.class);
      Throwable thrown = catchThrowable(() -> guest.quit(7));
      assertThat(thrown).isInstanceOf(WasmCallException.class);
      WasmCallException e = (WasmCallException) thrown;
      assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.EXIT);
      assertThat(e.getExitCode()).isEqualTo(7);
      assertThat(e).hasMessageContaining("wasi-guest").hasMessageContaining("7");

      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(
              meters
                  .get(MicrometerWasmCallListener.CALLS)
                  .tags("module", "wasi-guest", "function", "quit", "outcome", "exit")
                  .timer()
                  .count())
          .isEqualTo(1);
      // The exited instance is discarded, not reused: the next call runs on a fresh one.
      assertThat(guest.hello()).isZero();
      assertThat(
              meters
                  .get(MicrometerWasmCallListener.CALLS)
                  .tags("module", "wasi-guest", "function", "hello", "outcome", "success")
                  .timer()
                  .count())
          .isEqualTo(1);
      // One instance at startup, one replacing the exited one.
      assertThat(
              meters
                  .get(MicrometerWasmCallListener.INSTANTIATIONS)
                  .tags("module", "wasi-guest")
                  .counter()
                  .count())
          .isEqualTo(2);
    }
  }

  /** The application: WASI guest, metrics, a meter registry. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({WasmAutoConfiguration.class, WasmMetricsAutoConfiguration.class})
  @ImportWasmModules(WasiGuest.class)
  static class App {

    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
