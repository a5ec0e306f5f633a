package io.hedgestream.market;

import java.util.Arrays;

/**
 * The contract's {@code illiquid} feature, the HIRM study's liquidity context: whether today's
 * {@code amihud_20d} is strictly above the {@value #QUANTILE} quantile of the defined {@code amihud_20d}
 * values of the last {@value #LOOKBACK_DAYS} days, today's included (each day's value from its own trailing
 * 20-day window, so the reference uses trailing data only).
 *
 * <p>The quantile is the trainer's ({@code torch.nanquantile}, linear): with the m defined values sorted
 * ascending, {@code rank = 0.75 (m - 1)}, {@code w = rank - floor(rank)}, and the threshold interpolates
 * {@code v[floor(rank)]} and {@code v[ceil(rank)]} as torch's {@code lerp} does ({@code a + w (b - a)} for
 * {@code w < 0.5}, else {@code b - (b - a)(1 - w)}). Undefined (NaN) when today's {@code amihud_20d} is, or
 * when fewer than {@value #MIN_VALUES} values of the window are defined. This is not the engine diagnostics'
 * {@link AmihudQuartiles} tag (quartiles of completed days only): it is the trainer's definition, which a
 * served robust policy must see.
 */
public final class IlliquidityFlag {

  /** Days whose {@code amihud_20d} form the reference, today's included. */
  public static final int LOOKBACK_DAYS = 252;
  /** The reference quantile today's value must exceed. */
  public static final double QUANTILE = 0.75;
  /** Defined reference values needed before the flag is defined. */
  public static final int MIN_VALUES = 20;

  private IlliquidityFlag() {}

  /**
   * The daily {@code amihud_20d} of every day that has a full 20-return window.
   *
   * @param closes daily closes, oldest first, the last one {@code C_t}
   * @param volumes each day's volume, same length
   * @return element {@code j} is the value of day {@code closes.length - result.length + j}; NaN where the
   *     window traded no volume; at most {@value #LOOKBACK_DAYS} values (the last days), empty before 21
   *     closes
   */
  static double[] dailyAmihud(double[] closes, double[] volumes) {
    int n = closes.length;
    int window = RollingFeature.RETURN_WINDOW;
    int first = Math.max(window, n - LOOKBACK_DAYS);
    double[] out = new double[Math.max(0, n - first)];
    if (out.length == 0) {
      return out;
    }
    // |r_d| / (C_d Volume_d) of every day the windows read (one log per day, not per window); NaN: no volume
    int from = first - window + 1;
    double[] ratio = new double[n - from];
    for (int d = from; d < n; d++) {
      ratio[d - from] = volumes[d] > 0
          ? Math.abs(Math.log(closes[d] / closes[d - 1])) / (closes[d] * volumes[d]) : Double.NaN;
    }
    for (int day = first; day < n; day++) {
      out[day - first] = amihud(ratio, day - from - window + 1);
    }
    return out;
  }

  /**
   * {@code amihud_20d} of the last day alone: the last element of {@link #dailyAmihud}, with the same
   * arithmetic, without the {@value #LOOKBACK_DAYS}-day series.
   *
   * @param closes daily closes, oldest first, at least 21
   * @param volumes each day's volume, same length
   * @return the value; NaN when the window traded no volume
   */
  static double lastAmihud(double[] closes, double[] volumes) {
    int n = closes.length;
    int window = RollingFeature.RETURN_WINDOW;
    int from = n - window - 1;
    return dailyAmihud(Arrays.copyOfRange(closes, from, n), Arrays.copyOfRange(volumes, from, n))[0];
  }

  /** {@code amihud_20d} of the window of days starting at {@code start} in {@code ratio}; NaN when none traded. */
  private static double amihud(double[] ratio, int start) {
    double illiquidity = 0;
    int traded = 0;
    for (int d = start; d < start + RollingFeature.RETURN_WINDOW; d++) {
      if (!Double.isNaN(ratio[d])) {
        illiquidity += ratio[d];
        traded++;
      }
    }
    return traded > 0 ? RollingFeature.AMIHUD_SCALE * illiquidity / traded : Double.NaN;
  }

  /**
   * The flag of the last day of a daily Amihud series.
   *
   * @param dailyAmihud {@link #dailyAmihud} of the symbol's closes
   * @return 1 when illiquid, 0 when not, NaN when undefined
   */
  static double of(double[] dailyAmihud) {
    if (dailyAmihud.length == 0 || Double.isNaN(dailyAmihud[dailyAmihud.length - 1])) {
      return Double.NaN;
    }
    double today = dailyAmihud[dailyAmihud.length - 1];
    double[] defined = Arrays.stream(dailyAmihud).filter(value -> !Double.isNaN(value)).sorted().toArray();
    if (defined.length < MIN_VALUES) {
      return Double.NaN;
    }
    return today > quantile(defined) ? 1.0 : 0.0;
  }

  /** torch.nanquantile's linear quantile of sorted values (see the class comment). */
  static double quantile(double[] sorted) {
    double rank = QUANTILE * (sorted.length - 1);
    int below = (int) rank;
    double weight = rank - below;
    double a = sorted[below];
    double b = sorted[(int) Math.ceil(rank)];
    return Math.abs(weight) < 0.5 ? a + weight * (b - a) : b - (b - a) * (1 - weight);
  }
}
