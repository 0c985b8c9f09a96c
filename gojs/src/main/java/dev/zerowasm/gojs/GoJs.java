package dev.zerowasm.gojs;

import dev.zerowasm.api.ExitException;
import dev.zerowasm.gojs.internal.GoJsFunctions;
import dev.zerowasm.gojs.internal.GoJsHost;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Go programs built with {@code GOOS=js GOARCH=wasm}: the host side of Go's {@code
 * wasm_exec.js}, in Java.
 *
 * <p>Use: create a {@code GoJs} for one run, register every import of {@link #importNames()} under
 * module {@link #MODULE_GO} (Go 1.19, 1.20) or {@link #MODULE_GOJS} (Go 1.21+) as a host function
 * {@code (i32) -> ()} that forwards its argument to {@link #call(String, String, int)}, instantiate
 * the program without running a start function, and call {@link #run(GoGuest)} with {@link
 * GoGuest#of} the instance.
 *
 * <p><b>Pending:</b> the one-call form {@code GoJs.run(runtime, compiledModule, config)} that does
 * those steps needs the runtime's public host-module API ({@code HostModuleBuilder}), which does
 * not exist yet. It will be a thin layer: the test helper {@code GoRunner} already runs Go programs
 * through {@code Runtime} this way, building the host module with the runtime's internal {@code
 * HostModule}.
 */
public final class GoJs {
  /** The import module of Go 1.19 and 1.20. */
  public static final String MODULE_GO = GoJsFunctions.MODULE_GO;

  /** The import module of Go 1.21 and later. */
  public static final String MODULE_GOJS = GoJsFunctions.MODULE_GOJS;

  private final GoJsHost host;

  private GoJs(GoJsConfig config) {
    this.host = new GoJsHost(config);
  }

  /** A host for one run of one program with {@code config}. */
  public static GoJs create(GoJsConfig config) {
    return new GoJs(config);
  }

  /** The names of all functions a Go program may import (the same in both import modules). */
  public static List<String> importNames() {
    List<String> names = new ArrayList<>();
    for (GoJsFunctions.Function f : GoJsFunctions.all()) {
      names.add(f.name());
    }
    return names;
  }

  /**
   * The body of the host function for import {@code name}: {@code arg} is its single i32
   * WebAssembly parameter. Call only while {@link #run} is running.
   */
  public void call(String name, int arg) {
    host.call(name, arg);
  }

  /**
   * The body of the host function for import {@code name} of import module {@code module} ({@link
   * #MODULE_GO} or {@link #MODULE_GOJS}).
   */
  public void call(String module, String name, int arg) {
    host.call(module, name, arg);
  }

  /**
   * Runs the program to completion, including its event loop of timeouts and callbacks.
   *
   * @throws ExitException if the program exits with a non-zero code (a Go panic exits with 2)
   */
  public void run(GoGuest guest) {
    int code = host.run(guest);
    if (code != 0) {
      throw new ExitException(code);
    }
  }
}
