/**
 * The compiler engine: WebAssembly functions become static methods of JVM classes generated with
 * ASM and defined as hidden classes (so they unload with the last reference to the compiled code).
 *
 * <ul>
 *   <li>{@link dev.zerowasm.internal.compiler.CompilerEngine} groups a module's functions into
 *       classes (calls across classes go through {@code MutableCallSite}s whose invokers sit in
 *       static final fields, so the JIT inlines them like direct calls), defines them and falls
 *       back to another engine (the interpreter) for functions the JVM cannot hold (more than 64
 *       KiB of bytecode even when split, more than 255 parameter slots, or a class the JVM
 *       rejects).
 *   <li>{@code TieredCode} and {@code TieredFunction}: a large module compiles in the background
 *       while its first instances run on the interpreter (translated so that every call among the
 *       module's own functions goes through {@code ModuleInstance.functions}); each function
 *       switches to its compiled code on its first call after the compilation finished.
 *   <li>{@code ClassGenerator} writes one class: a method {@code f<index>(params..., instance)} per
 *       function, a bridge {@code b<index>(long[], instance)} implementing the {@code
 *       FunctionInstance.call(long[])} convention, and one {@code call_indirect} dispatcher per
 *       signature that calls functions of the same class and instance directly.
 *   <li>{@code FunctionCompiler} translates one body: wasm locals are JVM locals, the operand stack
 *       is the JVM stack (with tracked types), blocks become jumps, and a branch that leaves extra
 *       values below the ones it carries spills and pops them so every label sees one stack shape.
 *       A v128 is two longs (low, high) everywhere: locals, stack, parameters, {@code long[]}
 *       cells; a v128 result is returned in a {@code long[]} like multi-value results, and each
 *       SIMD instruction calls {@code dev.zerowasm.internal.simd.Simd} once per result half
 *       (spilling operands to scratch locals), so SIMD instructions allocate nothing. A function
 *       whose method would exceed HotSpot's 8000-byte JIT limit is split: its locals move to a
 *       {@code long[]} frame and large blocks become methods of their own that return which
 *       enclosing label they left by.
 *   <li>{@code RuntimeSupport} holds the semantics that need more than one bytecode: bounds-checked
 *       little-endian memory access, trapping division and conversions, float operations with the
 *       exact NaN and signed-zero rules, bulk memory and table operations, {@code call_indirect}
 *       resolution, and the wasm stack trace of traps.
 * </ul>
 */
package dev.zerowasm.internal.compiler;
