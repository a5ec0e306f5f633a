package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.market.RollingFeature;
import io.hedgestream.market.RollingMarketState;
import io.hedgestream.market.TradingDays;
import io.hedgestream.market.VolRegime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The volatility regime of each replay tick, from the trailing 20-day realised vol of the symbol's closes
 * ({@link RollingMarketState}, the engine's own rolling state: trading day = UTC date, the tick's close
 * included) over every tick of the queue up to that tick, so a window's first days are labelled from the
 * history before it and no label looks ahead. The bands are the engine's own, {@link VolRegime#of} (one
 * definition: LOW &lt; 10%, MEDIUM [10%, 25%), HIGH [25%, 40%], CRISIS &gt; 40%, UNKNOWN while fewer than 21
 * closes exist).
 */
public final class DailyRegimes {

  private final Map<Instant, String> byTime;

  private DailyRegimes(Map<Instant, String> byTime) {
    this.byTime = byTime;
  }

  /**
   * Labels every tick.
   *
   * @param ticks every tick of one symbol in event-time order (history before the window included)
   * @return the labels
   */
  public static DailyRegimes of(List<MarketTick> ticks) {
    TradingDays days = new TradingDays(ZoneOffset.UTC);
    RollingMarketState state = new RollingMarketState();
    Map<Instant, String> labels = new HashMap<>();
    for (MarketTick tick : ticks) {
      long micros = java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, tick.getEventTimeMicros());
      state.onTick(days.dayOf(micros), tick.getLast(), tick.getVolume());
      labels.put(tick.getEventTimeMicros(),
          VolRegime.of(state.features().value(RollingFeature.REALIZED_VOL_20D)).name());
    }
    return new DailyRegimes(labels);
  }

  /** The label of the tick at {@code time}, UNKNOWN for a time without a tick. */
  public String at(Instant time) {
    return byTime.getOrDefault(time, VolRegime.UNKNOWN.name());
  }
}
