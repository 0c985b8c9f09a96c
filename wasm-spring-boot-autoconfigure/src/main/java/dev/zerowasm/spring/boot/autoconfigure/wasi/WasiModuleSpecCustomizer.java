package dev.zerowasm.spring.boot.autoconfigure.wasi;

import dev.zerowasm.FsConfig;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.spring.boot.autoconfigure.WasmConfigurationException;
import dev.zerowasm.spring.boot.autoconfigure.WasmModuleSpec;
import dev.zerowasm.spring.boot.autoconfigure.WasmModuleSpecCustomizer;
import dev.zerowasm.spring.boot.autoconfigure.WasmProperties;
import dev.zerowasm.wasi.WasiHost;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.LogFactory;

/**
 * Gives the instances of modules with {@code wasi.enabled} their own WASI state from {@code
 * wasm.modules.<name>.wasi.*}: arguments, environment, mounts, and stdout/stderr routed to a
 * logger, the JVM's streams or nowhere.
 */
public final class WasiModuleSpecCustomizer implements WasmModuleSpecCustomizer {

  /**
   * A customizer for guests of the runtime in which {@code host} registered {@code
   * wasi_snapshot_preview1}; taking it makes sure WASI exists before any guest is instantiated.
   */
  public WasiModuleSpecCustomizer(WasiHost host) {
    Objects.requireNonNull(host, "host");
  }

  @Override
  public WasmModuleSpec customize(
      String name, WasmProperties.ModuleProperties properties, WasmModuleSpec spec) {
    WasmProperties.Wasi wasi = properties.getWasi();
    if (!wasi.isEnabled()) {
      return spec;
    }
    String prefix = "wasm.modules." + name + ".wasi.";
    List<String> args = wasi.getArgs().isEmpty() ? List.of(name) : wasi.getArgs();
    List<Map.Entry<String, String>> env = List.copyOf(wasi.getEnv().entrySet());
    for (Map.Entry<String, String> e : env) {
      try {
        ModuleConfig.create().withEnv(e.getKey(), e.getValue()); // checks the name now, not per call
      } catch (IllegalArgumentException ex) {
        throw new WasmConfigurationException(
            "Invalid " + prefix + "env: " + ex.getMessage(),
            prefix + "env",
            "Use names without '=' or NUL.",
            ex);
      }
    }
    FsConfig fs = FsConfig.create();
    for (int i = 0; i < wasi.getMounts().size(); i++) {
      WasmProperties.Mount mount = wasi.getMounts().get(i);
      String key = prefix + "mounts[" + i + "]";
      if (mount.getHostDir() == null || mount.getGuestPath() == null) {
        throw new WasmConfigurationException(
            "Invalid " + key + ": host-dir and guest-path are both required",
            key,
            "Set " + key + ".host-dir and " + key + ".guest-path.",
            null);
      }
      try {
        fs =
            mount.isReadOnly()
                ? fs.withReadOnlyDirMount(mount.getHostDir(), mount.getGuestPath())
                : fs.withDirMount(mount.getHostDir(), mount.getGuestPath());
      } catch (IllegalArgumentException e) {
        throw new WasmConfigurationException(
            "Invalid " + key + ": " + e.getMessage(), key, "Fix the mount.", e);
      }
    }
    FsConfig mounts = fs;
    WasmProperties.Output stdout = wasi.getStdout();
    WasmProperties.Output stderr = wasi.getStderr();
    return spec.withInstantiator(
        (runtime, compiled, moduleConfig) -> {
          // The WASI host reads each instance's ModuleConfig. Streams are made per instance: WASI
          // state is per instance, and log lines of concurrent instances must not interleave.
          ModuleConfig config =
              moduleConfig
                  .withArgs(args.toArray(new String[0]))
                  .withFsConfig(mounts)
                  .withStdout(stream(stdout, name, false))
                  .withStderr(stream(stderr, name, true));
          for (Map.Entry<String, String> e : env) {
            config = config.withEnv(e.getKey(), e.getValue());
          }
          return runtime.instantiate(compiled, config);
        });
  }

  private static OutputStream stream(WasmProperties.Output output, String module, boolean error) {
    switch (output) {
      case INHERIT:
        PrintStream target = error ? System.err : System.out;
        return target;
      case DISCARD:
        return OutputStream.nullOutputStream();
      case LOG:
      default:
        return new LineLogOutputStream(
            LogFactory.getLog("wasm." + module + (error ? ".stderr" : ".stdout")), error);
    }
  }
}
