package dev.zerowasm.internal.interpreter;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import java.util.Arrays;

/**
 * The state of one thread's execution in the interpreter: the value stack that holds every frame's
 * locals and operands, and the call frames of inline calls (return pc, frame pointer and function,
 * three ints per frame). Each thread caches one context; a re-entrant call (a host function calling
 * back into WebAssembly) gets a fresh one.
 */
final class Context {
  /** The most value-stack slots one execution may use (64 MiB). */
  static final int MAX_STACK = 1 << 23;

  /** The most nested inline calls one execution may make. */
  static final int MAX_DEPTH = 300_000;

  /** Arrays larger than this (64 KiB of stack) are not kept in the thread cache after a call. */
  private static final int KEEP_STACK = 1 << 13;

  private static final ThreadLocal<Context> CACHE = new ThreadLocal<>();

  long[] stack = new long[256];
  int[] frames = new int[3 * 64];
  int depth;
  private boolean busy;

  /**
   * The argument array for calls to host functions. One suffices: a host function that calls back
   * into WebAssembly does so on a new context, so no two host calls of one context overlap.
   */
  private long[] scratch = new long[8];

  /** The calling thread's context, or a new one if that is in use. */
  static Context acquire() {
    Context c = CACHE.get();
    if (c == null) {
      c = new Context();
      CACHE.set(c);
    } else if (c.busy) {
      c = new Context();
    }
    c.busy = true;
    return c;
  }

  /** Ends a top-level call. */
  void release() {
    busy = false;
    depth = 0;
    if (stack.length > KEEP_STACK) {
      stack = new long[256];
    }
    if (frames.length > KEEP_STACK) {
      frames = new int[3 * 64];
    }
  }

  /** An array of at least {@code size} slots for the parameters and results of a host call. */
  long[] scratch(int size) {
    if (scratch.length < size) {
      scratch = new long[size];
    }
    return scratch;
  }

  /** The stack, grown if needed so that it has at least {@code size} slots. */
  long[] ensure(int size) {
    return size <= stack.length ? stack : grow(size);
  }

  /**
   * Grows the stack to at least {@code size} slots.
   *
   * @throws TrapException CALL_STACK_EXHAUSTED beyond {@link #MAX_STACK}
   */
  long[] grow(int size) {
    if (size > MAX_STACK || size < 0) {
      throw new TrapException(
          TrapKind.CALL_STACK_EXHAUSTED,
          "call stack exhausted: the value stack would exceed " + MAX_STACK + " slots");
    }
    stack = Arrays.copyOf(stack, Math.min(MAX_STACK, Math.max(size, stack.length * 2)));
    return stack;
  }

  /**
   * Grows the frame array.
   *
   * @throws TrapException CALL_STACK_EXHAUSTED beyond {@link #MAX_DEPTH} frames
   */
  int[] growFrames() {
    if (frames.length >= 3 * MAX_DEPTH) {
      throw new TrapException(
          TrapKind.CALL_STACK_EXHAUSTED,
          "call stack exhausted: more than " + MAX_DEPTH + " nested calls");
    }
    frames = Arrays.copyOf(frames, Math.min(3 * MAX_DEPTH, frames.length * 2));
    return frames;
  }
}
