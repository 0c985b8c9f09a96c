package dev.zerowasm.internal.wasm;

/** An export: its name, kind and index in the index space of that kind. */
public record Export(String name, ExternKind kind, int index) {}
