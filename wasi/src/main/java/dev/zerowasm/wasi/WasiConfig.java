package dev.zerowasm.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Everything a WASI guest sees of its host: arguments, environment, standard streams, mounted
 * directories, clocks and the random source.
 *
 * <p>The defaults are safe and closed: no arguments, an empty environment (nothing inherited from
 * the JVM), an empty stdin, stdout and stderr discarded, no file system, the system clocks and a
 * {@link SecureRandom}. Clocks and random can be replaced for deterministic tests.
 *
 * <p>Immutable: every {@code withX} method returns a new copy.
 */
public final class WasiConfig {
  private final List<String> args;
  private final Map<String, String> env;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final FsConfig fsConfig;
  private final LongSupplier walltime;
  private final long walltimeResolution;
  private final LongSupplier nanotime;
  private final long nanotimeResolution;
  private final Random randSource;

  private WasiConfig(
      List<String> args,
      Map<String, String> env,
      InputStream stdin,
      OutputStream stdout,
      OutputStream stderr,
      FsConfig fsConfig,
      LongSupplier walltime,
      long walltimeResolution,
      LongSupplier nanotime,
      long nanotimeResolution,
      Random randSource) {
    this.args = args;
    this.env = env;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.fsConfig = fsConfig;
    this.walltime = walltime;
    this.walltimeResolution = walltimeResolution;
    this.nanotime = nanotime;
    this.nanotimeResolution = nanotimeResolution;
    this.randSource = randSource;
  }

  /** The default configuration (see the class comment). */
  public static WasiConfig create() {
    return new WasiConfig(
        List.of(),
        Map.of(),
        InputStream.nullInputStream(),
        OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream(),
        FsConfig.create(),
        WasiConfig::systemWalltime,
        1000,
        System::nanoTime,
        1,
        new SecureRandom());
  }

  private static long systemWalltime() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * Returns a copy with these arguments. As in a process, {@code args[0]} is by convention the
   * program name: pass it first.
   */
  public WasiConfig withArgs(String... args) {
    List<String> copy = List.of(args);
    return new WasiConfig(
        copy,
        env,
        stdin,
        stdout,
        stderr,
        fsConfig,
        walltime,
        walltimeResolution,
        nanotime,
        nanotimeResolution,
        randSource);
  }

  /** Returns a copy whose environment also holds {@code key=value} (replacing an earlier key). */
  public WasiConfig withEnv(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid environment variable name: '" + key + "'");
    }
    Map<String, String> copy = new LinkedHashMap<>(env);
    copy.put(key, value);
    return new WasiConfig(
        args,
        Collections.unmodifiableMap(copy),
        stdin,
        stdout,
        stderr,
        fsConfig,
        walltime,
        walltimeResolution,
        nanotime,
        nanotimeResolution,
        randSource);
  }

  /** Returns a copy whose guest reads stdin (fd 0) from {@code stdin}. */
  public WasiConfig withStdin(InputStream stdin) {
    return new WasiConfig(
        args,
        env,
        Objects.requireNonNull(stdin, "stdin"),
        stdout,
        stderr,
        fsConfig,
        walltime,
        walltimeResolution,
        nanotime,
        nanotimeResolution,
        randSource);
  }

  /** Returns a copy whose guest writes stdout (fd 1) to {@code stdout}. */
  public WasiConfig withStdout(OutputStream stdout) {
    return new WasiConfig(
        args,
        env,
        stdin,
        Objects.requireNonNull(stdout, "stdout"),
        stderr,
        fsConfig,
        walltime,
        walltimeResolution,
        nanotime,
        nanotimeResolution,
        randSource);
  }

  /** Returns a copy whose guest writes stderr (fd 2) to {@code stderr}. */
  public WasiConfig withStderr(OutputStream stderr) {
    return new WasiConfig(
        args,
        env,
        stdin,
        stdout,
        Objects.requireNonNull(stderr, "stderr"),
        fsConfig,
        walltime,
        walltimeResolution,
        nanotime,
        nanotimeResolution,
        randSource);
  }

  /** Returns a copy with these mounted directories. */
  public WasiConfig withFsConfig(FsConfig fsConfig) {
    return new WasiConfig(
        args,
        env,
        stdin,
        stdout,
        stderr,
        Objects.requireNonNull(fsConfig, "fsConfig"),
        walltime,
        walltimeResolution,
        nanotime,
        nanotimeResolution,
        randSource);
  }

  /**
   * Returns a copy whose wall clock ({@code CLOCK_REALTIME}) reads {@code nanosSinceEpoch}.
   *
   * @param nanosSinceEpoch nanoseconds since 1970-01-01T00:00:00Z
   * @param resolutionNanos what {@code clock_res_get} reports, at least 1
   */
  public WasiConfig withWalltime(LongSupplier nanosSinceEpoch, long resolutionNanos) {
    return new WasiConfig(
        args,
        env,
        stdin,
        stdout,
        stderr,
        fsConfig,
        Objects.requireNonNull(nanosSinceEpoch, "nanosSinceEpoch"),
        positive(resolutionNanos),
        nanotime,
        nanotimeResolution,
        randSource);
  }

  /**
   * Returns a copy whose monotonic clock ({@code CLOCK_MONOTONIC}, also used for the CPU-time
   * clocks) reads {@code nanos}.
   *
   * @param nanos a monotonic nanosecond counter with an arbitrary origin
   * @param resolutionNanos what {@code clock_res_get} reports, at least 1
   */
  public WasiConfig withNanotime(LongSupplier nanos, long resolutionNanos) {
    return new WasiConfig(
        args,
        env,
        stdin,
        stdout,
        stderr,
        fsConfig,
        walltime,
        walltimeResolution,
        Objects.requireNonNull(nanos, "nanos"),
        positive(resolutionNanos),
        randSource);
  }

  /** Returns a copy whose {@code random_get} draws from {@code random}. */
  public WasiConfig withRandSource(Random random) {
    return new WasiConfig(
        args,
        env,
        stdin,
        stdout,
        stderr,
        fsConfig,
        walltime,
        walltimeResolution,
        nanotime,
        nanotimeResolution,
        Objects.requireNonNull(random, "random"));
  }

  private static long positive(long resolution) {
    if (resolution < 1) {
      throw new IllegalArgumentException("clock resolution must be >= 1 ns, got " + resolution);
    }
    return resolution;
  }

  /** The arguments, {@code args[0]} first. */
  public List<String> args() {
    return args;
  }

  /** The environment, in insertion order. */
  public Map<String, String> env() {
    return env;
  }

  /** The guest's stdin. */
  public InputStream stdin() {
    return stdin;
  }

  /** The guest's stdout. */
  public OutputStream stdout() {
    return stdout;
  }

  /** The guest's stderr. */
  public OutputStream stderr() {
    return stderr;
  }

  /** The mounted directories. */
  public FsConfig fsConfig() {
    return fsConfig;
  }

  /** The wall clock, in nanoseconds since the epoch. */
  public LongSupplier walltime() {
    return walltime;
  }

  /** The wall clock's resolution in nanoseconds. */
  public long walltimeResolution() {
    return walltimeResolution;
  }

  /** The monotonic clock, in nanoseconds. */
  public LongSupplier nanotime() {
    return nanotime;
  }

  /** The monotonic clock's resolution in nanoseconds. */
  public long nanotimeResolution() {
    return nanotimeResolution;
  }

  /** The random source of {@code random_get}. */
  public Random randSource() {
    return randSource;
  }
}
