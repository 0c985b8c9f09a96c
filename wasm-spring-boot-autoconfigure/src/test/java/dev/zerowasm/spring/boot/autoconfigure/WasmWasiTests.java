package dev.zerowasm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.spring.boot.autoconfigure.guest.ImportWasmModules;
import dev.zerowasm.spring.boot.autoconfigure.testguests.WasiGuest;
import dev.zerowasm.wasi.WasiHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class WasmWasiTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(WasmAutoConfiguration.class))
          .withUserConfiguration(GuestImport.class)
          .withPropertyValues(
              "wasm.modules.wasi-guest.location=classpath:wasm/wasi-guest.wasm",
              "wasm.modules.wasi-guest.start-functions=");

  @Test
  void wasiModulesSeeTheirArgsEnvAndWriteToTheConfiguredStdout(@TempDir Path dir) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      runner
          .withPropertyValues(
              "wasm.modules.wasi-guest.wasi.enabled=true",
              "wasm.modules.wasi-guest.wasi.args=prog,one,two",
              "wasm.modules.wasi-guest.wasi.env.GREETING=hello",
              "wasm.modules.wasi-guest.wasi.stdout=inherit",
              "wasm.modules.wasi-guest.wasi.mounts[0].host-dir=" + dir,
              "wasm.modules.wasi-guest.wasi.mounts[0].guest-path=/data",
              "wasm.modules.wasi-guest.wasi.mounts[0].read-only=true")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(WasiHost.class);
                assertThat(
                        context
                            .getBean(ModuleRegistry.class)
                            .getModuleSpec("wasi-guest")
                            .instantiator())
                    .isNotSameAs(ModuleInstantiator.DEFAULT);
                WasiGuest guest = context.getBean(WasiGuest.class);
                assertThat(guest.argc()).isEqualTo(3);
                assertThat(guest.envc()).isEqualTo(1);
                assertThat(guest.hello()).isZero();
              });
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("hello from wasi");
  }

  @Test
  void discardedStdoutWritesNothingAndArgsDefaultToTheModuleName() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      runner
          .withPropertyValues(
              "wasm.modules.wasi-guest.wasi.enabled=true",
              "wasm.modules.wasi-guest.wasi.stdout=discard")
          .run(
              context -> {
                WasiGuest guest = context.getBean(WasiGuest.class);
                assertThat(guest.argc()).isEqualTo(1);
                assertThat(guest.envc()).isZero();
                assertThat(guest.hello()).isZero();
              });
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("hello from wasi");
  }

  @Test
  void mountOfAMissingDirectoryFailsStartupNamingTheModule(@TempDir Path dir) {
    runner
        .withPropertyValues(
            "wasm.modules.wasi-guest.wasi.enabled=true",
            "wasm.modules.wasi-guest.wasi.mounts[0].host-dir=" + dir.resolve("absent"),
            "wasm.modules.wasi-guest.wasi.mounts[0].guest-path=/data")
        .run(
            context ->
                assertThat(
                        WasmAutoConfigurationTests.configurationFailure(context.getStartupFailure())
                            .getMessage())
                    .contains("wasi-guest")
                    .contains("absent"));
  }

  @Test
  void wasiEnabledWithoutTheWasiModuleFailsStartupNamingTheKey() {
    runner
        .withClassLoader(new FilteredClassLoader(WasiHost.class))
        .withPropertyValues("wasm.modules.wasi-guest.wasi.enabled=true")
        .run(
            context ->
                assertThat(
                        WasmAutoConfigurationTests.configurationFailure(context.getStartupFailure())
                            .getProperty())
                    .isEqualTo("wasm.modules.wasi-guest.wasi.enabled"));
  }

  @Configuration(proxyBeanMethods = false)
  @ImportWasmModules(WasiGuest.class)
  static class GuestImport {}
}
