package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.WasmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run-time state shared by all modules of one runtime: the function reference handles and the
 * namespace of named module instances that imports resolve against.
 *
 * <p>Thread-safe. A name is first <em>reserved</em> while its module instantiates, so two
 * instantiations cannot claim the same name, and <em>registered</em> only once instantiation has
 * succeeded, so a failed instantiation leaves nothing behind.
 */
public class Store {
  /** The funcref handles of this store's functions. */
  public final FunctionReferences references = new FunctionReferences();

  /** Named instances that imports resolve against; a module may appear under several names. */
  private final Map<String, ModuleInstance> namespace = new HashMap<>();

  /** Names of modules being instantiated. */
  private final Set<String> reserved = new HashSet<>();

  /** Every open instance, named or not, so closing the store closes them all. */
  private final Map<ModuleInstance, Boolean> instances = new IdentityHashMap<>();

  private boolean closed;

  /** The instance registered under {@code name}, or null. */
  public synchronized ModuleInstance lookup(String name) {
    return namespace.get(name);
  }

  /**
   * Reserves {@code name} for a module about to be instantiated. The empty name (an anonymous
   * module) needs no reservation and may be used by any number of modules.
   *
   * @throws WasmException if a module of that name exists or is being instantiated
   * @throws IllegalStateException if the store is closed
   */
  public synchronized void reserve(String name) {
    checkOpen();
    if (name.isEmpty()) {
      return;
    }
    if (namespace.containsKey(name) || reserved.contains(name)) {
      throw new WasmException("a module named \"" + name + "\" has already been instantiated");
    }
    reserved.add(name);
  }

  /** Gives up a reservation made by {@link #reserve} because instantiation failed. */
  public synchronized void unreserve(String name) {
    reserved.remove(name);
  }

  /**
   * Adds a successfully instantiated module: registers it under its (reserved) name, if any, and
   * tracks it so that {@link #close()} closes it.
   *
   * @throws IllegalStateException if the store was closed meanwhile
   */
  public synchronized void add(ModuleInstance instance) {
    String name = instance.name();
    reserved.remove(name);
    checkOpen();
    if (!name.isEmpty()) {
      namespace.put(name, instance);
    }
    instances.put(instance, Boolean.TRUE);
  }

  /**
   * Makes the exports of {@code instance} importable under the module name {@code name} as well,
   * replacing whatever was registered under that name. This is the spec test script's {@code
   * register} command; the instance's own name is unchanged.
   */
  public synchronized void register(String name, ModuleInstance instance) {
    checkOpen();
    namespace.put(name, instance);
    instances.put(instance, Boolean.TRUE);
  }

  /** Removes {@code instance} from the namespace under all its names (it is closing). */
  synchronized void remove(ModuleInstance instance) {
    namespace.values().removeIf(i -> i == instance);
    instances.remove(instance);
  }

  /** Whether {@link #close()} has been called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** Closes every instance of this store; later reservations and registrations fail. */
  public void close() {
    List<ModuleInstance> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(instances.keySet());
    }
    for (ModuleInstance instance : toClose) {
      instance.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the runtime is closed");
    }
  }
}
