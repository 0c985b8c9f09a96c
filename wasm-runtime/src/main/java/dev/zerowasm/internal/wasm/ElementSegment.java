package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ValueType;
import java.util.List;

/**
 * An element segment: references to place in a table. For ACTIVE segments {@code tableIndex} and
 * {@code offset} say where; otherwise they are 0 and null.
 */
public record ElementSegment(
    SegmentMode mode, int tableIndex, ConstExpr offset, ValueType type, List<ConstExpr> items) {}
