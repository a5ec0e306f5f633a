package io.hedgestream.market;

import io.hedgestream.basics.Result;
import java.util.Arrays;

/**
 * The contract's rolling features of one symbol as of one tick, computed from its daily closes and
 * volumes with trailing windows only. {@code C_t} is the current day's close so far (the latest tick's
 * price), so a daily bar's own close is in its features and an intraday decision sees the day's return
 * so far; the window's other days are completed days. A feature whose window is not yet full is undefined
 * (NaN, and {@link #get} explains why). The regime one-hot is undefined with {@code realized_vol_20d}, the
 * illiquid flag as {@link IlliquidityFlag} says. Immutable.
 */
public final class RollingFeatures {

  private static final RollingFeature[] FEATURES = RollingFeature.values();

  /** The features of a symbol with no close yet: all undefined. */
  public static final RollingFeatures NONE = new RollingFeatures(new double[0], new double[0]);

  private final double[] values = new double[FEATURES.length];
  private final int closes;
  /** The series the illiquid flag needs (null when it is undefined for lack of closes). */
  private double[] flagCloses;
  private double[] flagVolumes;

  private RollingFeatures(double[] closes, double[] volumes) {
    this.closes = closes.length;
    Arrays.fill(values, Double.NaN);
    int n = closes.length;
    if (n >= 1) {
      values[RollingFeature.DRAWDOWN.ordinal()] = drawdown(closes);
    }
    if (n >= RollingFeature.RET_1D.closesNeeded()) {
      values[RollingFeature.RET_1D.ordinal()] = Math.log(closes[n - 1] / closes[n - 2]);
    }
    if (n >= RollingFeature.RETURN_WINDOW + 1) {
      windowFeatures(closes, volumes);
    }
  }

  /**
   * Computes the features from a symbol's daily closes and volumes.
   *
   * @param closes daily closes, oldest first, the last one {@code C_t}; each &gt; 0
   * @param volumes each day's volume, same length
   * @return the features
   * @throws IllegalArgumentException when the lengths differ
   */
  public static RollingFeatures of(double[] closes, double[] volumes) {
    if (closes.length != volumes.length) {
      throw new IllegalArgumentException(closes.length + " closes but " + volumes.length + " volumes");
    }
    return closes.length == 0 ? NONE : new RollingFeatures(closes, volumes);
  }

  /** Daily closes the features were computed from, the current day's included. */
  public int closes() {
    return closes;
  }

  /**
   * A feature's value.
   *
   * @param feature the feature
   * @return its value, NaN while undefined
   */
  public double value(RollingFeature feature) {
    if (feature == RollingFeature.ILLIQUID && flagCloses != null) {
      illiquid();
    }
    return values[feature.ordinal()];
  }

  /** Whether a feature is defined. */
  public boolean isDefined(RollingFeature feature) {
    return !Double.isNaN(value(feature));
  }

  /**
   * A feature's value, or why it is undefined.
   *
   * @param feature the feature
   * @return the value, or a failure naming the feature and the closes available (warm-up) or the missing
   *     volume
   */
  public Result<Double> get(RollingFeature feature) {
    double value = value(feature);
    if (!Double.isNaN(value)) {
      return Result.success(value);
    }
    if (closes < feature.closesNeeded()) {
      return Result.failure(feature.contractName() + " needs " + feature.closesNeeded() + " daily closes, "
          + closes + " available (warm-up)");
    }
    if (feature == RollingFeature.ILLIQUID && isDefined(RollingFeature.AMIHUD_20D)) {
      return Result.failure(feature.contractName() + " is undefined: fewer than " + IlliquidityFlag.MIN_VALUES
          + " defined amihud_20d values in its " + IlliquidityFlag.LOOKBACK_DAYS + "-day window");
    }
    return Result.failure(feature.contractName() + " is undefined: no volume traded on any day of its "
        + RollingFeature.RETURN_WINDOW + "-day window");
  }

  private static double drawdown(double[] closes) {
    int n = closes.length;
    double peak = closes[n - 1];
    for (int i = Math.max(0, n - RollingFeature.DRAWDOWN_WINDOW); i < n; i++) {
      peak = Math.max(peak, closes[i]);
    }
    return closes[n - 1] / peak - 1;
  }

  /** The 20-day features: returns r_j = ln(C_j / C_{j-1}) for the window's days j = n-20 .. n-1. */
  private void windowFeatures(double[] closes, double[] volumes) {
    int n = closes.length;
    int window = RollingFeature.RETURN_WINDOW;
    double[] returns = new double[window];
    double sum = 0;
    double worst = Double.POSITIVE_INFINITY;
    for (int k = 0; k < window; k++) {
      int day = n - window + k;
      double r = Math.log(closes[day] / closes[day - 1]);
      returns[k] = r;
      sum += r;
      worst = Math.min(worst, r);
    }
    double mean = sum / window;
    double squares = 0;
    for (double r : returns) {
      squares += (r - mean) * (r - mean);
    }
    values[RollingFeature.REALIZED_VOL_20D.ordinal()] =
        Math.sqrt(RollingFeature.TRADING_DAYS_PER_YEAR * squares / (window - 1));
    values[RollingFeature.MOMENTUM_20D.ordinal()] = Math.log(closes[n - 1] / closes[n - 1 - window]);
    values[RollingFeature.CVAR95_20D.ordinal()] = -worst;
    values[RollingFeature.AMIHUD_20D.ordinal()] = IlliquidityFlag.lastAmihud(closes, volumes);
    flagCloses = closes;
    flagVolumes = volumes;
    regime(VolRegime.of(values[RollingFeature.REALIZED_VOL_20D.ordinal()]));
  }

  /**
   * The illiquid flag, computed on first use: it reads a year of daily Amihud values, and the engine builds
   * these features on every tick (regime labels) while only a model on a feature set with {@code illiquid}
   * needs it. Idempotent, so a repeated computation is harmless.
   */
  private void illiquid() {
    double[] amihud = IlliquidityFlag.dailyAmihud(flagCloses, flagVolumes);
    values[RollingFeature.ILLIQUID.ordinal()] = IlliquidityFlag.of(amihud);
    flagCloses = null;
    flagVolumes = null;
  }

  /** The one-hot regime features of a defined volatility regime. */
  private void regime(VolRegime regime) {
    values[RollingFeature.REGIME_LOW.ordinal()] = regime == VolRegime.LOW ? 1 : 0;
    values[RollingFeature.REGIME_MEDIUM.ordinal()] = regime == VolRegime.MEDIUM ? 1 : 0;
    values[RollingFeature.REGIME_HIGH.ordinal()] = regime == VolRegime.HIGH ? 1 : 0;
    values[RollingFeature.REGIME_CRISIS.ordinal()] = regime == VolRegime.CRISIS ? 1 : 0;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("RollingFeatures[closes=").append(closes);
    for (RollingFeature feature : FEATURES) {
      text.append(", ").append(feature.contractName()).append('=').append(value(feature));
    }
    return text.append(']').toString();
  }
}
