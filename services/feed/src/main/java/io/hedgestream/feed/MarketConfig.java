package io.hedgestream.feed;

import io.hedgestream.feed.market.GbmSimulator;
import io.hedgestream.feed.market.HestonParameters;
import io.hedgestream.feed.market.HestonSimulator;
import io.hedgestream.feed.market.MarketSimulator;
import java.util.Locale;

/**
 * The simulated market of every symbol: the price model, its parameters and the quote around the mid.
 *
 * @param model which simulator drives the mid
 * @param initialSpot mid at the start, &gt; 0
 * @param drift μ of the mid, annualised
 * @param volatility σ of the GBM model, annualised
 * @param heston Heston parameters (initial spot and drift equal {@code initialSpot} and {@code drift})
 * @param rate risk-free rate on every tick, continuous, annualised
 * @param dividendYield dividend yield on every tick, continuous, annualised
 * @param halfSpreadBps bid = mid·(1 − h), ask = mid·(1 + h) with h = halfSpreadBps / 10,000, &gt;= 0
 * @param volumePerDay expected shares traded per calendar day, &gt;= 0
 */
public record MarketConfig(
    Model model,
    double initialSpot,
    double drift,
    double volatility,
    HestonParameters heston,
    double rate,
    double dividendYield,
    double halfSpreadBps,
    double volumePerDay) {

  /** The price models the feed can simulate. */
  public enum Model {
    /** Geometric Brownian motion, constant vol. */
    GBM,
    /** Heston stochastic volatility. */
    HESTON;

    /** Parses {@code gbm} or {@code heston}, case-insensitively. */
    public static Model parse(String text) {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** Validates the fields the simulators do not validate themselves. */
  public MarketConfig {
    java.util.Objects.requireNonNull(model, "model");
    java.util.Objects.requireNonNull(heston, "heston");
    if (!Double.isFinite(rate) || !Double.isFinite(dividendYield)) {
      throw new IllegalArgumentException("rate and dividendYield must be finite");
    }
    if (!(halfSpreadBps >= 0) || !(halfSpreadBps < 10_000)) {
      throw new IllegalArgumentException("halfSpreadBps must be in [0, 10000), got " + halfSpreadBps);
    }
    if (!(volumePerDay >= 0) || !Double.isFinite(volumePerDay)) {
      throw new IllegalArgumentException("volumePerDay must be finite and >= 0, got " + volumePerDay);
    }
    if (!(initialSpot > 0) || !Double.isFinite(initialSpot) || !Double.isFinite(drift)) {
      throw new IllegalArgumentException("initialSpot must be finite and > 0 and drift finite");
    }
    if (!(volatility >= 0) || !Double.isFinite(volatility)) {
      throw new IllegalArgumentException("volatility must be finite and >= 0, got " + volatility);
    }
  }

  /** A new simulator for the configured model. */
  public MarketSimulator simulator() {
    return model == Model.GBM ? new GbmSimulator(initialSpot, drift, volatility) : new HestonSimulator(heston);
  }
}
