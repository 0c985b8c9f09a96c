package dev.zerowasm.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The WebAssembly stack trace of an exception that a host function threw and that is not a {@link
 * TrapException} (which carries its own trace). It is attached to that exception as a {@linkplain
 * Throwable#getSuppressed() suppressed exception}, so the original exception reaches the caller
 * unchanged while its printed stack trace still shows which WebAssembly functions were running.
 *
 * <pre>{@code
 * } catch (IllegalStateException e) {
 *   List<String> frames = WasmStackTrace.of(e).map(WasmStackTrace::frames).orElse(List.of());
 * }
 * }</pre>
 */
public final class WasmStackTrace extends WasmException {
  private final List<String> frames = new ArrayList<>();

  /** Creates an empty trace; engines and the runtime add frames with {@link #addWasmFrame}. */
  public WasmStackTrace() {
    super("wasm stack trace");
  }

  /**
   * The trace attached to {@code throwable}, if the runtime attached one.
   *
   * @throws NullPointerException if {@code throwable} is null
   */
  public static Optional<WasmStackTrace> of(Throwable throwable) {
    for (Throwable s : throwable.getSuppressed()) {
      if (s instanceof WasmStackTrace) {
        return Optional.of((WasmStackTrace) s);
      }
    }
    return Optional.empty();
  }

  /** The functions (by debug name, e.g. {@code module.func}) that were running, innermost first. */
  public List<String> frames() {
    return Collections.unmodifiableList(frames);
  }

  /** Appends a frame as the exception unwinds. The runtime calls this; users have no reason to. */
  public void addWasmFrame(String debugName) {
    frames.add(debugName);
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder("wasm stack trace:");
    for (String frame : frames) {
      sb.append("\n\t").append(frame);
    }
    return sb.toString();
  }

  /** No Java stack trace: the frames that matter are the WebAssembly ones. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
