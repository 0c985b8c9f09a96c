package dev.zerowasm.gojs;

import java.net.http.HttpClient;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a Go {@code GOOS=js} program sees of its host beyond the {@link dev.zerowasm.ModuleConfig}
 * it runs with (arguments, environment, standard streams, mounts, clocks and random source come
 * from there): the working directory, the local time zone, and whether {@code fetch} (for {@code
 * net/http}) reaches the network.
 *
 * <p>The defaults are closed: the working directory is the host's when a mount contains it, else
 * {@code /}; the time zone is UTC; there is no {@code fetch}.
 *
 * <p>Immutable: every {@code withX} method returns a new copy.
 */
public final class GoJsConfig {
  private static final GoJsConfig DEFAULT = new GoJsConfig(null, ZoneOffset.UTC, false, null);

  private final String workingDirectory;
  private final ZoneId timeZone;
  private final boolean fetchEnabled;
  private final HttpClient httpClient;

  private GoJsConfig(
      String workingDirectory, ZoneId timeZone, boolean fetchEnabled, HttpClient httpClient) {
    this.workingDirectory = workingDirectory;
    this.timeZone = timeZone;
    this.fetchEnabled = fetchEnabled;
    this.httpClient = httpClient;
  }

  /** The default configuration (see the class comment). */
  public static GoJsConfig create() {
    return DEFAULT;
  }

  /**
   * Returns a copy whose program starts in guest directory {@code path} (absolute). By default it
   * starts in the host working directory when a mount contains it, else in {@code /}.
   *
   * @throws IllegalArgumentException if {@code path} is not absolute
   */
  public GoJsConfig withWorkingDirectory(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("working directory must be absolute: '" + path + "'");
    }
    return new GoJsConfig(path, timeZone, fetchEnabled, httpClient);
  }

  /** Returns a copy whose local time zone (Go's {@code time.Local}) is {@code zone}. */
  public GoJsConfig withTimeZone(ZoneId zone) {
    return new GoJsConfig(
        workingDirectory, Objects.requireNonNull(zone, "zone"), fetchEnabled, httpClient);
  }

  /**
   * Returns a copy in which {@code fetch} exists (so {@code net/http} clients work) when {@code
   * enabled}, sending requests with a default {@link HttpClient}.
   */
  public GoJsConfig withFetchEnabled(boolean enabled) {
    return new GoJsConfig(workingDirectory, timeZone, enabled, httpClient);
  }

  /** Returns a copy in which {@code fetch} exists and sends requests with {@code client}. */
  public GoJsConfig withHttpClient(HttpClient client) {
    return new GoJsConfig(
        workingDirectory, timeZone, true, Objects.requireNonNull(client, "client"));
  }

  /** The initial working directory, or null for the default. */
  public String workingDirectory() {
    return workingDirectory;
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
