package dev.zerowasm.sample;

import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallListener;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the {@link GoProgramPool} of the Go tool {@code jsonfmt} from {@link
 * JsonFormatterProperties}, with the starter's {@link RuntimeConfig} (engine, features, compilation
 * cache) and its {@link WasmCallListener}s (metrics).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JsonFormatterProperties.class)
public class JsonFormatterConfiguration {
  /** The pool; closed with the context (it is {@link AutoCloseable}). */
  @Bean
  public GoProgramPool jsonfmtProgram(
      JsonFormatterProperties properties,
      RuntimeConfig runtimeConfig,
      ObjectProvider<WasmCallListener> listeners)
      throws IOException {
    return new GoProgramPool(
        "jsonfmt",
        properties.location().getContentAsByteArray(),
        runtimeConfig,
        properties.poolSize(),
        properties.maxWait(),
        properties.callTimeout(),
        listeners.orderedStream().toList());
  }
}
