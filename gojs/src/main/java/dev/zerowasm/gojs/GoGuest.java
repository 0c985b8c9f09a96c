package dev.zerowasm.gojs;

import dev.zerowasm.api.Function;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;

/**
 * The exports of an instantiated Go {@code GOOS=js} program that the host drives: its memory
 * ({@code mem}) and the functions {@code run(argc, argv)}, {@code resume()} and {@code getsp()}.
 * {@link #of(Module)} adapts an instantiated module; tests can supply their own.
 */
public interface GoGuest {
  /** The program's linear memory. */
  Memory memory();

  /** Calls {@code run(argc, argv)}: starts the program; returns when it waits for an event. */
  void run(int argc, int argv);

  /** Calls {@code resume()}: lets the program handle the pending event. */
  void resume();

  /** Calls {@code getsp()}: the program's current stack pointer. */
  int getsp();

  /**
   * Adapts an instantiated Go module: looks up the exports {@code run}, {@code resume}, {@code
   * getsp} and the memory.
   *
   * @throws IllegalArgumentException naming the missing export if the module is not a Go {@code
   *     GOOS=js} program
   */
  static GoGuest of(Module module) {
    Function run = export(module, "run");
    Function resume = export(module, "resume");
    Function getsp = export(module, "getsp");
    Memory memory = module.exportedMemory("mem");
    if (memory == null) {
      memory = module.memory();
    }
    if (memory == null) {
      throw new IllegalArgumentException(
          "module '" + module.name() + "' is not a Go GOOS=js program: it has no memory 'mem'");
    }
    Memory mem = memory;
    return new GoGuest() {
      @Override
      public Memory memory() {
        return mem;
      }

      @Override
      public void run(int argc, int argv) {
        run.call(argc, argv);
      }

      @Override
      public void resume() {
        resume.call();
      }

      @Override
      public int getsp() {
        return (int) getsp.call()[0];
      }
    };
  }

  private static Function export(Module module, String name) {
    Function f = module.exportedFunction(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "module '"
              + module.name()
              + "' is not a Go GOOS=js program: it exports no function '"
              + name
              + "'");
    }
    return f;
  }
}
