package io.hedgestream.feed.flow;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Arrival times of a homogeneous Poisson process in simulated time, measured in seconds from the start of
 * the simulation: inter-arrival gaps are independent exponentials with mean {@code 86400 / ratePerDay}
 * seconds (a day is 86,400 s of continuous calendar time, not a trading session).
 */
public final class PoissonArrivals {

  private static final double SECONDS_PER_DAY = 86_400.0;

  private final double meanGapSeconds;
  private final RandomGenerator random;
  private double nextArrivalSeconds;

  /**
   * A process starting at time 0.
   *
   * @param ratePerDay expected arrivals per calendar day, &gt;= 0 (0 = no arrivals ever)
   * @param random the source of randomness, owned by this process from now on
   */
  public PoissonArrivals(double ratePerDay, RandomGenerator random) {
    if (!(ratePerDay >= 0) || !Double.isFinite(ratePerDay)) {
      throw new IllegalArgumentException("ratePerDay must be finite and >= 0, got " + ratePerDay);
    }
    this.random = Objects.requireNonNull(random, "random");
    this.meanGapSeconds = ratePerDay == 0 ? Double.POSITIVE_INFINITY : SECONDS_PER_DAY / ratePerDay;
    this.nextArrivalSeconds = nextGap();
  }

  /** The time of the next arrival not yet taken, in seconds from the start. */
  public double peek() {
    return nextArrivalSeconds;
  }

  /**
   * Takes the next arrival if it happens at or before {@code untilSeconds}.
   *
   * @param untilSeconds end of the window, seconds from the start
   * @return the arrival time in seconds, or NaN when the next arrival is later than {@code untilSeconds}
   */
  public double pollUntil(double untilSeconds) {
    if (nextArrivalSeconds > untilSeconds) {
      return Double.NaN;
    }
    double arrival = nextArrivalSeconds;
    nextArrivalSeconds = arrival + nextGap();
    return arrival;
  }

  private double nextGap() {
    if (Double.isInfinite(meanGapSeconds)) {
      return Double.POSITIVE_INFINITY;
    }
    // Inverse transform with 1 − U in (0, 1] so the logarithm is finite.
    return -meanGapSeconds * Math.log(1.0 - random.nextDouble());
  }
}
