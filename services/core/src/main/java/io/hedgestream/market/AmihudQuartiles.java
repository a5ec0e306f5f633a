package io.hedgestream.market;

import java.util.Arrays;

/**
 * Quartile boundaries of a symbol's own daily Amihud illiquidity over its last
 * {@value #WINDOW_DAYS} completed trading days: the reference a liquidity tag compares today's
 * {@code amihud_20d} against. Each reference value is the {@code amihud_20d} that day's close gave
 * (its own trailing 20-day window), so the boundaries use completed days only and never a later one.
 *
 * <p>Boundaries are the lower empirical quantiles of the m reference values sorted ascending,
 * {@code b_j = v[ceil(j m / 4)]} (1-based) for j = 1, 2, 3; they are defined once at least
 * {@value #MIN_DAYS} reference values exist (a day whose window traded no volume has none). The history
 * holds 251 completed days, so up to 231 daily values are computable; 200 (about ten trading months)
 * keeps the reference recent while every boundary rests on 50 values. Immutable.
 */
public final class AmihudQuartiles {

  /** Completed days whose {@code amihud_20d} form the reference set. */
  public static final int WINDOW_DAYS = 200;
  /** Reference values needed before the tag is defined. */
  public static final int MIN_DAYS = 60;

  /** No boundaries: every tag is {@link LiquidityTag#UNKNOWN}. */
  public static final AmihudQuartiles NONE = new AmihudQuartiles(new double[0]);

  private final double[] boundaries;
  private final int days;

  private AmihudQuartiles(double[] sorted) {
    days = sorted.length;
    boundaries = days < MIN_DAYS ? new double[0] : new double[] {
        sorted[(days + 3) / 4 - 1], sorted[(2 * days + 3) / 4 - 1], sorted[(3 * days + 3) / 4 - 1]};
  }

  /**
   * The boundaries from a symbol's completed days.
   *
   * @param history the completed days, oldest first
   * @return the quartiles of the defined daily {@code amihud_20d} values of the last {@value #WINDOW_DAYS} days
   */
  public static AmihudQuartiles of(DailyHistory history) {
    double[] daily = IlliquidityFlag.dailyAmihud(history.closes(), history.volumes());
    int first = Math.max(0, daily.length - WINDOW_DAYS);  // the series covers up to 252 days, the tag 200
    double[] values = new double[daily.length - first];
    int defined = 0;
    for (int i = first; i < daily.length; i++) {
      if (!Double.isNaN(daily[i])) {
        values[defined++] = daily[i];
      }
    }
    double[] sorted = Arrays.copyOf(values, defined);
    Arrays.sort(sorted);
    return new AmihudQuartiles(sorted);
  }

  /** Reference values the boundaries rest on. */
  public int days() {
    return days;
  }

  /** Whether enough reference values exist to tag. */
  public boolean isDefined() {
    return boundaries.length == 3;
  }

  /**
   * The tag of an Amihud value.
   *
   * @param amihud20d today's {@code amihud_20d}, NaN when undefined
   * @return its quartile, {@link LiquidityTag#UNKNOWN} when undefined or before {@value #MIN_DAYS} values
   */
  public LiquidityTag tag(double amihud20d) {
    if (!isDefined() || Double.isNaN(amihud20d)) {
      return LiquidityTag.UNKNOWN;
    }
    if (amihud20d <= boundaries[0]) {
      return LiquidityTag.Q1;
    }
    if (amihud20d <= boundaries[1]) {
      return LiquidityTag.Q2;
    }
    return amihud20d <= boundaries[2] ? LiquidityTag.Q3 : LiquidityTag.Q4;
  }

  @Override
  public String toString() {
    return "AmihudQuartiles[days=" + days + ", boundaries=" + Arrays.toString(boundaries) + "]";
  }
}
