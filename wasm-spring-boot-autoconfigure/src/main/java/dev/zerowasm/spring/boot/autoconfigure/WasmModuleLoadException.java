package dev.zerowasm.spring.boot.autoconfigure;

/**
 * A guest module that could not be loaded at startup: its file is missing or unreadable, it is not
 * a valid module, or it cannot be instantiated (an unknown import, a trapping start function). The
 * message names the module, its location and the cause.
 */
public class WasmModuleLoadException extends WasmConfigurationException {

  private final String moduleName;
  private final String location;

  /**
   * A failure to load module {@code moduleName} from {@code location}; {@code origin} is the
   * configuration key of the location, or null for a module registered in code.
   */
  public WasmModuleLoadException(
      String moduleName, String location, String origin, String reason, Throwable cause) {
    super(
        "Wasm module \""
            + moduleName
            + "\" ("
            + (origin == null ? "location" : origin)
            + " = "
            + location
            + ") "
            + reason,
        origin,
        "Check the module's location and binary, and that every module it imports is provided"
            + " before it (see WasmRuntimeInitializer).",
        cause);
    this.moduleName = moduleName;
    this.location = location;
  }

  /** The name of the module that failed. */
  public String getModuleName() {
    return moduleName;
  }

  /** A description of where the module was read from. */
  public String getLocation() {
    return location;
  }
}
