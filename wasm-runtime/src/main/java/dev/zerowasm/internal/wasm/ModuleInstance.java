package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.Function;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Global;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An instantiated module: the run-time state that its code reads and writes. Engines read the
 * public arrays directly; each is indexed by the index space of its kind (imports first).
 *
 * <p>It is also the {@link Module} handed to users: exports are looked up by name in the module's
 * export section, and exported functions are wrapped in {@link ExportedFunction}s that check their
 * arguments and the module's lifecycle.
 */
public class ModuleInstance implements Module {
  /** The decoded module this is an instance of. */
  public final WasmModule module;

  /** The store (runtime) this instance lives in. */
  public final Store store;

  /** One definition per function in the function index space. */
  public final FunctionDefinition[] definitions;

  /** Every function in the function index space: imports, then the module's own. */
  public FunctionInstance[] functions;

  /** Every table in the table index space. */
  public TableInstance[] tables;

  /** Every memory in the memory index space. */
  public MemoryInstance[] memories;

  /** Every global in the global index space. */
  public GlobalInstance[] globals;

  /**
   * The contents of each data segment, for {@code memory.init}; a dropped segment (by {@code
   * data.drop}, or an active one after instantiation) is an empty array.
   */
  public byte[][] dataSegments;

  /**
   * The references of each element segment, for {@code table.init}; a dropped segment (by {@code
   * elem.drop}, or an active or declarative one after instantiation) is an empty array.
   */
  public long[][] elementSegments;

  /**
   * Set once the module is closed. Engines may poll it to stop a long-running call; {@link
   * ExportedFunction} refuses new calls.
   */
  public volatile boolean closed;

  /**
   * Set (before closing the module) when a call ran past {@link #callTimeoutNanos}, so the trap
   * can say why the module was closed.
   */
  public volatile boolean deadlineExceeded;

  /**
   * The most nanoseconds one call from the host may run before the module is closed, or 0 for no
   * limit; set at instantiation from {@code ModuleConfig.withCallTimeout}.
   */
  public long callTimeoutNanos;

  /**
   * The {@code dev.zerowasm.ModuleConfig} the instance was created with, read by host modules
   * through {@code ModuleConfig.of(Module)}; {@code null} for host modules. Typed {@code Object} so
   * that the internal tree does not depend on the public configuration classes.
   */
  public Object config;

  /** Nesting of calls from the host (host -> guest -> host -> guest...); used by the deadline. */
  int hostCallDepth;

  private final String name;
  private final Map<String, Export> exports;
  private final Map<String, Function> exportedFunctions = new ConcurrentHashMap<>();
  private volatile int exitCode;
  private volatile boolean exitCodeSet;

  /** Creates an anonymous instance whose arrays are filled in by instantiation. */
  public ModuleInstance(WasmModule module, Store store, FunctionDefinition[] definitions) {
    this(module, store, definitions, "");
  }

  /**
   * Creates an instance named {@code name} ("" for anonymous) whose arrays are filled in by
   * instantiation.
   */
  public ModuleInstance(
      WasmModule module, Store store, FunctionDefinition[] definitions, String name) {
    this.module = module;
    this.store = store;
    this.definitions = definitions;
    this.name = name;
    Map<String, Export> byName = new HashMap<>();
    for (Export export : module.exports) {
      byName.putIfAbsent(export.name(), export);
    }
    this.exports = byName;
  }

  @Override
  public String name() {
    return name;
  }

  /** The export named {@code name}, or null. */
  public Export export(String name) {
    return exports.get(name);
  }

  @Override
  public Function exportedFunction(String name) {
    Function cached = exportedFunctions.get(name);
    if (cached != null) {
      return cached;
    }
    Export export = exports.get(name);
    if (export == null || export.kind() != ExternKind.FUNCTION) {
      return null;
    }
    FunctionInstance f = functions[export.index()];
    // The definition as this module sees the function: for a re-exported import it names the
    // import, and its export names are this module's.
    FunctionDefinition definition =
        export.index() < definitions.length ? definitions[export.index()] : f.definition();
    Function wrapper = new ExportedFunction(this, f, definition);
    exportedFunctions.putIfAbsent(name, wrapper);
    return wrapper;
  }

  @Override
  public Global exportedGlobal(String name) {
    Export export = exports.get(name);
    return export == null || export.kind() != ExternKind.GLOBAL ? null : globals[export.index()];
  }

  @Override
  public Memory exportedMemory(String name) {
    Export export = exports.get(name);
    return export == null || export.kind() != ExternKind.MEMORY ? null : memories[export.index()];
  }

  @Override
  public Table exportedTable(String name) {
    Export export = exports.get(name);
    return export == null || export.kind() != ExternKind.TABLE ? null : tables[export.index()];
  }

  @Override
  public Memory memory() {
    return memories != null && memories.length > 0 ? memories[0] : null;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** The exit code given to {@link #closeWithExitCode}, if the module was closed that way. */
  public OptionalInt exitCode() {
    return exitCodeSet ? OptionalInt.of(exitCode) : OptionalInt.empty();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    store.remove(this);
    // Only the module's own functions: imported ones belong to (and are released by) their owner.
    if (functions != null) {
      int imported = module.importedFunctionCount;
      for (int i = 0; i < functions.length; i++) {
        // Host functions imported by this instance are bound to it, so they are its own too.
        boolean own =
            i >= imported
                || (functions[i] instanceof HostFunctionInstance.Bound
                    && ((HostFunctionInstance.Bound) functions[i]).caller == this);
        if (own && functions[i] != null) {
          store.references.release(functions[i]);
        }
      }
    }
  }

  @Override
  public void closeWithExitCode(int exitCode) {
    synchronized (this) {
      if (closed) {
        return;
      }
      this.exitCode = exitCode;
      this.exitCodeSet = true;
    }
    close();
  }

  /** E.g. {@code module "math"} or {@code anonymous module}. */
  @Override
  public String toString() {
    return name.isEmpty() ? "anonymous module" : "module \"" + name + "\"";
  }
}
