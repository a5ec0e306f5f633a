package io.hedgestream.feed.market;

import java.util.random.RandomGenerator;

/**
 * Geometric Brownian motion {@code dS = μ·S·dt + σ·S·dW}, stepped exactly in log space:
 * {@code S(t+Δ) = S(t)·exp((μ − σ²/2)·Δ + σ·√Δ·Z)}, so there is no discretisation error at any step size.
 * The implied volatility of every option is σ.
 */
public final class GbmSimulator implements MarketSimulator {

  private final double initialSpot;
  private final double drift;
  private final double volatility;

  /**
   * A GBM with constant parameters.
   *
   * @param initialSpot S(0), &gt; 0
   * @param drift μ, annualised (use r − q for a risk-neutral path)
   * @param volatility σ, annualised, &gt;= 0
   */
  public GbmSimulator(double initialSpot, double drift, double volatility) {
    if (!(initialSpot > 0) || !Double.isFinite(initialSpot)) {
      throw new IllegalArgumentException("initialSpot must be finite and > 0, got " + initialSpot);
    }
    if (!Double.isFinite(drift)) {
      throw new IllegalArgumentException("drift must be finite, got " + drift);
    }
    if (!(volatility >= 0) || !Double.isFinite(volatility)) {
      throw new IllegalArgumentException("volatility must be finite and >= 0, got " + volatility);
    }
    this.initialSpot = initialSpot;
    this.drift = drift;
    this.volatility = volatility;
  }

  @Override
  public MarketState initialState() {
    return new MarketState(initialSpot, volatility * volatility);
  }

  @Override
  public MarketState step(MarketState state, double dtYears, RandomGenerator random) {
    double z = random.nextGaussian();
    double logReturn = (drift - 0.5 * volatility * volatility) * dtYears + volatility * Math.sqrt(dtYears) * z;
    return new MarketState(state.spot() * Math.exp(logReturn), state.variance());
  }

  @Override
  public double atmImpliedVol(MarketState state, double tenorYears) {
    return volatility;
  }

  @Override
  public String source() {
    return "feed-gbm";
  }
}
