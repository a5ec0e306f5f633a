package io.hedgestream.feed.market;

/**
 * The state of one simulated underlying at one instant.
 *
 * @param spot mid price of the underlying, &gt; 0
 * @param variance instantaneous variance, annualised (σ² for GBM, v for Heston), &gt;= 0
 */
public record MarketState(double spot, double variance) {

  /** Rejects a non-positive or non-finite spot and a negative or non-finite variance. */
  public MarketState {
    if (!(spot > 0) || !Double.isFinite(spot)) {
      throw new IllegalArgumentException("spot must be finite and > 0, got " + spot);
    }
    if (!(variance >= 0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException("variance must be finite and >= 0, got " + variance);
    }
  }
}
