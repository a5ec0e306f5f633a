package io.hedgestream.replay.queue;

import io.hedgestream.avro.MarketTick;
import java.util.List;

/**
 * A complete replay queue read back: its header and its ticks in append (event-time) order.
 *
 * @param header what the ticks were built from
 * @param ticks the ticks
 */
public record QueueContents(QueueHeader header, List<MarketTick> ticks) {

  /** Copies the list. */
  public QueueContents {
    ticks = List.copyOf(ticks);
  }
}
