package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ValueType;

/**
 * The body of a defined function: its declared locals (parameters excluded) and the location of
 * its instructions in the module's bytes. The instructions run from {@code bodyStart} (after the
 * locals) to {@code bodyEnd} (exclusive; the last byte is the final {@code end}). Read them with
 * {@link dev.zerowasm.internal.binary.CodeReader}.
 */
public record Code(ValueType[] locals, int bodyStart, int bodyEnd) {}
