package dev.zerowasm.internal.wasm;

/**
 * A data segment: bytes to place in a memory. For ACTIVE segments {@code memoryIndex} and {@code
 * offset} say where; for PASSIVE ones they are 0 and null.
 */
public record DataSegment(SegmentMode mode, int memoryIndex, ConstExpr offset, byte[] data) {}
