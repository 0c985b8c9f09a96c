package dev.zerowasm.internal.wasm;

import java.util.Map;

/**
 * The contents of the "name" custom section: the module name, function names and local names. Any
 * part may be absent (null module name, empty maps).
 */
public record NameSection(
    String moduleName, Map<Integer, String> functionNames, Map<Integer, Map<Integer, String>> localNames) {
  /** A name section with nothing in it. */
  public static final NameSection EMPTY = new NameSection(null, Map.of(), Map.of());
}
