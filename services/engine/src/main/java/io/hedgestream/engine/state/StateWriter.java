package io.hedgestream.engine.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends primitive values to a growing byte array in a fixed big-endian layout: the writing half of the
 * engine's compact state encoding. Doubles are written as their raw IEEE-754 bits, so they round-trip
 * exactly.
 */
final class StateWriter {

  private byte[] bytes;
  private int size;

  StateWriter(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  void writeByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  void writeInt(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (value >>> shift);
    }
  }

  void writeLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (value >>> shift);
    }
  }

  void writeDouble(double value) {
    writeLong(Double.doubleToRawLongBits(value));
  }

  void writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeInt(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, size, utf8.length);
    size += utf8.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
