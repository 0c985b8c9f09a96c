package dev.zerowasm.spring.boot.autoconfigure.host;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean as (part of) a host module: its {@link WasmExport} methods become host
 * functions that guest modules import from the module named here. The host modules are instantiated
 * before any guest module, so guests link against them at startup. Several beans may contribute to
 * one module name as long as their export names differ.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WasmHostModule {

  /** The module name guests import from, e.g. {@code "env"}. */
  String value();
}
