package dev.zerowasm;

import dev.zerowasm.api.Module;
import dev.zerowasm.experimental.FunctionListenerFactory;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How one module is instantiated: its name, which exported functions run at start, listeners and a
 * call timeout, and everything a system interface (WASI, gojs) shows the instance of its host:
 * arguments, environment, standard streams, mounted directories, clocks and the random source.
 * Immutable: every {@code withX} method returns a changed copy.
 *
 * <p>The WebAssembly start section always runs. After it, each function named by {@link
 * #withStartFunctions} runs in order if the module exports it; by default that is {@code _start},
 * the entry point of WASI commands.
 *
 * <p>The system settings only matter to host modules that read them through {@link #of(Module)}
 * for their calling instance (as {@code wasi_snapshot_preview1} does), so two instances of one
 * compiled module can have different arguments, streams and files. Their defaults are safe and
 * closed: no arguments, an empty environment (nothing inherited from the JVM), an empty stdin,
 * stdout and stderr discarded, no file system, the system clocks and a {@link SecureRandom}. Clocks
 * and random can be replaced for deterministic tests.
 */
public final class ModuleConfig {
  private static final ModuleConfig DEFAULT = new ModuleConfig(Settings.defaults());

  /**
   * All settings, in one mutable holder that is never changed once a {@code ModuleConfig} holds it:
   * each {@code withX} changes a fresh copy. Reached through a final field, so a configuration is
   * safely published to other threads however it is shared.
   */
  private final Settings s;

  private ModuleConfig(Settings settings) {
    this.s = settings;
  }

  /** The default configuration (see the class comment). */
  public static ModuleConfig create() {
    return DEFAULT;
  }

  /**
   * The configuration {@code module} was instantiated with: what a host function reads a calling
   * instance's arguments, streams, mounts, clocks and random source from. A host module, or a
   * module this runtime did not instantiate, has the default.
   */
  public static ModuleConfig of(Module module) {
    Objects.requireNonNull(module, "module must not be null");
    if (module instanceof ModuleInstance) {
      Object config = ((ModuleInstance) module).config;
      if (config instanceof ModuleConfig) {
        return (ModuleConfig) config;
      }
    }
    return DEFAULT;
  }

  private static long systemWalltime() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** A copy with {@code change} applied to a copy of the settings. */
  private ModuleConfig with(Consumer<Settings> change) {
    Settings c = s.copy();
    change.accept(c);
    return new ModuleConfig(c);
  }

  /**
   * The name to instantiate the module under, or {@code null} to use the name from the module's
   * name section (empty if it has none). Other modules import a module's exports by this name.
   */
  public String name() {
    return s.name;
  }

  /** The exported functions to run after the start section, in order. */
  public List<String> startFunctions() {
    return s.startFunctions;
  }

  /**
   * A copy instantiating the module under {@code name}; the empty string makes it anonymous (not
   * importable and not found by {@link Runtime#module(String)}).
   *
   * @throws NullPointerException if {@code name} is null
   */
  public ModuleConfig withName(String name) {
    Objects.requireNonNull(name, "name must not be null (use \"\" for an anonymous module)");
    return with(c -> c.name = name);
  }

  /**
   * A copy running the given exported functions, in order, after the start section. No argument
   * runs none.
   *
   * @throws NullPointerException if the array or one of the names is null
   */
  public ModuleConfig withStartFunctions(String... names) {
    Objects.requireNonNull(names, "names must not be null");
    for (int i = 0; i < names.length; i++) {
      Objects.requireNonNull(names[i], "start function name at index " + i + " must not be null");
    }
    List<String> startFunctions = List.copyOf(Arrays.asList(names));
    return with(c -> c.startFunctions = startFunctions);
  }

  /** The listener factory of this instance, or {@code null} to use the runtime's. */
  public FunctionListenerFactory functionListenerFactory() {
    return s.functionListenerFactory;
  }

  /**
   * A copy observing this instance's function calls with listeners from {@code factory}; it takes
   * precedence over the runtime's ({@code null}: use the runtime's). The module's code is then
   * compiled once more, in a listening variant, for this and later listened instances.
   */
  public ModuleConfig withFunctionListenerFactory(FunctionListenerFactory factory) {
    return with(c -> c.functionListenerFactory = factory);
  }

  /** The most time one call from the host may run; {@link Duration#ZERO} for no limit. */
  public Duration callTimeout() {
    return s.callTimeout;
  }

  /**
   * A copy in which every call into the instance from the host (including the start functions)
   * must end within {@code timeout}: otherwise the module is closed and the call ends with a {@link
   * dev.zerowasm.api.TrapException} of kind {@link dev.zerowasm.api.TrapKind#INTERRUPTED} within
   * milliseconds. Nested calls (host function calling back into the guest) share the outermost
   * deadline. {@link Duration#ZERO} means no limit (the default). The module's code is then compiled
   * in its interruptible variant.
   *
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public ModuleConfig withCallTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout must not be null");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("call timeout must not be negative, was " + timeout);
    }
    return with(c -> c.callTimeout = timeout);
  }

  /** The arguments, {@code args[0]} (by convention the program name) first. */
  public List<String> args() {
    return s.args;
  }

  /**
   * A copy with these arguments. As in a process, {@code args[0]} is by convention the program
   * name: pass it first.
   *
   * @throws NullPointerException if the array or an argument is null
   */
  public ModuleConfig withArgs(String... args) {
    List<String> list = List.of(args);
    return with(c -> c.args = list);
  }

  /** The environment, in insertion order. */
  public Map<String, String> env() {
    return s.env;
  }

  /**
   * A copy whose environment also holds {@code key=value} (replacing an earlier value of {@code
   * key}).
   *
   * @throws IllegalArgumentException if {@code key} is empty or holds {@code '='} or NUL
   */
  public ModuleConfig withEnv(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid environment variable name: '" + key + "'");
    }
    Map<String, String> copy = new LinkedHashMap<>(s.env);
    copy.put(key, value);
    Map<String, String> env = Collections.unmodifiableMap(copy);
    return with(c -> c.env = env);
  }

  /** The guest's standard input. */
  public InputStream stdin() {
    return s.stdin;
  }

  /** A copy whose guest reads standard input (fd 0) from {@code stdin}. */
  public ModuleConfig withStdin(InputStream stdin) {
    Objects.requireNonNull(stdin, "stdin");
    return with(c -> c.stdin = stdin);
  }

  /** The guest's standard output. */
  public OutputStream stdout() {
    return s.stdout;
  }

  /** A copy whose guest writes standard output (fd 1) to {@code stdout}. */
  public ModuleConfig withStdout(OutputStream stdout) {
    Objects.requireNonNull(stdout, "stdout");
    return with(c -> c.stdout = stdout);
  }

  /** The guest's standard error. */
  public OutputStream stderr() {
    return s.stderr;
  }

  /** A copy whose guest writes standard error (fd 2, and Go's panic messages) to {@code stderr}. */
  public ModuleConfig withStderr(OutputStream stderr) {
    Objects.requireNonNull(stderr, "stderr");
    return with(c -> c.stderr = stderr);
  }

  /** The mounted directories. */
  public FsConfig fsConfig() {
    return s.fsConfig;
  }

  /** A copy with these mounted directories. */
  public ModuleConfig withFsConfig(FsConfig fsConfig) {
    Objects.requireNonNull(fsConfig, "fsConfig");
    return with(c -> c.fsConfig = fsConfig);
  }

  /** The wall clock, in nanoseconds since the epoch. */
  public LongSupplier walltime() {
    return s.walltime;
  }

  /** The wall clock's resolution in nanoseconds. */
  public long walltimeResolution() {
    return s.walltimeResolution;
  }

  /**
   * A copy whose wall clock ({@code CLOCK_REALTIME}) reads {@code nanosSinceEpoch}.
   *
   * @param nanosSinceEpoch nanoseconds since 1970-01-01T00:00:00Z
   * @param resolutionNanos what the guest is told the resolution is, at least 1
   */
  public ModuleConfig withWalltime(LongSupplier nanosSinceEpoch, long resolutionNanos) {
    Objects.requireNonNull(nanosSinceEpoch, "nanosSinceEpoch");
    checkResolution(resolutionNanos);
    return with(
        c -> {
          c.walltime = nanosSinceEpoch;
          c.walltimeResolution = resolutionNanos;
        });
  }

  /** The monotonic clock, in nanoseconds. */
  public LongSupplier nanotime() {
    return s.nanotime;
  }

  /** The monotonic clock's resolution in nanoseconds. */
  public long nanotimeResolution() {
    return s.nanotimeResolution;
  }

  /**
   * A copy whose monotonic clock ({@code CLOCK_MONOTONIC}, also used for the CPU-time clocks)
   * reads {@code nanos}.
   *
   * @param nanos a monotonic nanosecond counter with an arbitrary origin
   * @param resolutionNanos what the guest is told the resolution is, at least 1
   */
  public ModuleConfig withNanotime(LongSupplier nanos, long resolutionNanos) {
    Objects.requireNonNull(nanos, "nanos");
    checkResolution(resolutionNanos);
    return with(
        c -> {
          c.nanotime = nanos;
          c.nanotimeResolution = resolutionNanos;
        });
  }

  /** The random source (WASI {@code random_get}, Go's {@code crypto/rand}). */
  public Random randSource() {
    return s.randSource != null ? s.randSource : DefaultRandom.INSTANCE;
  }

  /**
   * The default random source, one {@link SecureRandom} for all modules (it is thread-safe), made
   * on first use: creating it starts the JDK's security providers, about 10 ms in a fresh JVM that
   * a module never drawing random bytes should not pay.
   */
  private static final class DefaultRandom {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  /** A copy whose guest draws random bytes from {@code random}. */
  public ModuleConfig withRandSource(Random random) {
    Objects.requireNonNull(random, "random");
    return with(c -> c.randSource = random);
  }

  private static void checkResolution(long resolution) {
    if (resolution < 1) {
      throw new IllegalArgumentException("clock resolution must be >= 1 ns, got " + resolution);
    }
  }

  /** Equal when every setting is equal (streams, clocks and random sources by identity). */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ModuleConfig)) {
      return false;
    }
    Settings t = ((ModuleConfig) o).s;
    return Objects.equals(s.name, t.name)
        && s.startFunctions.equals(t.startFunctions)
        && Objects.equals(s.functionListenerFactory, t.functionListenerFactory)
        && s.callTimeout.equals(t.callTimeout)
        && s.args.equals(t.args)
        && s.env.equals(t.env)
        && s.stdin == t.stdin
        && s.stdout == t.stdout
        && s.stderr == t.stderr
        && s.fsConfig.mounts().equals(t.fsConfig.mounts())
        && s.walltime == t.walltime
        && s.walltimeResolution == t.walltimeResolution
        && s.nanotime == t.nanotime
        && s.nanotimeResolution == t.nanotimeResolution
        && s.randSource == t.randSource;
  }

  @Override
  public int hashCode() {
    return Objects.hash(s.name, s.startFunctions, s.callTimeout, s.args, s.env);
  }

  @Override
  public String toString() {
    return "ModuleConfig{name="
        + s.name
        + ", startFunctions="
        + s.startFunctions
        + (s.functionListenerFactory != null ? ", listening" : "")
        + (s.callTimeout.isZero() ? "" : ", callTimeout=" + s.callTimeout)
        + (s.args.isEmpty() ? "" : ", args=" + s.args)
        + (s.env.isEmpty() ? "" : ", env=" + s.env.keySet())
        + (s.fsConfig.mounts().isEmpty() ? "" : ", mounts=" + s.fsConfig.mounts())
        + "}";
  }

  /** The mutable holder behind a configuration (see {@link ModuleConfig#s}). */
  private static final class Settings implements Cloneable {
    String name;
    List<String> startFunctions;
    FunctionListenerFactory functionListenerFactory;
    Duration callTimeout;
    List<String> args;
    Map<String, String> env;
    InputStream stdin;
    OutputStream stdout;
    OutputStream stderr;
    FsConfig fsConfig;
    LongSupplier walltime;
    long walltimeResolution;
    LongSupplier nanotime;
    long nanotimeResolution;
    /** Null: the shared default ({@link DefaultRandom}). */
    Random randSource;

    static Settings defaults() {
      Settings d = new Settings();
      d.startFunctions = List.of("_start");
      d.callTimeout = Duration.ZERO;
      d.args = List.of();
      d.env = Map.of();
      d.stdin = InputStream.nullInputStream();
      d.stdout = OutputStream.nullOutputStream();
      d.stderr = OutputStream.nullOutputStream();
      d.fsConfig = FsConfig.create();
      d.walltime = ModuleConfig::systemWalltime;
      d.walltimeResolution = 1000;
      d.nanotime = System::nanoTime;
      d.nanotimeResolution = 1;
      return d;
    }

    /** A shallow copy: every field is itself immutable or shared on purpose (streams, clocks). */
    Settings copy() {
      try {
        return (Settings) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
