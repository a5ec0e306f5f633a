package io.hedgestream.feed.market;

import java.util.random.RandomGenerator;

/**
 * A stochastic model of one underlying that advances a {@link MarketState} by one time step.
 *
 * <p>Implementations are immutable and hold only parameters: all randomness comes from the generator the
 * caller passes in, so the same seed always yields the same path. The drift is the model's (possibly
 * real-world) drift μ: {@code E[S(t)] = S(0)·exp(μ·t)}.
 */
public interface MarketSimulator {

  /** The state at time zero. */
  MarketState initialState();

  /**
   * The state {@code dtYears} after {@code state}.
   *
   * @param state the current state
   * @param dtYears the step in years (ACT/365), &gt; 0
   * @param random the source of randomness, owned by the caller
   * @return the next state
   */
  MarketState step(MarketState state, double dtYears, RandomGenerator random);

  /**
   * The at-the-money implied volatility an option of tenor {@code tenorYears} is quoted at in {@code state}.
   *
   * @param state the current state
   * @param tenorYears time to the option's expiry in years, &gt;= 0
   * @return the annualised implied volatility, &gt;= 0
   */
  double atmImpliedVol(MarketState state, double tenorYears);

  /** The tick {@code source} tag of this model, e.g. {@code feed-gbm}. */
  String source();
}
