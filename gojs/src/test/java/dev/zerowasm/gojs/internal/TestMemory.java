package dev.zerowasm.gojs.internal;

import dev.zerowasm.api.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A fixed byte[]-backed {@link Memory} for driving the host without a runtime. */
final class TestMemory implements Memory {
  private final ByteBuffer buf;

  TestMemory(int pages) {
    buf = ByteBuffer.allocate(pages * PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  }

  private int at(long offset, int len) {
    if (offset < 0 || offset + len > buf.capacity()) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + len);
    }
    return (int) offset;
  }

  @Override
  public int pages() {
    return buf.capacity() / PAGE_SIZE;
  }

  @Override
  public long size() {
    return buf.capacity();
  }

  @Override
  public long maxPages() {
    return pages();
  }

  @Override
  public int grow(int deltaPages) {
    return deltaPages == 0 ? pages() : -1;
  }

  @Override
  public byte readByte(long offset) {
    return buf.get(at(offset, 1));
  }

  @Override
  public short readShortLe(long offset) {
    return buf.getShort(at(offset, 2));
  }

  @Override
  public int readIntLe(long offset) {
    return buf.getInt(at(offset, 4));
  }

  @Override
  public long readLongLe(long offset) {
    return buf.getLong(at(offset, 8));
  }

  @Override
  public float readFloatLe(long offset) {
    return buf.getFloat(at(offset, 4));
  }

  @Override
  public double readDoubleLe(long offset) {
    return buf.getDouble(at(offset, 8));
  }

  @Override
  public byte[] read(long offset, int length) {
    byte[] b = new byte[length];
    buf.get(at(offset, length), b);
    return b;
  }

  @Override
  public void writeByte(long offset, byte value) {
    buf.put(at(offset, 1), value);
  }

  @Override
  public void writeShortLe(long offset, short value) {
    buf.putShort(at(offset, 2), value);
  }

  @Override
  public void writeIntLe(long offset, int value) {
    buf.putInt(at(offset, 4), value);
  }

  @Override
  public void writeLongLe(long offset, long value) {
    buf.putLong(at(offset, 8), value);
  }

  @Override
  public void writeFloatLe(long offset, float value) {
    buf.putFloat(at(offset, 4), value);
  }

  @Override
  public void writeDoubleLe(long offset, double value) {
    buf.putDouble(at(offset, 8), value);
  }

  @Override
  public void write(long offset, byte[] bytes) {
    buf.put(at(offset, bytes.length), bytes);
  }
}
