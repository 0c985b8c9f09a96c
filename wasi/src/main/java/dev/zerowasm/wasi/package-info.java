/**
 * wasi_snapshot_preview1 for zerowasm, over {@code java.nio.file}.
 *
 * <p>Public here: {@link dev.zerowasm.wasi.WasiHost}, which registers the host module in a runtime
 * (once per runtime, with one WASI state per guest instance) and runs WASI commands. What a guest
 * sees of its host (arguments, environment, standard streams, mounted directories, clocks, random
 * source) is the {@link dev.zerowasm.ModuleConfig} it was instantiated with, as in wazero. {@link
 * dev.zerowasm.wasi.WasiLogging} sets up a logging listener for WASI calls (scopes, errno names).
 * docs/wasi.md is the user guide.
 *
 * <p>The implementation lives in {@code dev.zerowasm.wasi.internal}: {@code WasiPreview1} holds one
 * guest's descriptor table and implements all 46 functions as plain Java methods over the guest's
 * {@link dev.zerowasm.api.Memory}; {@code WasiStackFunctions} adapts them to the host-function
 * calling convention; {@code WasiFunctions} names every parameter and result.
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>Sandbox.</b> Paths are resolved one component at a time by {@code PathResolver}, never
 *       by the host: absolute paths, {@code ..} above the directory descriptor the path is resolved
 *       from, and symbolic links whose target is absolute or climbs above it all fail with {@code
 *       EPERM} (what the wasi-testsuite expects from wasmtime-like runtimes). Links inside are
 *       followed by splicing their target into the remaining path, up to 40 times ({@code ELOOP}).
 *       {@code toRealPath()} is not used: it follows links on the host before any check can run. A
 *       guest cannot create a symbolic link with an absolute target.
 *   <li><b>Read-only mounts.</b> Creating, writing, truncating, renaming, linking, deleting and
 *       setting times fail with {@code EROFS}; a write on a file opened for reading fails with
 *       {@code EBADF}.
 *   <li><b>Rights.</b> A descriptor's rights follow its kind and open mode (as wasmtime does), not
 *       the rights the guest asked for; they can be dropped with {@code fd_fdstat_set_rights} and
 *       are then enforced ({@code ENOTCAPABLE}). Opening with {@code O_TRUNC} needs {@code
 *       PATH_FILESTAT_SET_SIZE} on the directory ({@code EPERM}).
 *   <li><b>Resources.</b> A guest holds at most 4096 open descriptors ({@code EMFILE} beyond) and
 *       passes at most 1024 iovecs per call ({@code EINVAL}), so it cannot exhaust the host's file
 *       handles.
 *   <li><b>Errors.</b> Every function returns an errno; a guest pointer outside memory is {@code
 *       EFAULT}, never an exception. Only {@code proc_exit} throws ({@code ExitException}).
 *   <li><b>Sockets and signals.</b> WASI preview 1 cannot open sockets, so {@code sock_*} return
 *       {@code EBADF} for a closed descriptor and {@code ENOTSOCK} otherwise (the C testsuite's
 *       expectation); {@code proc_raise} returns {@code ENOSYS}.
 * </ul>
 *
 * <h2>Known limits</h2>
 *
 * <ul>
 *   <li>Times of a symbolic link itself ({@code path_filestat_set_times} without SYMLINK_FOLLOW on
 *       a link) are set with microsecond precision: the JDK has no nanosecond {@code lutimes}.
 *   <li>An open descriptor refers to its host path, not to an inode: {@code fd_filestat_*} on a
 *       file that was renamed or replaced while open acts on the path (a deleted file still reports
 *       its size from the open channel).
 *   <li>Stdin readiness in {@code poll_oneoff} comes from {@code InputStream.available()}.
 * </ul>
 */
package dev.zerowasm.wasi;
