package dev.zerowasm.experimental;

import dev.zerowasm.api.FunctionDefinition;

/**
 * Creates the {@link FunctionListener}s of a module instance. Configure it for every module of a
 * runtime with {@code RuntimeConfig.withFunctionListenerFactory} or for one instantiation with
 * {@code ModuleConfig.withFunctionListenerFactory} (which wins).
 *
 * <p>It is asked once per function of each instance, at instantiation: for each own function and
 * each imported one (whose definition is that of the imported function, e.g. a host function).
 * Returning {@code null} leaves that function unobserved. When a factory is configured, the engine
 * compiles a variant of the code in which every call goes through the listened functions, so
 * listening slows calls; without a factory nothing changes.
 */
@FunctionalInterface
public interface FunctionListenerFactory {
  /**
   * The listener for {@code definition} in the instance named {@code moduleName} ("" if
   * anonymous), or {@code null} for none.
   */
  FunctionListener newListener(String moduleName, FunctionDefinition definition);
}
