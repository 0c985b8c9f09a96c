package dev.zerowasm.gojs;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.gojs.internal.GoJsFunctions;
import dev.zerowasm.gojs.internal.GoJsHost;
import dev.zerowasm.gojs.internal.SharedGoModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs Go programs built with {@code GOOS=js GOARCH=wasm}: the host side of Go's {@code
 * wasm_exec.js}, in Java.
 *
 * <pre>{@code
 * try (Runtime runtime = Runtime.create()) {
 *   CompiledModule program = runtime.compile(wasmBytes);
 *   GoJs.run(runtime, program, ModuleConfig.create().withArgs("prog", "x").withStdout(System.out));
 * }
 * }</pre>
 *
 * <p>What the program sees of its host (arguments, environment, standard streams, mounts, clocks,
 * random source) is the {@link ModuleConfig} it runs with, as for WASI; {@link GoJsConfig} adds
 * what only Go programs have (working directory, time zone, {@code fetch}).
 *
 * <p>{@link #run(Runtime, CompiledModule, ModuleConfig)} instantiates the program without a start
 * function, runs it to its end (including its event loop of timeouts and callbacks) and closes it.
 * The Go imports are a host module (named {@code go} for Go 1.19/1.20 binaries, {@code gojs} for
 * Go 1.21+, as the program imports) registered once per runtime and shared by every run: each call
 * reaches the state of its calling program, so one runtime runs many Go programs at once.
 *
 * <p>Embedders that instantiate the program themselves use the lower level: {@link
 * #create(ModuleConfig, GoJsConfig)}, a host function per name of {@link #importNames()} forwarding its argument
 * to {@link #call(String, String, int)}, then {@link #run(GoGuest)}.
 */
public final class GoJs {
  /** The import module of Go 1.19 and 1.20. */
  public static final String MODULE_GO = GoJsFunctions.MODULE_GO;

  /** The import module of Go 1.21 and later. */
  public static final String MODULE_GOJS = GoJsFunctions.MODULE_GOJS;

  private final GoJsHost host;

  private GoJs(ModuleConfig moduleConfig, GoJsConfig config) {
    this.host =
        new GoJsHost(
            Objects.requireNonNull(moduleConfig, "moduleConfig"),
            Objects.requireNonNull(config, "config"));
  }

  /** A host for one run of one program with {@code moduleConfig} and {@code config}. */
  public static GoJs create(ModuleConfig moduleConfig, GoJsConfig config) {
    return new GoJs(moduleConfig, config);
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

  /**
   * Runs the Go program {@code compiled} to completion on {@code runtime}: instantiates it
   * (anonymous, no start function), runs it, and closes it. The Go host module ({@code go} or
   * {@code gojs}, as the program imports) is registered in the runtime on the first run and shared
   * by all runs, so several programs may run at once on one runtime, each on its own thread.
   *
   * @throws ExitException if the program exits with a non-zero code (a Go panic exits with 2)
   * @throws IllegalArgumentException if {@code compiled} is not a Go {@code GOOS=js} program
   * @throws dev.zerowasm.api.WasmException if the runtime has a module named like the Go import
   *     module that gojs did not register
   */
  public static void run(Runtime runtime, CompiledModule compiled, ModuleConfig moduleConfig) {
    run(runtime, compiled, moduleConfig, GoJsConfig.create());
  }

  /**
   * As {@link #run(Runtime, CompiledModule, ModuleConfig)}, with the Go specifics of {@code
   * config}. The program is instantiated with {@code moduleConfig}'s name (anonymous by default);
   * its start functions are ignored (a Go program starts with {@code run}).
   */
  public static void run(
      Runtime runtime, CompiledModule compiled, ModuleConfig moduleConfig, GoJsConfig config) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(compiled, "compiled");
    Objects.requireNonNull(moduleConfig, "moduleConfig");
    SharedGoModule shared = SharedGoModule.of(runtime, importModule(compiled));
    GoJs gojs = create(moduleConfig, config);
    ModuleConfig mc = moduleConfig.withStartFunctions();
    if (mc.name() == null) {
      mc = mc.withName("");
    }
    Module program = runtime.instantiate(compiled, mc);
    shared.bind(program, gojs.host);
    try {
      gojs.run(GoGuest.of(program));
    } finally {
      shared.unbind(program);
      program.close();
    }
  }

  /**
   * Checks that {@code compiled} is a Go {@code GOOS=js} program, what {@link #run} checks first:
   * it imports functions only, all from one module ({@code go} or {@code gojs}), and only names
   * {@code wasm_exec.js} provides. An application calls it to refuse a wrong binary at start-up.
   *
   * @throws IllegalArgumentException starting "not a Go GOOS=js program: " and naming the
   *     offending import
   */
  public static void checkProgram(CompiledModule compiled) {
    importModule(Objects.requireNonNull(compiled, "compiled"));
  }

  /** The Go import module {@code compiled} uses; checks it imports nothing else. */
  private static String importModule(CompiledModule compiled) {
    String module = null;
    for (FunctionDefinition d : compiled.importedFunctions()) {
      FunctionDefinition.ImportName in = d.importedAs().orElseThrow();
      if (!GoJsFunctions.isGoModule(in.moduleName()) || GoJsFunctions.get(in.name()) == null) {
        throw new IllegalArgumentException(
            "not a Go GOOS=js program: it imports "
                + in.moduleName()
                + "."
                + in.name()
                + ", which Go's wasm_exec.js does not provide");
      }
      if (module != null && !module.equals(in.moduleName())) {
        throw new IllegalArgumentException(
            "not a Go GOOS=js program: it imports from both '"
                + module
                + "' and '"
                + in.moduleName()
                + "'");
      }
      module = in.moduleName();
    }
    if (module == null) {
      throw new IllegalArgumentException("not a Go GOOS=js program: it imports no functions");
    }
    return module;
  }
}
