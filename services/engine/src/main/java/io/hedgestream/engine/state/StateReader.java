package io.hedgestream.engine.state;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link StateWriter} wrote, failing with a {@link SerializationException} on truncated bytes. */
final class StateReader {

  private final byte[] bytes;
  private int position;

  StateReader(byte[] bytes) {
    this.bytes = bytes;
  }

  int readByte() {
    need(1);
    return bytes[position++] & 0xff;
  }

  boolean readBoolean() {
    return readByte() != 0;
  }

  int readInt() {
    need(4);
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (bytes[position++] & 0xff);
    }
    return value;
  }

  long readLong() {
    need(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[position++] & 0xffL);
    }
    return value;
  }

  double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  String readString() {
    int length = readCount();
    need(length);
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  /** A non-negative count (collection size or string length) that fits in the remaining bytes. */
  int readCount() {
    int count = readInt();
    if (count < 0 || count > bytes.length - position) {
      throw new SerializationException("corrupt engine state: count " + count + " at byte " + position);
    }
    return count;
  }

  void expectEnd() {
    if (position != bytes.length) {
      throw new SerializationException("corrupt engine state: " + (bytes.length - position) + " trailing bytes");
    }
  }

  private void need(int count) {
    if (count > bytes.length - position) {
      throw new SerializationException("corrupt engine state: truncated at byte " + position);
    }
  }
}
