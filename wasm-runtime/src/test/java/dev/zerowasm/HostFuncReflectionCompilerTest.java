package dev.zerowasm;

/** {@link HostFuncReflectionTest} with the compiler engine. */
class HostFuncReflectionCompilerTest extends HostFuncReflectionTest {
  @Override
  RuntimeConfig config() {
    return RuntimeConfig.compiler();
  }
}
