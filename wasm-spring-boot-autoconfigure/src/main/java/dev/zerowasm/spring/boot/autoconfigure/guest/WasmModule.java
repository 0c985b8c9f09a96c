package dev.zerowasm.spring.boot.autoconfigure.guest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as the Java face of a guest module: the application gets a bean implementing
 * it whose methods call the module's exports (see {@link WasmFunction} for the mapping). Interfaces
 * in the application's packages are found by scanning; others are listed with {@link
 * ImportWasmModules}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WasmModule {

  /** The module's name in the registry, i.e. the {@code <name>} of {@code wasm.modules.<name>}. */
  String value();
}
