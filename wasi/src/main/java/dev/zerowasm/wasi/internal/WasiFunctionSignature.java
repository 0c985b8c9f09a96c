package dev.zerowasm.wasi.internal;

import dev.zerowasm.api.ValueType;
import java.util.List;

/**
 * The WebAssembly signature of one wasi_snapshot_preview1 function with the names of its parameters
 * and results, as a logging listener prints them (e.g. {@code fd_write(fd, iovs, iovs_len,
 * result.nwritten) -> errno}).
 *
 * <p>{@code resultNames} are the out-pointers the function writes through ({@code result.*}); they
 * are i32 parameters too, and they are the last entries of {@code paramNames}. The single
 * WebAssembly result of every function but {@code proc_exit} is the errno.
 *
 * @param name the export name in module {@code wasi_snapshot_preview1}
 * @param paramNames all parameter names, in order
 * @param paramTypes the WebAssembly types of the parameters
 * @param resultNames the names of the out-pointer parameters, in order
 * @param resultTypes the WebAssembly result types ({@code [I32]}, or empty for proc_exit)
 */
public record WasiFunctionSignature(
    String name,
    List<String> paramNames,
    List<ValueType> paramTypes,
    List<String> resultNames,
    List<ValueType> resultTypes) {

  /** Copies the lists so the record is immutable. */
  public WasiFunctionSignature {
    paramNames = List.copyOf(paramNames);
    paramTypes = List.copyOf(paramTypes);
    resultNames = List.copyOf(resultNames);
    resultTypes = List.copyOf(resultTypes);
    if (paramNames.size() != paramTypes.size()) {
      throw new IllegalArgumentException(
          name + ": " + paramNames.size() + " names for " + paramTypes.size() + " parameters");
    }
  }
}
