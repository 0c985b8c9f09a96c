package dev.zerowasm;

/** {@link HostModuleTest} with the compiler engine. */
class HostModuleCompilerTest extends HostModuleTest {
  @Override
  RuntimeConfig config() {
    return RuntimeConfig.compiler();
  }
}
