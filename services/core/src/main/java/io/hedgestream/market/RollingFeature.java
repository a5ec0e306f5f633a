package io.hedgestream.market;

import java.util.Optional;

/**
 * The feature contract's {@code rolling} features, in contract order, each with its contract name, the
 * number of daily closes (including the current day's) it needs before it is defined, and the number after
 * which its whole window is available (from then on it no longer depends on how much history is held).
 * The regime features are the HIRM study's context r: the one-hot {@link VolRegime} band of
 * {@code realized_vol_20d} and an illiquidity flag ({@link IlliquidityFlag}).
 */
public enum RollingFeature {
  /** {@code ln(C_t / C_{t-1})}. */
  RET_1D("ret_1d", 2),
  /** {@code sqrt(252)} x sample std (divisor 19) of the last 20 daily log returns. */
  REALIZED_VOL_20D("realized_vol_20d", RollingFeature.RETURN_WINDOW + 1),
  /** {@code C_t / max(trailing closes, at most 252, including C_t) - 1}; defined from the first close. */
  DRAWDOWN("drawdown", 1, RollingFeature.DRAWDOWN_WINDOW),
  /** {@code ln(C_t / C_{t-20})}. */
  MOMENTUM_20D("momentum_20d", RollingFeature.RETURN_WINDOW + 1),
  /** {@code -min} of the last 20 daily log returns (mean of the ceil(0.05 x 20) = 1 worst losses). */
  CVAR95_20D("cvar95_20d", RollingFeature.RETURN_WINDOW + 1),
  /** {@code 1e6 x} mean of {@code |r_d| / (C_d Volume_d)} over the last 20 days that traded volume. */
  AMIHUD_20D("amihud_20d", RollingFeature.RETURN_WINDOW + 1),
  /** 1 when {@code realized_vol_20d} is {@link VolRegime#LOW}, else 0. */
  REGIME_LOW("regime_low", RollingFeature.RETURN_WINDOW + 1),
  /** 1 when {@code realized_vol_20d} is {@link VolRegime#MEDIUM}, else 0. */
  REGIME_MEDIUM("regime_medium", RollingFeature.RETURN_WINDOW + 1),
  /** 1 when {@code realized_vol_20d} is {@link VolRegime#HIGH}, else 0. */
  REGIME_HIGH("regime_high", RollingFeature.RETURN_WINDOW + 1),
  /** 1 when {@code realized_vol_20d} is {@link VolRegime#CRISIS}, else 0. */
  REGIME_CRISIS("regime_crisis", RollingFeature.RETURN_WINDOW + 1),
  /** 1 when {@code amihud_20d} is above the 75th percentile of its own trailing 252 daily values, else 0. */
  ILLIQUID("illiquid", IlliquidityFlag.MIN_VALUES + RollingFeature.RETURN_WINDOW, RollingFeature.HISTORY_CLOSES);

  /** Daily log returns in the 20-day windows. */
  public static final int RETURN_WINDOW = 20;
  /** Closes in the drawdown window, the current day's included. */
  public static final int DRAWDOWN_WINDOW = 252;
  /** Trading days per year that annualise the realised vol. */
  public static final int TRADING_DAYS_PER_YEAR = 252;
  /** Amihud illiquidity is quoted per million currency units traded. */
  public static final double AMIHUD_SCALE = 1e6;
  /**
   * Closes, the current day's included, after which every feature has its whole window: the illiquid flag
   * reads {@value IlliquidityFlag#LOOKBACK_DAYS} daily {@code amihud_20d} values, each from 21 closes.
   */
  public static final int HISTORY_CLOSES = IlliquidityFlag.LOOKBACK_DAYS + RETURN_WINDOW;

  private final String contractName;
  private final int closesNeeded;
  private final int fullWindowCloses;

  RollingFeature(String contractName, int closesNeeded) {
    this(contractName, closesNeeded, closesNeeded);
  }

  RollingFeature(String contractName, int closesNeeded, int fullWindowCloses) {
    this.contractName = contractName;
    this.closesNeeded = closesNeeded;
    this.fullWindowCloses = fullWindowCloses;
  }

  /** The feature's name in {@code schemas/policy/features.json}. */
  public String contractName() {
    return contractName;
  }

  /** Daily closes, the current day's included, needed before the feature is defined. */
  public int closesNeeded() {
    return closesNeeded;
  }

  /**
   * Daily closes, the current day's included, after which the feature's value no longer depends on how many
   * closes are held: {@code drawdown} is defined from one close but reads up to
   * {@value #DRAWDOWN_WINDOW}, the illiquid flag up to {@value #HISTORY_CLOSES}. A replay that publishes this
   * many closes minus one before a window gives the window's first decision the features of a long history.
   */
  public int fullWindowCloses() {
    return fullWindowCloses;
  }

  /**
   * The rolling feature of a contract name.
   *
   * @param contractName a contract feature name
   * @return the feature, empty when the name is not a rolling feature
   */
  public static Optional<RollingFeature> named(String contractName) {
    for (RollingFeature feature : values()) {
      if (feature.contractName.equals(contractName)) {
        return Optional.of(feature);
      }
    }
    return Optional.empty();
  }
}
