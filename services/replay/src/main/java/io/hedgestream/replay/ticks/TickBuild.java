package io.hedgestream.replay.ticks;

import io.hedgestream.avro.MarketTick;
import java.util.List;

/**
 * Ticks built from daily data, in event-time order, with the build's report.
 *
 * @param ticks the ticks
 * @param report what was joined, skipped and carried forward
 */
public record TickBuild(List<MarketTick> ticks, BuildReport report) {

  /** Copies the list. */
  public TickBuild {
    ticks = List.copyOf(ticks);
  }
}
