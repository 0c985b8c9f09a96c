package dev.zerowasm.experimental;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Which named scopes of host functions a {@link LoggingListenerFactory} logs, e.g. only the
 * {@code "filesystem"} and {@code "clock"} functions of WASI. A host module (such as WASI) describes
 * its functions with a {@link Classifier} naming each function's scope; the factory logs a function
 * of a classified module only if its scope is enabled here. Functions of modules without a
 * classifier, and guest functions, are not affected. Immutable.
 */
public final class LoggingScopes {
  /** Maps a host module's function names to scope names. */
  @FunctionalInterface
  public interface Classifier {
    /** The scope of function {@code functionName}, or {@code null} if it belongs to none. */
    String scopeOf(String functionName);
  }

  private static final LoggingScopes ALL = new LoggingScopes(null);
  private static final LoggingScopes NONE = new LoggingScopes(Set.of());

  /** The enabled scope names; null means all. */
  private final Set<String> enabled;

  private LoggingScopes(Set<String> enabled) {
    this.enabled = enabled;
  }

  /** Every scope (the default). */
  public static LoggingScopes all() {
    return ALL;
  }

  /** No scope: classified host modules log nothing. */
  public static LoggingScopes none() {
    return NONE;
  }

  /**
   * Only the given scopes.
   *
   * @throws NullPointerException if a name is null
   */
  public static LoggingScopes of(String... scopes) {
    Objects.requireNonNull(scopes, "scopes must not be null");
    return new LoggingScopes(Set.copyOf(Arrays.asList(scopes)));
  }

  /**
   * Whether functions of {@code scope} are logged; a function without a scope ({@code null}) is
   * logged only when every scope is enabled.
   */
  public boolean isEnabled(String scope) {
    return enabled == null || (scope != null && enabled.contains(scope));
  }

  @Override
  public String toString() {
    return enabled == null ? "LoggingScopes[all]" : "LoggingScopes" + new java.util.TreeSet<>(enabled);
  }
}
