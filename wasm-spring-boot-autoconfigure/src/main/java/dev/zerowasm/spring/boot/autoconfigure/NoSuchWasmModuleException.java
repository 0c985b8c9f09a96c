package dev.zerowasm.spring.boot.autoconfigure;

/** Thrown when a {@link ModuleRegistry} is asked for a module it does not have. */
public class NoSuchWasmModuleException extends RuntimeException {

  private final String moduleName;

  /** A failure to find {@code moduleName}; the message lists {@code known} for the reader. */
  public NoSuchWasmModuleException(String moduleName, Iterable<String> known) {
    super(
        "No wasm module named \""
            + moduleName
            + "\" is registered (configure wasm.modules."
            + moduleName
            + ".location or register it with a WasmModuleRegistrar); registered modules: "
            + known);
    this.moduleName = moduleName;
  }

  /** The name that was asked for. */
  public String getModuleName() {
    return moduleName;
  }
}
