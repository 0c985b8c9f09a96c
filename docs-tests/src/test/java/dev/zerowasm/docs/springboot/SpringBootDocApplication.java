package dev.zerowasm.docs.springboot;

import dev.zerowasm.spring.boot.autoconfigure.WasmModuleRegistrar;
import dev.zerowasm.spring.boot.autoconfigure.WasmModuleSpec;
import java.time.Duration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.FileSystemResource;

/** The application of docs/spring-boot.md's examples; its properties are springboot-doc.yml. */
@SpringBootApplication
public class SpringBootDocApplication {
  @Bean
  WasmModuleRegistrar generatedModules() {
    return registry -> registry.registerModule(
        "calculator",
        WasmModuleSpec.of(new FileSystemResource("math.wasm"))
            .withPool(4, Duration.ofSeconds(1))
            .withCallTimeout(Duration.ofMillis(200)));
  }
}
