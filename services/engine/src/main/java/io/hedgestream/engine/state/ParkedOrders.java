package io.hedgestream.engine.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Client orders of a symbol stamped after its latest tick (or arriving before its first), kept as received
 * (origin and bytes) until a tick at or after their time: an order is only booked once the market of its
 * time, which it is checked against (strike against spot, premium against the model value), exists, and a
 * rejected one is dead-lettered byte for byte.
 */
public final class ParkedOrders {

  /**
   * One parked record: where it came from and its exact bytes.
   *
   * @param topic source topic
   * @param partition source partition
   * @param offset source offset
   * @param key key bytes, may be null
   * @param value value bytes
   */
  public record Parked(String topic, int partition, long offset, byte[] key, byte[] value) {
    /** Checks the topic and value are present. */
    public Parked {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(value, "value");
    }
  }

  private final List<Parked> orders = new ArrayList<>();

  /** Adds an order (arrival order is kept). */
  public void add(Parked order) {
    orders.add(Objects.requireNonNull(order, "order"));
  }

  /** The parked orders in arrival order (read-only view). */
  public List<Parked> orders() {
    return Collections.unmodifiableList(orders);
  }

  /** Parked orders held. */
  public int size() {
    return orders.size();
  }

  void writeTo(StateWriter out) {
    out.writeInt(orders.size());
    for (Parked order : orders) {
      out.writeString(order.topic());
      out.writeInt(order.partition());
      out.writeLong(order.offset());
      out.writeBytes(order.key());
      out.writeBytes(order.value());
    }
  }

  static ParkedOrders readFrom(StateReader in) {
    ParkedOrders parked = new ParkedOrders();
    for (int i = in.readCount(); i > 0; i--) {
      parked.add(new Parked(in.readString(), in.readInt(), in.readLong(), in.readBytes(), in.readBytes()));
    }
    return parked;
  }
}
