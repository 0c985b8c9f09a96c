package dev.zerowasm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.Module;
import dev.zerowasm.spring.boot.autoconfigure.guest.ImportWasmModules;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmExport;
import dev.zerowasm.spring.boot.autoconfigure.host.WasmHostModule;
import dev.zerowasm.spring.boot.autoconfigure.testguests.HostUser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class WasmHostModuleTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(WasmAutoConfiguration.class))
          .withPropertyValues("wasm.modules.host-user.location=classpath:wasm/host-user.wasm");

  @Test
  void hostModuleBeansAreImportedByGuests() {
    runner
        .withUserConfiguration(LogAndAdd.class, GuestImport.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              HostUser guest = context.getBean(HostUser.class);
              guest.shout();
              assertThat(context.getBean(Logger.class).lines).containsExactly("hi from wasm");
              assertThat(guest.sum(40, 2)).isEqualTo(42);
              assertThat(context.getBean(Adder.class).calls).isEqualTo(1);
            });
  }

  @Test
  void withoutTheHostModuleTheGuestFailsStartupNamingTheImport() {
    runner
        .withUserConfiguration(GuestImport.class)
        .run(
            context ->
                assertThat(
                        WasmAutoConfigurationTests.configurationFailure(context.getStartupFailure())
                            .getMessage())
                    .contains("Wasm module \"host-user\"")
                    .contains("unknown import: \"env\".\"log\""));
  }

  @Test
  void unsupportedHostMethodFailsStartupNamingTheMethod() {
    runner
        .withUserConfiguration(BadHost.class)
        .run(
            context ->
                assertThat(
                        WasmAutoConfigurationTests.configurationFailure(context.getStartupFailure())
                            .getMessage())
                    .contains("Host function \"env\".\"log\"")
                    .contains("BadEnv.log"));
  }

  /** Part one of module "env". */
  @WasmHostModule("env")
  static class Logger {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @WasmExport("log")
    public void log(Module caller, int offset, int length) {
      lines.add(new String(caller.memory().read(offset, length), StandardCharsets.UTF_8));
    }

    /** Not exported: no annotation. */
    public int notExported() {
      return 0;
    }
  }

  /** Part two of module "env": several beans may make up one module. */
  @WasmHostModule("env")
  static class Adder {
    volatile int calls;

    @WasmExport
    public int add(int a, int b) {
      calls++;
      return a + b;
    }
  }

  /** A host method with a parameter type host functions cannot carry. */
  @WasmHostModule("env")
  static class BadEnv {
    @WasmExport("log")
    public void log(String message) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class LogAndAdd {
    @Bean
    Logger logger() {
      return new Logger();
    }

    @Bean
    Adder adder() {
      return new Adder();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class BadHost {
    @Bean
    BadEnv badEnv() {
      return new BadEnv();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ImportWasmModules(HostUser.class)
  static class GuestImport {}
}
