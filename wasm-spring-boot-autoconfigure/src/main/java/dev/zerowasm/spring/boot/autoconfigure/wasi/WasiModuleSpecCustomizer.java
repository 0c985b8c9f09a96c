package dev.zerowasm.spring.boot.autoconfigure.wasi;

import dev.zerowasm.spring.boot.autoconfigure.WasmConfigurationException;
import dev.zerowasm.spring.boot.autoconfigure.WasmModuleSpec;
import dev.zerowasm.spring.boot.autoconfigure.WasmModuleSpecCustomizer;
import dev.zerowasm.spring.boot.autoconfigure.WasmProperties;
import dev.zerowasm.wasi.FsConfig;
import dev.zerowasm.wasi.WasiConfig;
import dev.zerowasm.wasi.WasiHost;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.LogFactory;

/**
 * Gives the instances of modules with {@code wasi.enabled} their own WASI state from {@code
 * wasm.modules.<name>.wasi.*}: arguments, environment, mounts, and stdout/stderr routed to a
 * logger, the JVM's streams or nowhere.
 */
public final class WasiModuleSpecCustomizer implements WasmModuleSpecCustomizer {

  private final WasiHost host;

  /** A customizer instantiating through {@code host}. */
  public WasiModuleSpecCustomizer(WasiHost host) {
    this.host = host;
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
    WasiConfig base = WasiConfig.create().withArgs(args.toArray(new String[0]));
    for (Map.Entry<String, String> e : wasi.getEnv().entrySet()) {
      base = base.withEnv(e.getKey(), e.getValue());
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
    WasiConfig config = base.withFsConfig(fs);
    WasmProperties.Output stdout = wasi.getStdout();
    WasmProperties.Output stderr = wasi.getStderr();
    return spec.withInstantiator(
        (runtime, compiled, moduleConfig) ->
            // Streams are made per instance: WASI state is per instance, and log lines of
            // concurrent instances must not interleave.
            host.instantiate(
                compiled,
                config
                    .withStdout(stream(stdout, name, false))
                    .withStderr(stream(stderr, name, true)),
                moduleConfig));
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
