package dev.zerowasm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.spring.boot.autoconfigure.actuate.WasmActuatorAutoConfiguration;
import dev.zerowasm.spring.boot.autoconfigure.metrics.WasmMetricsAutoConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The files through which Spring Boot finds this module's classes. */
class RegistrationTests {

  @Test
  void autoConfigurationsAreListedInTheImportsFile() {
    List<String> names = new ArrayList<>();
    ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(names::add);
    assertThat(names)
        .contains(
            WasmAutoConfiguration.class.getName(),
            WasmMetricsAutoConfiguration.class.getName(),
            WasmActuatorAutoConfiguration.class.getName());
  }

  @Test
  void failureAnalyzerIsRegistered() {
    List<FailureAnalyzer> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            // Other analyzers on the class path need constructor arguments: skip them.
            .load(
                FailureAnalyzer.class,
                null,
                SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {}));
    assertThat(analyzers).hasAtLeastOneElementOfType(WasmConfigurationFailureAnalyzer.class);
  }

  @Test
  void configurationMetadataIsGenerated() throws IOException {
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json)
          .contains("\"wasm.runtime.engine\"")
          .contains("\"wasm.runtime.core-features\"")
          .contains("\"wasm.runtime.memory-limit-pages\"")
          .contains("\"wasm.runtime.memory-capacity-from-max\"")
          .contains("\"wasm.modules\"")
          .contains("Engine that runs the wasm code");
    }
  }
}
