package dev.zerowasm.internal.compiler;

import dev.zerowasm.internal.interpreter.InterpreterEngine;

/**
 * Runs every {@link CompilerEngineTest} with each function in a class of its own, so every call
 * between functions goes through the cross-class call sites.
 */
class OneClassPerFunctionTest extends CompilerEngineTest {
  @Override
  CompilerEngine newEngine() {
    return new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1);
  }
}
