package dev.zerowasm.wasi.internal;

/**
 * Internal control flow: a WASI function failed with {@link #errno}. Thrown deep inside path
 * resolution and caught by the function's entry point, which returns the errno to the guest. It
 * carries no stack trace because it is never shown to anyone.
 */
final class WasiErrnoException extends Exception {
  private static final long serialVersionUID = 1L;

  final int errno;

  WasiErrnoException(int errno) {
    super(Errno.name(errno), null, false, false);
    this.errno = errno;
  }
}
