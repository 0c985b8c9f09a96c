package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.docs.springboot.Greeter;
import dev.zerowasm.docs.springboot.SpringBootDocApplication;
import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application of docs/spring-boot.md's examples (package {@code
 * dev.zerowasm.docs.springboot}): a registrar bean, a guest interface with a service using it at
 * startup, and a host module bean that a guest imports.
 */
class SpringBootDocExamplesTest {

  @Test
  void theExamplesWorkTogether() {
    ConfigurableApplicationContext[] context = new ConfigurableApplicationContext[1];
    String printed =
        StdOut.capture(
            () ->
                context[0] =
                    new SpringApplicationBuilder(SpringBootDocApplication.class)
                        .web(WebApplicationType.NONE)
                        .properties("spring.config.name=springboot-doc")
                        .run());
    try (ConfigurableApplicationContext app = context[0]) {
      // Hello's constructor called the guest.
      assertThat(printed).contains("Hello, Spring!\n");
      Greeter greeter = app.getBean(Greeter.class);
      assertThat(greeter.add(2, 3)).isEqualTo(5);
      assertThat(greeter.greetPair("pair")).isEqualTo("Hello, pair!");
      assertThat(greeter.twice("x")).isEqualTo("Hello, x!Hello, x!");
      assertThat(greeter.reverse("abc".getBytes(StandardCharsets.UTF_8)))
          .isEqualTo("cba".getBytes(StandardCharsets.UTF_8));

      ModuleRegistry registry = app.getBean(ModuleRegistry.class);
      assertThat(registry.getModuleNames()).contains("greeter", "host-user", "calculator");
      assertThat(registry.getModuleSpec("calculator").poolMaxSize()).isEqualTo(4);
      // The guest host-user calls env.log of the Env bean, which prints its memory.
      String shouted =
          StdOut.capture(
              () -> registry.withInstance("host-user", m -> m.exportedFunction("shout").call()));
      assertThat(shouted).isNotBlank();
      long[] sum =
          registry.withInstance("host-user", m -> m.exportedFunction("sum").call(20, 22));
      assertThat(sum).containsExactly(42);
    }
  }
}
