package io.hedgestream.engine.processor;

import io.hedgestream.avro.RegimeChange;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.market.AmihudQuartiles;
import io.hedgestream.market.RegimeLabel;
import io.hedgestream.market.RollingMarketState;
import io.hedgestream.market.VolRegime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Labels each symbol's regime on every accepted tick from its rolling state (core's {@link RegimeLabel}:
 * the features as of the tick, so the current day's close so far counts and a regime can change intraday)
 * and reports a {@link RegimeChange} when the volatility regime differs from the last one reported (the
 * first defined label included, from UNKNOWN). A change of liquidity tag alone is carried on the PnL and
 * risk records but is not a regime event. The Amihud quartiles use completed days only, so they are
 * computed once per symbol and trading day.
 */
final class RegimeTracker {

  private record Quartiles(long day, AmihudQuartiles quartiles) {}

  private final Map<String, Quartiles> quartiles = new HashMap<>();
  private final Map<String, RegimeLabel> current = new HashMap<>();

  /**
   * Labels a symbol after a tick was applied to its rolling state.
   *
   * @param state the task's state (the last reported change is read and written there)
   * @param symbol the symbol
   * @param rolling its rolling state, the tick applied
   * @param eventMicros the tick's event time
   * @return the change to publish, if the regime changed
   */
  Optional<RegimeChange> onTick(EngineState state, String symbol, RollingMarketState rolling, long eventMicros) {
    RegimeLabel label = label(symbol, rolling);
    current.put(symbol, label);
    if (label.regime() == VolRegime.UNKNOWN) {
      return Optional.empty();
    }
    RegimeLabel last = state.lastRegimeChange(symbol);
    VolRegime from = last == null ? VolRegime.UNKNOWN : last.regime();
    if (from == label.regime()) {
      return Optional.empty();
    }
    state.saveRegimeChange(symbol, label);
    return Optional.of(RegimeChange.newBuilder()
        .setSymbol(symbol)
        .setEventTimeMicros(EpochMicros.toInstant(eventMicros))
        .setFromRegime(from.name())
        .setToRegime(label.regime().name())
        .setRealizedVol20d(label.realizedVol20d())
        .setLiquidityTag(label.liquidity().name())
        .setAmihud20d(Double.isNaN(label.amihud20d()) ? null : label.amihud20d())
        .build());
  }

  /**
   * The symbol's label as of its latest tick (computed from the rolling state after a restart).
   *
   * @param symbol the symbol
   * @param rolling its rolling state
   * @return the label
   */
  RegimeLabel current(String symbol, RollingMarketState rolling) {
    RegimeLabel label = current.get(symbol);
    if (label == null) {
      label = label(symbol, rolling);
      current.put(symbol, label);
    }
    return label;
  }

  /** Drops what is derived from the stores (after a failed record: recomputed on next use). */
  void clear() {
    quartiles.clear();
    current.clear();
  }

  private RegimeLabel label(String symbol, RollingMarketState rolling) {
    if (rolling.today() == null) {
      return RegimeLabel.UNKNOWN;
    }
    long day = rolling.today().day();
    Quartiles cached = quartiles.get(symbol);
    if (cached == null || cached.day() != day) {
      cached = new Quartiles(day, AmihudQuartiles.of(rolling.history()));
      quartiles.put(symbol, cached);
    }
    return RegimeLabel.of(rolling.features(), cached.quartiles());
  }
}
