package dev.zerowasm.wasi.internal;

import dev.zerowasm.api.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of all 46 wasi_snapshot_preview1 functions: WebAssembly signature plus parameter and
 * result names (names as in the witx specification; out-pointers are named {@code result.x}).
 * Host-module registration and logging listeners read it.
 */
public final class WasiFunctions {
  /** The import module name of WASI preview 1. */
  public static final String MODULE_NAME = "wasi_snapshot_preview1";

  private static final Map<String, WasiFunctionSignature> BY_NAME = new LinkedHashMap<>();

  static {
    // Each spec string lists the parameters: "name:type", where type is i32 or i64 and a
    // "result." prefix marks an out-pointer (an i32 the function writes its result through).
    def("args_get", "argv:i32 argv_buf:i32");
    def("args_sizes_get", "result.argc:i32 result.argv_len:i32");
    def("environ_get", "environ:i32 environ_buf:i32");
    def("environ_sizes_get", "result.environc:i32 result.environv_len:i32");
    def("clock_res_get", "id:i32 result.resolution:i32");
    def("clock_time_get", "id:i32 precision:i64 result.timestamp:i32");
    def("fd_advise", "fd:i32 offset:i64 len:i64 advice:i32");
    def("fd_allocate", "fd:i32 offset:i64 len:i64");
    def("fd_close", "fd:i32");
    def("fd_datasync", "fd:i32");
    def("fd_fdstat_get", "fd:i32 result.stat:i32");
    def("fd_fdstat_set_flags", "fd:i32 flags:i32");
    def("fd_fdstat_set_rights", "fd:i32 fs_rights_base:i64 fs_rights_inheriting:i64");
    def("fd_filestat_get", "fd:i32 result.buf:i32");
    def("fd_filestat_set_size", "fd:i32 size:i64");
    def("fd_filestat_set_times", "fd:i32 atim:i64 mtim:i64 fst_flags:i32");
    def("fd_pread", "fd:i32 iovs:i32 iovs_len:i32 offset:i64 result.nread:i32");
    def("fd_prestat_get", "fd:i32 result.prestat:i32");
    def("fd_prestat_dir_name", "fd:i32 path:i32 path_len:i32");
    def("fd_pwrite", "fd:i32 iovs:i32 iovs_len:i32 offset:i64 result.nwritten:i32");
    def("fd_read", "fd:i32 iovs:i32 iovs_len:i32 result.nread:i32");
    def("fd_readdir", "fd:i32 buf:i32 buf_len:i32 cookie:i64 result.bufused:i32");
    def("fd_renumber", "fd:i32 to:i32");
    def("fd_seek", "fd:i32 offset:i64 whence:i32 result.newoffset:i32");
    def("fd_sync", "fd:i32");
    def("fd_tell", "fd:i32 result.offset:i32");
    def("fd_write", "fd:i32 iovs:i32 iovs_len:i32 result.nwritten:i32");
    def("path_create_directory", "fd:i32 path:i32 path_len:i32");
    def("path_filestat_get", "fd:i32 flags:i32 path:i32 path_len:i32 result.buf:i32");
    def(
        "path_filestat_set_times",
        "fd:i32 flags:i32 path:i32 path_len:i32 atim:i64 mtim:i64 fst_flags:i32");
    def(
        "path_link",
        "old_fd:i32 old_flags:i32 old_path:i32 old_path_len:i32 new_fd:i32"
            + " new_path:i32 new_path_len:i32");
    def(
        "path_open",
        "fd:i32 dirflags:i32 path:i32 path_len:i32 oflags:i32 fs_rights_base:i64"
            + " fs_rights_inheriting:i64 fdflags:i32 result.opened_fd:i32");
    def("path_readlink", "fd:i32 path:i32 path_len:i32 buf:i32 buf_len:i32 result.bufused:i32");
    def("path_remove_directory", "fd:i32 path:i32 path_len:i32");
    def(
        "path_rename",
        "fd:i32 old_path:i32 old_path_len:i32 new_fd:i32 new_path:i32 new_path_len:i32");
    def("path_symlink", "old_path:i32 old_path_len:i32 fd:i32 new_path:i32 new_path_len:i32");
    def("path_unlink_file", "fd:i32 path:i32 path_len:i32");
    def("poll_oneoff", "in:i32 out:i32 nsubscriptions:i32 result.nevents:i32");
    def("proc_exit", "rval:i32");
    def("proc_raise", "sig:i32");
    def("sched_yield", "");
    def("random_get", "buf:i32 buf_len:i32");
    def("sock_accept", "fd:i32 flags:i32 result.fd:i32");
    def(
        "sock_recv",
        "fd:i32 ri_data:i32 ri_data_len:i32 ri_flags:i32 result.ro_datalen:i32"
            + " result.ro_flags:i32");
    def("sock_send", "fd:i32 si_data:i32 si_data_len:i32 si_flags:i32 result.so_datalen:i32");
    def("sock_shutdown", "fd:i32 how:i32");
  }

  private WasiFunctions() {}

  private static void def(String name, String spec) {
    List<String> names = new ArrayList<>();
    List<ValueType> types = new ArrayList<>();
    List<String> results = new ArrayList<>();
    if (!spec.isEmpty()) {
      for (String p : spec.split(" ")) {
        int colon = p.indexOf(':');
        String pname = p.substring(0, colon);
        names.add(pname);
        types.add(p.substring(colon + 1).equals("i64") ? ValueType.I64 : ValueType.I32);
        if (pname.startsWith("result.")) {
          results.add(pname);
        }
      }
    }
    List<ValueType> resultTypes = name.equals("proc_exit") ? List.of() : List.of(ValueType.I32);
    BY_NAME.put(name, new WasiFunctionSignature(name, names, types, results, resultTypes));
  }

  /** All 46 functions, in alphabetical order as the witx file lists them. */
  public static List<WasiFunctionSignature> all() {
    return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
  }

  /** The function named {@code name}, or null if WASI preview 1 has none. */
  public static WasiFunctionSignature get(String name) {
    return BY_NAME.get(name);
  }
}
