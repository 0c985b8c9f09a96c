/**
 * Host functions for programs compiled by AssemblyScript: {@code env.abort}, {@code env.trace} and
 * {@code env.seed}. See {@link dev.zerowasm.assemblyscript.AssemblyScript}.
 */
package dev.zerowasm.assemblyscript;
