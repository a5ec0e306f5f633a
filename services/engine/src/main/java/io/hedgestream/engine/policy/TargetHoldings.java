package io.hedgestream.engine.policy;

import java.util.Map;
import java.util.TreeMap;

/**
 * Holdings a policy wants the book to have after the decision, in units per instrument id. Instruments
 * not named keep their holdings. Values are not checked here (a policy may return NaN); the engine's
 * guard checks them before anything trades.
 *
 * @param units target units by instrument id
 */
public record TargetHoldings(Map<String, Double> units) {

  /** Copies the map, sorted by instrument id so iteration (and order ids) are deterministic. */
  public TargetHoldings {
    units = java.util.Collections.unmodifiableMap(new TreeMap<>(units));
  }

  /** A target for one instrument. */
  public static TargetHoldings of(String instrument, double target) {
    return new TargetHoldings(Map.of(instrument, target));
  }
}
