package io.hedgestream.launcher;

import io.hedgestream.basics.EpochMicros;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import java.util.Random;

/**
 * The delta-hedging study's contract, market and paths: the desk is short {@code contracts} at-the-money
 * calls (the client buys them at the Black-Scholes price), the underlying follows a driftless GBM with
 * constant vol, rates and dividends are zero, and the book is re-hedged once a day until expiry.
 *
 * <p>Day {@code k} is at {@code startMicros + k} days; the option expires on day {@code days}. Time to
 * maturity is ACT/365 in years exactly as the engine computes it ({@link EpochMicros#yearsBetween}), so the
 * offline replica prices with bit-identical inputs.
 *
 * @param paths independent paths (one symbol each)
 * @param days hedging decisions before expiry (days 0 .. days-1); the option expires on day {@code days}
 * @param spot0 spot on day 0
 * @param strike strike (at the money: equal to {@code spot0})
 * @param vol annual volatility of the GBM and of the ticks' ATM implied vol
 * @param contracts contracts the client buys (desk position = -contracts)
 * @param multiplier underlying units per contract
 * @param lotSize the engine's {@code engine.lot-size}: hedge orders are whole multiples of it
 * @param startMicros event time of day 0, epoch microseconds
 * @param seed base seed; path {@code i} uses {@code seed + i}
 */
record DeltaHedgingSetup(int paths, int days, double spot0, double strike, double vol, double contracts,
    double multiplier, double lotSize, long startMicros, long seed) {

  /** One calendar day in microseconds. */
  static final long DAY_MICROS = 86_400_000_000L;

  /** Event time of day {@code day}, epoch microseconds. */
  long eventMicros(int day) {
    return startMicros + day * DAY_MICROS;
  }

  /** Expiry of the option, epoch microseconds: day {@link #days()}. */
  long expiryMicros() {
    return eventMicros(days);
  }

  /** Years to expiry on day {@code day}, ACT/365, as the engine computes it. */
  double ttmYears(int day) {
    return EpochMicros.yearsBetween(eventMicros(day), expiryMicros());
  }

  /** The premium the client pays per underlying unit: the Black-Scholes price on day 0. */
  double premium() {
    return BlackScholes.price(PutCall.CALL, spot0, strike, ttmYears(0), vol, 0, 0);
  }

  /** Underlying units of the liability: contracts x multiplier. */
  double units() {
    return contracts * multiplier;
  }

  /**
   * The spot on days 0 .. {@code days} of path {@code index}: driftless GBM,
   * {@code S(k+1) = S(k) exp(-vol^2 dt / 2 + vol sqrt(dt) Z)} with {@code dt} one day in years, seeded by
   * {@code seed + index}.
   *
   * @param index path number
   * @return {@code days + 1} spots
   */
  double[] path(int index) {
    return gbmPath(new Random(seed + index));
  }

  /** A driftless GBM path drawn from {@code random}, as {@link #path(int)}. */
  double[] gbmPath(Random random) {
    double dt = EpochMicros.yearsBetween(0, DAY_MICROS);
    double drift = -0.5 * vol * vol * dt;
    double diffusion = vol * Math.sqrt(dt);
    double[] spots = new double[days + 1];
    spots[0] = spot0;
    for (int day = 1; day <= days; day++) {
      spots[day] = spots[day - 1] * Math.exp(drift + diffusion * random.nextGaussian());
    }
    return spots;
  }
}
