package dev.zerowasm.gojs.internal;

import dev.zerowasm.RuntimeConfig;

/** The Go fixtures on the compiler. */
class GoFixturesCompilerTest extends GoFixtures {
  @Override
  RuntimeConfig runtimeConfig() {
    return RuntimeConfig.compiler();
  }
}
