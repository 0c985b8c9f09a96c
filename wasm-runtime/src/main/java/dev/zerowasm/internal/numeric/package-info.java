/**
 * The semantics of WebAssembly's scalar instructions that Java has no single operator for, shared
 * by both engines: the interpreter calls them from its loop, the compiler's generated code calls
 * them with {@code invokestatic} (hence public). Their SIMD counterparts are in {@code
 * internal.simd}.
 */
package dev.zerowasm.internal.numeric;
