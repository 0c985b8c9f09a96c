package dev.zerowasm.spring.boot.autoconfigure.testguests;

import dev.zerowasm.spring.boot.autoconfigure.guest.ImportWasmModules;
import org.springframework.context.annotation.Configuration;

/** Test configurations listing guest interfaces with {@link ImportWasmModules}. */
public final class GreeterImports {

  private GreeterImports() {}

  /** Imports {@link Greeter}. */
  @Configuration(proxyBeanMethods = false)
  @ImportWasmModules(Greeter.class)
  public static class Good {}

  /** Imports {@link WrongSignature}. */
  @Configuration(proxyBeanMethods = false)
  @ImportWasmModules(WrongSignature.class)
  public static class Wrong {}

  /** Imports {@link MissingExport}. */
  @Configuration(proxyBeanMethods = false)
  @ImportWasmModules(MissingExport.class)
  public static class Missing {}

  /** Imports {@link UnknownModule}. */
  @Configuration(proxyBeanMethods = false)
  @ImportWasmModules(UnknownModule.class)
  public static class Unknown {}
}
