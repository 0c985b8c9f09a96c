package dev.zerowasm.wasi.internal;

import dev.zerowasm.api.Memory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adapters from the host-function calling convention (parameters in a {@code long[]} stack, the
 * result written to {@code stack[0]}) to the methods of {@link WasiPreview1}: one per function of
 * {@link WasiFunctions}. Registering WASI with the runtime's host-module builder is then a loop
 * over {@link #all()}.
 *
 * <p>i32 parameters arrive as the low 32 bits of their slot; i64 parameters use the whole slot.
 */
public final class WasiStackFunctions {
  /** One WASI function in stack form. */
  @FunctionalInterface
  public interface StackFunction {
    /**
     * Calls the function.
     *
     * @param wasi the calling module's WASI state
     * @param mem the calling module's memory
     * @param stack the parameters in order; on return {@code stack[0]} holds the errno
     */
    void call(WasiPreview1 wasi, Memory mem, long[] stack);
  }

  private static final Map<String, StackFunction> FUNCTIONS = new LinkedHashMap<>();

  private static int i(long[] s, int k) {
    return (int) s[k];
  }

  private static void put(String name, StackFunction f) {
    FUNCTIONS.put(name, f);
  }

  static {
    put("args_get", (w, m, s) -> s[0] = w.argsGet(m, i(s, 0), i(s, 1)));
    put("args_sizes_get", (w, m, s) -> s[0] = w.argsSizesGet(m, i(s, 0), i(s, 1)));
    put("environ_get", (w, m, s) -> s[0] = w.environGet(m, i(s, 0), i(s, 1)));
    put("environ_sizes_get", (w, m, s) -> s[0] = w.environSizesGet(m, i(s, 0), i(s, 1)));
    put("clock_res_get", (w, m, s) -> s[0] = w.clockResGet(m, i(s, 0), i(s, 1)));
    put("clock_time_get", (w, m, s) -> s[0] = w.clockTimeGet(m, i(s, 0), s[1], i(s, 2)));
    put("fd_advise", (w, m, s) -> s[0] = w.fdAdvise(m, i(s, 0), s[1], s[2], i(s, 3)));
    put("fd_allocate", (w, m, s) -> s[0] = w.fdAllocate(m, i(s, 0), s[1], s[2]));
    put("fd_close", (w, m, s) -> s[0] = w.fdClose(m, i(s, 0)));
    put("fd_datasync", (w, m, s) -> s[0] = w.fdDatasync(m, i(s, 0)));
    put("fd_fdstat_get", (w, m, s) -> s[0] = w.fdFdstatGet(m, i(s, 0), i(s, 1)));
    put("fd_fdstat_set_flags", (w, m, s) -> s[0] = w.fdFdstatSetFlags(m, i(s, 0), i(s, 1)));
    put("fd_fdstat_set_rights", (w, m, s) -> s[0] = w.fdFdstatSetRights(m, i(s, 0), s[1], s[2]));
    put("fd_filestat_get", (w, m, s) -> s[0] = w.fdFilestatGet(m, i(s, 0), i(s, 1)));
    put("fd_filestat_set_size", (w, m, s) -> s[0] = w.fdFilestatSetSize(m, i(s, 0), s[1]));
    put(
        "fd_filestat_set_times",
        (w, m, s) -> s[0] = w.fdFilestatSetTimes(m, i(s, 0), s[1], s[2], i(s, 3)));
    put("fd_pread", (w, m, s) -> s[0] = w.fdPread(m, i(s, 0), i(s, 1), i(s, 2), s[3], i(s, 4)));
    put("fd_prestat_get", (w, m, s) -> s[0] = w.fdPrestatGet(m, i(s, 0), i(s, 1)));
    put(
        "fd_prestat_dir_name",
        (w, m, s) -> s[0] = w.fdPrestatDirName(m, i(s, 0), i(s, 1), i(s, 2)));
    put("fd_pwrite", (w, m, s) -> s[0] = w.fdPwrite(m, i(s, 0), i(s, 1), i(s, 2), s[3], i(s, 4)));
    put("fd_read", (w, m, s) -> s[0] = w.fdRead(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3)));
    put("fd_readdir", (w, m, s) -> s[0] = w.fdReaddir(m, i(s, 0), i(s, 1), i(s, 2), s[3], i(s, 4)));
    put("fd_renumber", (w, m, s) -> s[0] = w.fdRenumber(m, i(s, 0), i(s, 1)));
    put("fd_seek", (w, m, s) -> s[0] = w.fdSeek(m, i(s, 0), s[1], i(s, 2), i(s, 3)));
    put("fd_sync", (w, m, s) -> s[0] = w.fdSync(m, i(s, 0)));
    put("fd_tell", (w, m, s) -> s[0] = w.fdTell(m, i(s, 0), i(s, 1)));
    put("fd_write", (w, m, s) -> s[0] = w.fdWrite(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3)));
    put(
        "path_create_directory",
        (w, m, s) -> s[0] = w.pathCreateDirectory(m, i(s, 0), i(s, 1), i(s, 2)));
    put(
        "path_filestat_get",
        (w, m, s) -> s[0] = w.pathFilestatGet(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), i(s, 4)));
    put(
        "path_filestat_set_times",
        (w, m, s) ->
            s[0] =
                w.pathFilestatSetTimes(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), s[4], s[5], i(s, 6)));
    put(
        "path_link",
        (w, m, s) ->
            s[0] = w.pathLink(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), i(s, 4), i(s, 5), i(s, 6)));
    put(
        "path_open",
        (w, m, s) ->
            s[0] =
                w.pathOpen(
                    m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), i(s, 4), s[5], s[6], i(s, 7), i(s, 8)));
    put(
        "path_readlink",
        (w, m, s) ->
            s[0] = w.pathReadlink(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), i(s, 4), i(s, 5)));
    put(
        "path_remove_directory",
        (w, m, s) -> s[0] = w.pathRemoveDirectory(m, i(s, 0), i(s, 1), i(s, 2)));
    put(
        "path_rename",
        (w, m, s) -> s[0] = w.pathRename(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), i(s, 4), i(s, 5)));
    put(
        "path_symlink",
        (w, m, s) -> s[0] = w.pathSymlink(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), i(s, 4)));
    put("path_unlink_file", (w, m, s) -> s[0] = w.pathUnlinkFile(m, i(s, 0), i(s, 1), i(s, 2)));
    put("poll_oneoff", (w, m, s) -> s[0] = w.pollOneoff(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3)));
    put("proc_exit", (w, m, s) -> w.procExit(m, i(s, 0)));
    put("proc_raise", (w, m, s) -> s[0] = w.procRaise(m, i(s, 0)));
    put("sched_yield", (w, m, s) -> s[0] = w.schedYield(m));
    put("random_get", (w, m, s) -> s[0] = w.randomGet(m, i(s, 0), i(s, 1)));
    put("sock_accept", (w, m, s) -> s[0] = w.sockAccept(m, i(s, 0), i(s, 1), i(s, 2)));
    put(
        "sock_recv",
        (w, m, s) -> s[0] = w.sockRecv(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), i(s, 4), i(s, 5)));
    put(
        "sock_send",
        (w, m, s) -> s[0] = w.sockSend(m, i(s, 0), i(s, 1), i(s, 2), i(s, 3), i(s, 4)));
    put("sock_shutdown", (w, m, s) -> s[0] = w.sockShutdown(m, i(s, 0), i(s, 1)));
  }

  private WasiStackFunctions() {}

  /** All 46 functions by export name, in the order of {@link WasiFunctions#all()}. */
  public static Map<String, StackFunction> all() {
    return Collections.unmodifiableMap(FUNCTIONS);
  }

  /** The function named {@code name}, or null. */
  public static StackFunction get(String name) {
    return FUNCTIONS.get(name);
  }
}
