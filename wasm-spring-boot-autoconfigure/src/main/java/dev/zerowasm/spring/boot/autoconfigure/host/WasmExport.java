package dev.zerowasm.spring.boot.autoconfigure.host;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exports a method of a {@link WasmHostModule} bean as a host function. Parameters may be {@code
 * int}, {@code long}, {@code float}, {@code double} (i32, i64, f32, f64), optionally preceded by a
 * {@link dev.zerowasm.api.Module} that receives the calling guest (to reach its memory); the result
 * is {@code void} or one of those four. The runtime adapts the method once into a method handle.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WasmExport {

  /** The export name; empty means the method's name. */
  String value() default "";
}
