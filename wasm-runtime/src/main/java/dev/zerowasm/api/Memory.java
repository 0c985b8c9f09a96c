package dev.zerowasm.api;

/**
 * A WebAssembly linear memory: a resizable array of bytes in pages of 64 KiB, read and written in
 * little-endian byte order.
 *
 * <p>Accesses outside the memory throw a {@link TrapException} of kind {@link
 * TrapKind#OUT_OF_BOUNDS_MEMORY_ACCESS} naming the offset, the length and the memory size; no JVM
 * exception leaks out. Offsets are unsigned 32-bit values passed as {@code long}.
 *
 * <p>Not thread-safe: use it from the thread that uses its module.
 */
public interface Memory {
  /** Bytes per page. */
  int PAGE_SIZE = 65536;

  /** The current size in pages. */
  int pages();

  /** The current size in bytes. */
  long size();

  /** The maximum size in pages, or -1 if the memory declares none. */
  long maxPages();

  /**
   * Grows the memory by {@code deltaPages} pages of zeros.
   *
   * @return the previous size in pages, or -1 if the memory cannot grow that much
   */
  int grow(int deltaPages);

  /** Reads one byte. */
  byte readByte(long offset);

  /** Reads a little-endian 16-bit value. */
  short readShortLe(long offset);

  /** Reads a little-endian 32-bit value. */
  int readIntLe(long offset);

  /** Reads a little-endian 64-bit value. */
  long readLongLe(long offset);

  /** Reads a little-endian 32-bit float. */
  float readFloatLe(long offset);

  /** Reads a little-endian 64-bit float. */
  double readDoubleLe(long offset);

  /** Copies {@code length} bytes starting at {@code offset} into a new array. */
  byte[] read(long offset, int length);

  /** Writes one byte. */
  void writeByte(long offset, byte value);

  /** Writes a little-endian 16-bit value. */
  void writeShortLe(long offset, short value);

  /** Writes a little-endian 32-bit value. */
  void writeIntLe(long offset, int value);

  /** Writes a little-endian 64-bit value. */
  void writeLongLe(long offset, long value);

  /** Writes a little-endian 32-bit float. */
  void writeFloatLe(long offset, float value);

  /** Writes a little-endian 64-bit float. */
  void writeDoubleLe(long offset, double value);

  /** Copies all of {@code bytes} into memory starting at {@code offset}. */
  void write(long offset, byte[] bytes);
}
