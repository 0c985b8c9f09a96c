package dev.zerowasm.sample;

import dev.zerowasm.Runtime;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallListener;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the {@link GoProgram} of the Go tool {@code jsonfmt} from {@link JsonFormatterProperties},
 * in the starter's {@link Runtime} (engine, features, compilation cache) and with its {@link
 * WasmCallListener}s (metrics).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JsonFormatterProperties.class)
public class JsonFormatterConfiguration {
  /** The program; closed with the context (it is {@link AutoCloseable}). */
  @Bean
  public GoProgram jsonfmtProgram(
      JsonFormatterProperties properties,
      Runtime runtime,
      ObjectProvider<WasmCallListener> listeners)
      throws IOException {
    return new GoProgram(
        "jsonfmt",
        properties.location().getContentAsByteArray(),
        runtime,
        properties.maxConcurrentRuns(),
        properties.maxWait(),
        properties.callTimeout(),
        listeners.orderedStream().toList());
  }
}
