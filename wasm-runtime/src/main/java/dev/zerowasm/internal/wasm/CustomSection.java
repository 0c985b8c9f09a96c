package dev.zerowasm.internal.wasm;

/** A custom section: its name and raw contents. */
public record CustomSection(String name, byte[] data) {}
