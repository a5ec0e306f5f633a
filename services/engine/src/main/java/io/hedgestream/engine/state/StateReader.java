package io.hedgestream.engine.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link StateWriter} wrote, failing with a {@link SerializationException} on truncated bytes. */
final class StateReader {

  private final ByteBuffer buffer;

  StateReader(byte[] bytes) {
    buffer = ByteBuffer.wrap(bytes);
  }

  int readByte() {
    need(1);
    return buffer.get() & 0xff;
  }

  boolean readBoolean() {
    return readByte() != 0;
  }

  int readInt() {
    need(4);
    return buffer.getInt();
  }

  long readLong() {
    need(8);
    return buffer.getLong();
  }

  double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  /** What {@link StateWriter#writeVarLong} wrote. */
  long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int group = readByte();
      value |= (long) (group & 0x7f) << shift;
      if ((group & 0x80) == 0) {
        return value;
      }
    }
    throw new SerializationException("corrupt engine state: var-long too long at byte " + buffer.position());
  }

  String readString() {
    int length = readCount();
    String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
    buffer.position(buffer.position() + length);
    return value;
  }

  /** What {@link StateWriter#writeBytes} wrote (null for length -1). */
  byte[] readBytes() {
    need(4);
    if (buffer.getInt(buffer.position()) == -1) {
      buffer.getInt();
      return null;
    }
    byte[] value = new byte[readCount()];
    buffer.get(value);
    return value;
  }

  /** A non-negative count (collection size or string length) that fits in the remaining bytes. */
  int readCount() {
    int count = readInt();
    if (count < 0 || count > buffer.remaining()) {
      throw new SerializationException("corrupt engine state: count " + count + " at byte " + buffer.position());
    }
    return count;
  }

  boolean hasRemaining() {
    return buffer.hasRemaining();
  }

  void expectEnd() {
    if (buffer.hasRemaining()) {
      throw new SerializationException("corrupt engine state: " + buffer.remaining() + " trailing bytes");
    }
  }

  private void need(int count) {
    if (count > buffer.remaining()) {
      throw new SerializationException("corrupt engine state: truncated at byte " + buffer.position());
    }
  }
}
