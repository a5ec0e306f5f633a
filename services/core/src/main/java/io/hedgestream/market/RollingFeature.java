package io.hedgestream.market;

import java.util.Optional;

/**
 * The feature contract's {@code rolling} features, in contract order, each with its contract name and the
 * number of daily closes (including the current day's) it needs before it is defined.
 */
public enum RollingFeature {
  /** {@code ln(C_t / C_{t-1})}. */
  RET_1D("ret_1d", 2),
  /** {@code sqrt(252)} x sample std (divisor 19) of the last 20 daily log returns. */
  REALIZED_VOL_20D("realized_vol_20d", RollingFeature.RETURN_WINDOW + 1),
  /** {@code C_t / max(trailing closes, at most 252, including C_t) - 1}; defined from the first close. */
  DRAWDOWN("drawdown", 1),
  /** {@code ln(C_t / C_{t-20})}. */
  MOMENTUM_20D("momentum_20d", RollingFeature.RETURN_WINDOW + 1),
  /** {@code -min} of the last 20 daily log returns (mean of the ceil(0.05 x 20) = 1 worst losses). */
  CVAR95_20D("cvar95_20d", RollingFeature.RETURN_WINDOW + 1),
  /** {@code 1e6 x} mean of {@code |r_d| / (C_d Volume_d)} over the last 20 days that traded volume. */
  AMIHUD_20D("amihud_20d", RollingFeature.RETURN_WINDOW + 1);

  /** Daily log returns in the 20-day windows. */
  public static final int RETURN_WINDOW = 20;
  /** Closes in the drawdown window, the current day's included. */
  public static final int DRAWDOWN_WINDOW = 252;
  /** Trading days per year that annualise the realised vol. */
  public static final int TRADING_DAYS_PER_YEAR = 252;
  /** Amihud illiquidity is quoted per million currency units traded. */
  public static final double AMIHUD_SCALE = 1e6;

  private final String contractName;
  private final int closesNeeded;

  RollingFeature(String contractName, int closesNeeded) {
    this.contractName = contractName;
    this.closesNeeded = closesNeeded;
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
