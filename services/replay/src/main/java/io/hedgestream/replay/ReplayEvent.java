package io.hedgestream.replay;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One record of a replay: a tick or a client order (exactly one is non-null).
 *
 * @param tick the tick, or null
 * @param order the order, or null
 */
public record ReplayEvent(MarketTick tick, ClientOrder order) {

  /** Validates that exactly one is present. */
  public ReplayEvent {
    if ((tick == null) == (order == null)) {
      throw new IllegalArgumentException("a replay event is either a tick or an order");
    }
  }

  /** A tick event. */
  public static ReplayEvent of(MarketTick tick) {
    return new ReplayEvent(tick, null);
  }

  /** An order event. */
  public static ReplayEvent of(ClientOrder order) {
    return new ReplayEvent(null, order);
  }

  /** Whether this is a tick. */
  public boolean isTick() {
    return tick != null;
  }

  /** The record's symbol (its Kafka key). */
  public String symbol() {
    return isTick() ? tick.getSymbol() : order.getSymbol();
  }

  /** The event time, epoch microseconds. */
  public long eventMicros() {
    Instant time = isTick() ? tick.getEventTimeMicros() : order.getEventTimeMicros();
    return ChronoUnit.MICROS.between(Instant.EPOCH, time);
  }
}
