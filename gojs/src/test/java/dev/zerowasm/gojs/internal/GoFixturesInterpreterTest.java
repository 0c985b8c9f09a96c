package dev.zerowasm.gojs.internal;

import dev.zerowasm.RuntimeConfig;

/** The Go fixtures on the interpreter. */
class GoFixturesInterpreterTest extends GoFixtures {
  @Override
  RuntimeConfig runtimeConfig() {
    return RuntimeConfig.interpreter();
  }
}
