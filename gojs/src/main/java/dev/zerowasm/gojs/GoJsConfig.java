package dev.zerowasm.gojs;

import dev.zerowasm.wasi.FsConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Everything a Go {@code GOOS=js} program sees of its host: arguments, environment, standard
 * streams, mounted directories and working directory, clocks, time zone, random source, and whether
 * {@code fetch} (for {@code net/http}) reaches the network.
 *
 * <p>The defaults are closed: arguments {@code ["js"]} (as {@code wasm_exec.js}), an empty
 * environment, empty stdin, stdout and stderr discarded, no file system (an empty read-only root),
 * UTC, the system clocks, a {@link SecureRandom}, and no {@code fetch}.
 *
 * <p>Immutable: every {@code withX} method returns a new copy.
 */
public final class GoJsConfig {
  private List<String> args = List.of("js");
  private Map<String, String> env = Map.of();
  private InputStream stdin = InputStream.nullInputStream();
  private OutputStream stdout = OutputStream.nullOutputStream();
  private OutputStream stderr = OutputStream.nullOutputStream();
  private FsConfig fsConfig = FsConfig.create();
  private String workingDirectory;
  private LongSupplier walltime = GoJsConfig::systemWalltime;
  private LongSupplier nanotime = System::nanoTime;
  private Random randSource = new SecureRandom();
  private ZoneId timeZone = ZoneOffset.UTC;
  private HttpClient httpClient;
  private boolean fetchEnabled;

  private GoJsConfig() {}

  /** The default configuration (see the class comment). */
  public static GoJsConfig create() {
    return new GoJsConfig();
  }

  private static long systemWalltime() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private GoJsConfig copy() {
    GoJsConfig c = new GoJsConfig();
    c.args = args;
    c.env = env;
    c.stdin = stdin;
    c.stdout = stdout;
    c.stderr = stderr;
    c.fsConfig = fsConfig;
    c.workingDirectory = workingDirectory;
    c.walltime = walltime;
    c.nanotime = nanotime;
    c.randSource = randSource;
    c.timeZone = timeZone;
    c.httpClient = httpClient;
    c.fetchEnabled = fetchEnabled;
    return c;
  }

  /** Returns a copy with these arguments; {@code args[0]} is by convention the program name. */
  public GoJsConfig withArgs(String... args) {
    GoJsConfig c = copy();
    c.args = List.of(args);
    return c;
  }

  /** Returns a copy whose environment also holds {@code key=value} (replacing an earlier key). */
  public GoJsConfig withEnv(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid environment variable name: '" + key + "'");
    }
    Map<String, String> copy = new LinkedHashMap<>(env);
    copy.put(key, value);
    GoJsConfig c = copy();
    c.env = Collections.unmodifiableMap(copy);
    return c;
  }

  /** Returns a copy reading standard input from {@code stdin}. */
  public GoJsConfig withStdin(InputStream stdin) {
    GoJsConfig c = copy();
    c.stdin = Objects.requireNonNull(stdin, "stdin");
    return c;
  }

  /** Returns a copy writing standard output to {@code stdout}. */
  public GoJsConfig withStdout(OutputStream stdout) {
    GoJsConfig c = copy();
    c.stdout = Objects.requireNonNull(stdout, "stdout");
    return c;
  }

  /** Returns a copy writing standard error (and Go's panic messages) to {@code stderr}. */
  public GoJsConfig withStderr(OutputStream stderr) {
    GoJsConfig c = copy();
    c.stderr = Objects.requireNonNull(stderr, "stderr");
    return c;
  }

  /**
   * Returns a copy with these mounts: each mount's guest path becomes an absolute path in the
   * program's single file namespace, with the same sandbox rules as WASI (no escape through {@code
   * ..} or symbolic links).
   */
  public GoJsConfig withFsConfig(FsConfig fsConfig) {
    GoJsConfig c = copy();
    c.fsConfig = Objects.requireNonNull(fsConfig, "fsConfig");
    return c;
  }

  /**
   * Returns a copy whose program starts in guest directory {@code path} (absolute). By default it
   * starts in the host working directory when a mount contains it, else in {@code /}.
   */
  public GoJsConfig withWorkingDirectory(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("working directory must be absolute: '" + path + "'");
    }
    GoJsConfig c = copy();
    c.workingDirectory = path;
    return c;
  }

  /** Returns a copy whose wall clock reads {@code nanosSinceEpoch}. */
  public GoJsConfig withWalltime(LongSupplier nanosSinceEpoch) {
    GoJsConfig c = copy();
    c.walltime = Objects.requireNonNull(nanosSinceEpoch, "walltime");
    return c;
  }

  /**
   * Returns a copy whose monotonic clock reads {@code nanos}. Timers (time.Sleep) still wait in
   * real time, as JavaScript's setTimeout does, so a clock that does not advance makes them fire
   * again and again.
   */
  public GoJsConfig withNanotime(LongSupplier nanos) {
    GoJsConfig c = copy();
    c.nanotime = Objects.requireNonNull(nanos, "nanotime");
    return c;
  }

  /** Returns a copy drawing random bytes (crypto/rand, runtime seeds) from {@code random}. */
  public GoJsConfig withRandSource(Random random) {
    GoJsConfig c = copy();
    c.randSource = Objects.requireNonNull(random, "random");
    return c;
  }

  /** Returns a copy whose local time zone (Go's {@code time.Local}) is {@code zone}. */
  public GoJsConfig withTimeZone(ZoneId zone) {
    GoJsConfig c = copy();
    c.timeZone = Objects.requireNonNull(zone, "zone");
    return c;
  }

  /**
   * Returns a copy in which {@code fetch} exists (so {@code net/http} clients work) when {@code
   * enabled}, sending requests with a default {@link HttpClient}.
   */
  public GoJsConfig withFetchEnabled(boolean enabled) {
    GoJsConfig c = copy();
    c.fetchEnabled = enabled;
    return c;
  }

  /** Returns a copy in which {@code fetch} exists and sends requests with {@code client}. */
  public GoJsConfig withHttpClient(HttpClient client) {
    GoJsConfig c = copy();
    c.httpClient = Objects.requireNonNull(client, "client");
    c.fetchEnabled = true;
    return c;
  }

  /** The arguments. */
  public List<String> args() {
    return args;
  }

  /** The environment, in insertion order. */
  public Map<String, String> env() {
    return env;
  }

  /** Standard input. */
  public InputStream stdin() {
    return stdin;
  }

  /** Standard output. */
  public OutputStream stdout() {
    return stdout;
  }

  /** Standard error. */
  public OutputStream stderr() {
    return stderr;
  }

  /** The mounts. */
  public FsConfig fsConfig() {
    return fsConfig;
  }

  /** The initial working directory, or null for the default. */
  public String workingDirectory() {
    return workingDirectory;
  }

  /** The wall clock, ns since the epoch. */
  public LongSupplier walltime() {
    return walltime;
  }

  /** The monotonic clock, ns. */
  public LongSupplier nanotime() {
    return nanotime;
  }

  /** The random source. */
  public Random randSource() {
    return randSource;
  }

  /** The local time zone. */
  public ZoneId timeZone() {
    return timeZone;
  }

  /** Whether {@code fetch} is available. */
  public boolean fetchEnabled() {
    return fetchEnabled;
  }

  /** The client for {@code fetch}, or null to use a default one. */
  public HttpClient httpClient() {
    return httpClient;
  }
}
