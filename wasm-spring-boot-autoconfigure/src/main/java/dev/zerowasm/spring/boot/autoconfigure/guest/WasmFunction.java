package dev.zerowasm.spring.boot.autoconfigure.guest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the export a method of a {@link WasmModule} interface calls; without it the method's own
 * name is used.
 *
 * <p>Types: {@code int}, {@code boolean} (i32, non-zero is true), {@code long} (i64), {@code float}
 * (f32), {@code double} (f64) map to one wasm value; a {@code String} (UTF-8) or {@code byte[]}
 * parameter becomes two i32 values (ptr, len) of a copy in guest memory made with the module's
 * allocate export and freed with its deallocate export after the call; a {@code String} or {@code
 * byte[]} result is read from either two i32 results (ptr, len) or one i64 result packed as {@code
 * ptr << 32 | len}, and then freed with deallocate. The export's type is checked at startup.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WasmFunction {

  /** The name of the exported function. */
  String value();
}
