package dev.zerowasm.spring.boot.autoconfigure.host;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.aot.hint.annotation.Reflective;

/**
 * Exports a method of a {@link WasmHostModule} bean as a host function. Parameters may be {@code
 * int}, {@code long}, {@code float}, {@code double} (i32, i64, f32, f64), optionally preceded by a
 * {@link dev.zerowasm.api.Module} that receives the calling guest (to reach its memory); the result
 * is {@code void} or one of those four. The runtime adapts the method once into a method handle.
 * The annotation is {@link Reflective}, so Spring's AOT processing registers reflection hints for
 * the methods of host-module beans and they stay callable in a native image.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface WasmExport {

  /** The export name; empty means the method's name. */
  String value() default "";
}
