package dev.zerowasm.spring.boot.autoconfigure.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.spring.boot.autoconfigure.host.WasmExport;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmHostModule;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

/**
 * Runs Spring's ahead-of-time processing (what a native-image build does) on an application and
 * checks the runtime hints zerowasm contributes.
 */
class WasmAotTests {

  @Test
  void aotProcessingRegistersProxyReflectionAndResourceHints() throws Exception {
    RuntimeHints hints = processAheadOfTime("wasm.modules.greeter.location=classpath:wasm/greeter.wasm");

    // The scanned guest interface: a JDK proxy, and its methods readable by the handler.
    assertThat(RuntimeHintsPredicates.proxies().forInterfaces(TextTools.class)).accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onType(TextTools.class)).accepts(hints);
    // The configured class-path location, and nothing else of the kind.
    assertThat(RuntimeHintsPredicates.resource().forResource("wasm/greeter.wasm")).accepts(hints);
    assertThat(RuntimeHintsPredicates.resource().forResource("wasm/host-user.wasm"))
        .rejects(hints);
    // The @WasmExport method of a host-module bean, through @Reflective.
    Method log = Host.class.getDeclaredMethod("twice", int.class);
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(log)).accepts(hints);
    Method notExported = Host.class.getDeclaredMethod("helper");
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(notExported)).rejects(hints);
  }

  @Test
  void withoutModulesOnlyTheGuestInterfaceGetsHints() {
    RuntimeHints hints = processAheadOfTime("wasm.guest-interfaces.scan=true");
    assertThat(RuntimeHintsPredicates.proxies().forInterfaces(TextTools.class)).accepts(hints);
    assertThat(RuntimeHintsPredicates.resource().forResource("wasm/greeter.wasm")).rejects(hints);
  }

  private static RuntimeHints processAheadOfTime(String... properties) {
    GenericApplicationContext context = new GenericApplicationContext();
    AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
    TestPropertyValues.of(properties).applyTo(context);
    context.registerBean(GuestApplication.class);
    context.registerBean(Host.class);
    DefaultGenerationContext generation =
        new DefaultGenerationContext(
            new ClassNameGenerator(ClassName.get(GuestApplication.class)),
            new InMemoryGeneratedFiles());
    new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
    generation.writeGeneratedContent();
    return generation.getRuntimeHints();
  }

  /** A host-module bean. */
  @WasmHostModule("aot-host")
  static class Host {

    @WasmExport
    public int twice(int x) {
      return 2 * x;
    }

    public int helper() {
      return 0;
    }
  }
}
