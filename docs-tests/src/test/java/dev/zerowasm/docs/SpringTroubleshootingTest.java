package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zerowasm.api.TrapKind;
import dev.zerowasm.docs.troubleshooting.calls.CallsApp;
import dev.zerowasm.docs.troubleshooting.host.HostApp;
import dev.zerowasm.docs.troubleshooting.missingexport.MissingExportApp;
import dev.zerowasm.docs.troubleshooting.signature.SignatureApp;
import dev.zerowasm.docs.troubleshooting.startup.StartupApp;
import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import dev.zerowasm.spring.boot.autoconfigure.ModulePool;
import dev.zerowasm.spring.boot.autoconfigure.NoSuchWasmModuleException;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallException;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallOutcome;
import dev.zerowasm.spring.boot.autoconfigure.WasmConfigurationException;
import dev.zerowasm.spring.boot.autoconfigure.WasmModuleLoadException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Makes the Spring Boot failures of docs/troubleshooting.md happen: startup failures with the report
 * Spring Boot prints (captured from the console, as a user sees it) and failed calls. The page's
 * {@code text} blocks are copies of the expectations here (checked by {@link DocSnippetsTest}).
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringTroubleshootingTest {

  /** Starts {@code app} with {@code properties} (and no application.yml); returns the failure. */
  private static Throwable startupFailure(Class<?> app, String... properties) {
    List<String> all = new ArrayList<>(List.of(properties));
    all.add("spring.config.name=none");
    all.add("spring.main.banner-mode=off");
    return catchThrowable(
        () -> {
          try (ConfigurableApplicationContext context =
              new SpringApplicationBuilder(app)
                  .web(WebApplicationType.NONE)
                  .properties(all.toArray(new String[0]))
                  .run()) {
            throw new AssertionError("started: " + context.getId());
          }
        });
  }

  /** {@code e} and its causes. */
  private static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  // ---- Startup

  @Test
  void unknownCoreFeature(CapturedOutput output) {
    Throwable e = startupFailure(StartupApp.class, "wasm.runtime.core-features=threads");
    assertThat(causes(e)).hasAtLeastOneElementOfType(WasmConfigurationException.class);
    assertThat(output)
        .contains(
            "***************************\n"
                + "APPLICATION FAILED TO START\n"
                + "***************************\n"
                + "\n"
                + "Description:\n"
                + "\n"
                + "Invalid wasm.runtime.core-features: unknown feature \"threads\"\n"
                + "\n"
                + "    Property: wasm.runtime.core-features\n"
                + "\n"
                + "Action:\n"
                + "\n"
                + "Use \"v1\", \"v2\" or a list of: v1, v2, mutable-global, sign-extension-ops,"
                + " non-trapping-float-to-int, multi-value, bulk-memory, reference-types, simd,"
                + " extended-const, tail-call, relaxed-simd\n");
  }

  @Test
  void unknownEngine(CapturedOutput output) {
    startupFailure(StartupApp.class, "wasm.runtime.engine=jit");
    assertThat(output)
        .contains(
            "Failed to bind properties under 'wasm.runtime.engine' to"
                + " dev.zerowasm.spring.boot.autoconfigure.WasmProperties$Engine:\n"
                + "\n"
                + "    Property: wasm.runtime.engine\n"
                + "    Value: \"jit\"\n",
            "Action:\n"
                + "\n"
                + "Update your application's configuration. The following values are valid:\n"
                + "\n"
                + "    COMPILER\n"
                + "    INTERPRETER\n");
  }

  @Test
  void moduleWithoutLocation(CapturedOutput output) {
    Throwable e = startupFailure(StartupApp.class, "wasm.modules.greeter.pool.max-size=4");
    assertThat(causes(e)).hasAtLeastOneElementOfType(WasmConfigurationException.class);
    assertThat(output)
        .contains(
            "Description:\n"
                + "\n"
                + "Wasm module \"greeter\" has no location (wasm.modules.greeter.location is not"
                + " set)\n"
                + "\n"
                + "    Property: wasm.modules.greeter.location\n"
                + "\n"
                + "Action:\n"
                + "\n"
                + "Set wasm.modules.greeter.location to the module's binary, e.g."
                + " classpath:wasm/greeter.wasm\n");
  }

  private static final String LOAD_ACTION =
      "Action:\n"
          + "\n"
          + "Check the module's location and binary, and that every module it imports is"
          + " provided before it (see WasmRuntimeInitializer).\n";

  @Test
  void missingFile(CapturedOutput output) {
    Throwable e =
        startupFailure(StartupApp.class, "wasm.modules.greeter.location=classpath:wasm/x.wasm");
    assertThat(causes(e)).hasAtLeastOneElementOfType(WasmModuleLoadException.class);
    assertThat(output)
        .contains(
            "Wasm module \"greeter\" (wasm.modules.greeter.location = class path resource"
                + " [wasm/x.wasm]) could not be loaded: the file does not exist\n"
                + "\n"
                + "    Property: wasm.modules.greeter.location\n",
            LOAD_ACTION);
  }

  @Test
  void notAModule(CapturedOutput output) {
    startupFailure(StartupApp.class, "wasm.modules.greeter.location=classpath:not-a-module.wasm");
    assertThat(output)
        .contains(
            "Wasm module \"greeter\" (wasm.modules.greeter.location = class path resource"
                + " [not-a-module.wasm]) is not a valid WebAssembly module: malformed module:"
                + " magic header not detected (at byte offset 0x0)\n");
  }

  @Test
  void unknownImport(CapturedOutput output) {
    startupFailure(StartupApp.class, "wasm.modules.greeter.location=classpath:hello-host.wasm");
    assertThat(output)
        .contains(
            "Wasm module \"greeter\" (wasm.modules.greeter.location = class path resource"
                + " [hello-host.wasm]) cannot be instantiated: unknown import: \"env\".\"log\""
                + " (no module named \"env\")\n");
  }

  @Test
  void memoryAboveTheLimit(CapturedOutput output) {
    startupFailure(
        StartupApp.class,
        "wasm.modules.big.location=classpath:memory4.wasm",
        "wasm.runtime.memory-limit-pages=3");
    assertThat(output)
        .contains(
            "Wasm module \"big\" (wasm.modules.big.location = class path resource"
                + " [memory4.wasm]) is not a valid WebAssembly module: module exceeds a limit:"
                + " memory 0 needs at least 4 pages, but the runtime's limit is 3 pages"
                + " (RuntimeConfig.withMemoryLimitPages)\n");
  }

  @Test
  void startFunctionTraps(CapturedOutput output) {
    startupFailure(
        StartupApp.class,
        "wasm.modules.greeter.location=classpath:wasm/greeter.wasm",
        "wasm.modules.greeter.start-functions=fail");
    assertThat(output)
        .contains(
            "Wasm module \"greeter\" (wasm.modules.greeter.location = class path resource"
                + " [wasm/greeter.wasm]) failed in its start function: unreachable\n"
                + "wasm stack trace:\n"
                + "\t.fail\n");
  }

  @Test
  void missingMountDirectory(CapturedOutput output) {
    startupFailure(
        StartupApp.class,
        "wasm.modules.tool.location=classpath:wasm/wasi-guest.wasm",
        "wasm.modules.tool.start-functions=",
        "wasm.modules.tool.wasi.enabled=true",
        "wasm.modules.tool.wasi.mounts[0].host-dir=/no/such/dir",
        "wasm.modules.tool.wasi.mounts[0].guest-path=/data");
    assertThat(output)
        .contains(
            "Description:\n"
                + "\n"
                + "Invalid wasm.modules.tool.wasi.mounts[0]: mount '/data': host path"
                + " file:///no/such/dir is not an existing directory\n"
                + "\n"
                + "    Property: wasm.modules.tool.wasi.mounts[0]\n"
                + "\n"
                + "Action:\n"
                + "\n"
                + "Fix the mount.\n");
  }

  private static final String GUEST_ACTION =
      "Action:\n"
          + "\n"
          + "Make the guest interface method match the export (name it with @WasmFunction), or"
          + " change the guest module.\n";

  @Test
  void guestInterfaceOfAnotherType(CapturedOutput output) {
    Throwable e =
        startupFailure(SignatureApp.class, "wasm.modules.math.location=classpath:math.wasm");
    assertThat(causes(e)).hasAtLeastOneElementOfType(WasmConfigurationException.class);
    assertThat(output)
        .contains(
            "Description:\n"
                + "\n"
                + "WrongMath.fib(long) needs export \"fib\" of wasm module \"math\" to have type"
                + " (i64) -> (i64), but it has type (i32) -> (i32)\n"
                + "\n"
                + "Action:\n"
                + "\n"
                + "Make the guest interface method match the export (name it with @WasmFunction),"
                + " or change the guest module.\n");
  }

  @Test
  void guestInterfaceWithoutExport(CapturedOutput output) {
    startupFailure(MissingExportApp.class, "wasm.modules.math.location=classpath:math.wasm");
    assertThat(output)
        .contains(
            "MoreMath.sqrt(int) calls export \"sqrt\" of wasm module \"math\", which exports no"
                + " function of that name; its functions: [div, fib]\n",
            GUEST_ACTION);
  }

  @Test
  void hostBeanWithUnsupportedTypes(CapturedOutput output) {
    startupFailure(HostApp.class);
    assertThat(output)
        .contains(
            "Host function \"env\".\"log\" (Env.log of bean"
                + " 'dev.zerowasm.docs.troubleshooting.host.HostApp$Env') cannot be exported: host"
                + " function method Env.log(String): parameter 0 (message) has type"
                + " java.lang.String; supported are int, long, float, double, and a leading"
                + " dev.zerowasm.api.Module for the caller\n"
                + "\n"
                + "Action:\n"
                + "\n"
                + "Use int, long, float or double parameters (optionally after a leading Module)"
                + " and a void or primitive result, and export each name once per module.\n");
  }

  // ---- Calls

  private static ConfigurableApplicationContext calls;

  @BeforeAll
  static void startCallsApp() {
    calls =
        new SpringApplicationBuilder(CallsApp.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.config.name=none",
                "wasm.modules.greeter.location=classpath:wasm/greeter.wasm",
                "wasm.modules.greeter.call-timeout=200ms",
                "wasm.modules.greeter.pool.max-size=1",
                "wasm.modules.greeter.pool.max-wait=100ms",
                "wasm.modules.tool.location=classpath:wasm/wasi-guest.wasm",
                "wasm.modules.tool.start-functions=",
                "wasm.modules.tool.wasi.enabled=true")
            .run();
  }

  @AfterAll
  static void stopCallsApp() {
    calls.close();
  }

  private static WasmCallException callFailure(Runnable call) {
    Throwable e = catchThrowable(call::run);
    assertThat(e).isInstanceOf(WasmCallException.class);
    return (WasmCallException) e;
  }

  @Test
  void callTraps() {
    CallsApp.Calculator calculator = calls.getBean(CallsApp.Calculator.class);
    WasmCallException e = callFailure(() -> calculator.divide(1, 0));
    assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.TRAP);
    assertThat(e.getTrapKind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(e)
        .hasMessage(
            "Call of \"divide\" in wasm module \"greeter\" failed: trap: integer divide by zero\n"
                + "wasm stack trace:\n"
                + "\t.divide");
    assertThat(calculator.divide(6, 3)).as("the next call gets a fresh instance").isEqualTo(2);
  }

  @Test
  void callTimesOut() {
    CallsApp.Calculator calculator = calls.getBean(CallsApp.Calculator.class);
    WasmCallException e = callFailure(() -> calculator.spin(Long.MAX_VALUE));
    assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.TIMEOUT);
    assertThat(e)
        .hasMessage(
            "Call of \"spin\" in wasm module \"greeter\" failed: did not return within the call"
                + " timeout of PT0.2S (wasm.modules.greeter.call-timeout); the instance was"
                + " stopped and is discarded");
  }

  @Test
  void noFreeInstance() {
    CallsApp.Calculator calculator = calls.getBean(CallsApp.Calculator.class);
    ModulePool pool = calls.getBean(ModuleRegistry.class).getPool("greeter");
    WasmCallException e;
    try (ModulePool.Lease busy = pool.borrow()) { // the only instance (max-size 1)
      assertThat(busy.module().isClosed()).isFalse();
      e = callFailure(() -> calculator.divide(4, 2));
    }
    assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.REJECTED);
    assertThat(e)
        .hasMessage(
            "Call of \"divide\" in wasm module \"greeter\" failed: no instance became free within"
                + " PT0.1S (all 1 are busy; raise wasm.modules.greeter.pool.max-size or"
                + " max-wait)");
  }

  @Test
  void guestExits() {
    CallsApp.Tool tool = calls.getBean(CallsApp.Tool.class);
    WasmCallException e = callFailure(() -> tool.quit(3));
    assertThat(e.getOutcome()).isEqualTo(WasmCallOutcome.EXIT);
    assertThat(e.getExitCode()).isEqualTo(3);
    assertThat(e)
        .hasMessage("Call of \"quit\" in wasm module \"tool\" failed: the guest exited with code 3");
  }

  @Test
  void nullArgument() {
    CallsApp.Calculator calculator = calls.getBean(CallsApp.Calculator.class);
    assertThatThrownBy(() -> calculator.greet(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("argument 0 of Calculator.greet(String) is null; guest calls take no null values");
  }

  @Test
  void noSuchModule() {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(StartupApp.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.config.name=none", "wasm.modules.math.location=classpath:math.wasm")
            .run()) {
      ModuleRegistry registry = app.getBean(ModuleRegistry.class);
      assertThatThrownBy(() -> registry.getPool("maths"))
          .isInstanceOf(NoSuchWasmModuleException.class)
          .hasMessage(
              "No wasm module named \"maths\" is registered (configure"
                  + " wasm.modules.maths.location or register it with a WasmModuleRegistrar);"
                  + " registered modules: [math]");
    }
  }
}
