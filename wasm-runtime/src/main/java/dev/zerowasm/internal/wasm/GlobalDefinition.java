package dev.zerowasm.internal.wasm;

/** A global defined by a module: its type and initial value. */
public record GlobalDefinition(GlobalType type, ConstExpr init) {}
