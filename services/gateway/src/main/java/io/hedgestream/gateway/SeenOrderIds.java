package io.hedgestream.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent order ids the gateway accepted, so a redelivered or replayed order is executed once.
 * Bounded: beyond {@code capacity} the oldest id is forgotten, so a duplicate older than the last
 * {@code capacity} orders would execute again. Not thread-safe; used by the consumer thread only.
 */
final class SeenOrderIds {

  private final Map<String, Boolean> ids;

  SeenOrderIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.ids = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Records {@code orderId}; false if it was already recorded (a duplicate). */
  boolean add(String orderId) {
    return ids.putIfAbsent(orderId, Boolean.TRUE) == null;
  }

  /** Ids currently remembered. */
  int size() {
    return ids.size();
  }
}
