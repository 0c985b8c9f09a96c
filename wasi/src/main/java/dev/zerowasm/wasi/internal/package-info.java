/**
 * The wasi_snapshot_preview1 implementation: not API.
 *
 * <p>{@link dev.zerowasm.wasi.internal.WasiPreview1} is the core (descriptor table and the 46
 * functions), {@link dev.zerowasm.wasi.internal.PathResolver} the sandbox, {@link
 * dev.zerowasm.wasi.internal.WasiFunctions} the signature and name table, {@link
 * dev.zerowasm.wasi.internal.WasiStackFunctions} the adapters to the {@code long[]} stack calling
 * convention, {@link dev.zerowasm.wasi.internal.Errno} and {@link
 * dev.zerowasm.wasi.internal.WasiConstants} the witx numbers and layouts.
 */
package dev.zerowasm.wasi.internal;
