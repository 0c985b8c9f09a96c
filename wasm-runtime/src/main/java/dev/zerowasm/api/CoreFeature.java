package dev.zerowasm.api;

/**
 * One feature of the WebAssembly core specification that came after 1.0 (MVP), which a runtime may
 * enable or disable. See {@link CoreFeatures} for the sets that name whole specification versions.
 */
public enum CoreFeature {
  /** Import and export of mutable globals (part of 1.0 as finally published). */
  MUTABLE_GLOBAL,
  /** {@code i32.extend8_s} and friends. */
  SIGN_EXTENSION_OPS,
  /** {@code i32.trunc_sat_f32_s} and friends. */
  NON_TRAPPING_FLOAT_TO_INT,
  /** Functions and blocks with several results; blocks with parameters. */
  MULTI_VALUE,
  /** {@code memory.copy}, {@code memory.fill}, passive segments, {@code data.drop}, ... */
  BULK_MEMORY,
  /** {@code externref}, multiple tables, {@code table.*} and {@code ref.*} instructions. */
  REFERENCE_TYPES,
  /** 128-bit fixed-width SIMD ({@code v128}). */
  SIMD,
  /**
   * The extended-const proposal (finished, in WebAssembly 3.0): {@code i32.add}, {@code i32.sub},
   * {@code i32.mul} and their {@code i64} forms in constant expressions (global initialisers,
   * segment offsets), as LLVM emits them with {@code -mextended-const}. Not part of {@link
   * CoreFeatures#V2}: enable it with {@code CoreFeatures.V2.with(CoreFeature.EXTENDED_CONST)}.
   */
  EXTENDED_CONST,
  /**
   * The tail-call proposal (finished, in WebAssembly 3.0): {@code return_call} and {@code
   * return_call_indirect}, calls that replace the calling function's frame, so that tail-recursive
   * code runs in constant stack. Not part of {@link CoreFeatures#V2}: enable it with {@code
   * CoreFeatures.V2.with(CoreFeature.TAIL_CALL)}. See docs/concepts.md for the cases where a tail
   * call still takes stack (calls to host functions, to other modules, and with function listeners).
   */
  TAIL_CALL,
  /**
   * The relaxed SIMD proposal (finished, in WebAssembly 3.0): SIMD instructions whose results may
   * differ between platforms in corner cases ({@code f32x4.relaxed_madd}, {@code
   * i8x16.relaxed_swizzle}, {@code i16x8.relaxed_dot_i8x16_i7x16_s}, ...), as compilers emit them
   * with {@code -mrelaxed-simd}. zerowasm picks one deterministic result for each, the same on both
   * engines and every platform (docs/conformance.md lists which). Needs {@link #SIMD}. Not part of
   * {@link CoreFeatures#V2}: enable it with {@code CoreFeatures.V2.with(CoreFeature.RELAXED_SIMD)}.
   */
  RELAXED_SIMD
}
