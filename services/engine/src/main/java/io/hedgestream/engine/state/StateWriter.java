package io.hedgestream.engine.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends primitive values to a growing buffer in a fixed big-endian layout: the writing half of the
 * engine's compact state encoding. Doubles are written as their raw IEEE-754 bits, so they round-trip
 * exactly.
 */
final class StateWriter {

  private ByteBuffer buffer;

  StateWriter(int initialCapacity) {
    buffer = ByteBuffer.allocate(Math.max(16, initialCapacity));
  }

  void writeByte(int value) {
    ensure(1);
    buffer.put((byte) value);
  }

  void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  void writeInt(int value) {
    ensure(4);
    buffer.putInt(value);
  }

  void writeLong(long value) {
    ensure(8);
    buffer.putLong(value);
  }

  void writeDouble(double value) {
    writeLong(Double.doubleToRawLongBits(value));
  }

  /** A non-negative long in 7-bit groups, low first (1 byte below 128): for counts that are mostly small. */
  void writeVarLong(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative var-long " + value);
    }
    long rest = value;
    while (rest >= 0x80) {
      writeByte((int) (rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    writeByte((int) rest);
  }

  void writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    ensure(4 + utf8.length);
    buffer.putInt(utf8.length);
    buffer.put(utf8);
  }

  /** Bytes with their length; null as length -1. */
  void writeBytes(byte[] value) {
    if (value == null) {
      writeInt(-1);
      return;
    }
    ensure(4 + value.length);
    buffer.putInt(value.length);
    buffer.put(value);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private void ensure(int more) {
    if (buffer.remaining() < more) {
      ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
      buffer.flip();
      larger.put(buffer);
      buffer = larger;
    }
  }
}
