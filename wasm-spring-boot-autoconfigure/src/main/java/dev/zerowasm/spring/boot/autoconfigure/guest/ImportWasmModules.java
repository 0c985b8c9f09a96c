package dev.zerowasm.spring.boot.autoconfigure.guest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Registers the listed {@link WasmModule} interfaces as beans, for interfaces outside the packages
 * the application's auto-configuration scans (for example in a library).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(ImportWasmModulesRegistrar.class)
public @interface ImportWasmModules {

  /** The guest interfaces, each annotated with {@link WasmModule}. */
  Class<?>[] value();
}
