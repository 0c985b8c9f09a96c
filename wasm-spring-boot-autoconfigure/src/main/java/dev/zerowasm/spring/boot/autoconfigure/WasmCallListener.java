package dev.zerowasm.spring.boot.autoconfigure;

/**
 * Callback beans told about guest instantiations and calls; the Micrometer integration is one. The
 * methods run on the calling thread, so they must be quick and must not throw.
 */
public interface WasmCallListener {

  /** A new instance of {@code module} was created for its pool. */
  default void instantiated(String module) {}

  /** A guest-interface call to {@code function} of {@code module} ended after {@code nanos}. */
  default void called(String module, String function, WasmCallOutcome outcome, long nanos) {}
}
