/**
 * The interpreter engine. {@link dev.zerowasm.internal.interpreter.InterpreterEngine} compiles a
 * module into shared, lazily translated code; each function is translated once by {@code
 * Translator} into register-based internal code ({@code Op}) and run by the loop in {@code
 * Interpreter} over a per-thread value stack ({@code Context}). Numeric edge cases live in {@code
 * Numerics}, bulk memory and table instructions in {@code Bulk} and {@code Tables}, SIMD instructions
 * (a v128 takes two slots) in {@code SimdOps}. The design and
 * the alternatives rejected are in {@code docs/RATIONALE.md}, section "The interpreter".
 */
package dev.zerowasm.internal.interpreter;
