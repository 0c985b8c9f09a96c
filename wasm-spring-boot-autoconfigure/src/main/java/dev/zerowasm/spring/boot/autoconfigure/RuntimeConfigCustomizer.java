package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.RuntimeConfig;

/**
 * Callback beans that adjust the auto-configured {@link RuntimeConfig} after {@code wasm.runtime.*}
 * has been applied. {@code RuntimeConfig} is immutable, so a customizer returns the config to use.
 */
@FunctionalInterface
public interface RuntimeConfigCustomizer {

  /** Returns {@code config}, or a copy made with its {@code withX} methods. */
  RuntimeConfig customize(RuntimeConfig config);
}
