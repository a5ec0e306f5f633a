package io.hedgestream.market;

/**
 * A symbol's volatility regime: the band of its trailing 20-day realised volatility
 * ({@link RollingFeature#REALIZED_VOL_20D}, annualised with sqrt(252)). Bands are closed below and open
 * above, except that exactly 40% is still {@link #HIGH} ("Crisis &gt; 40%").
 */
public enum VolRegime {
  /** Realised vol below 10%. */
  LOW,
  /** Realised vol in [10%, 25%). */
  MEDIUM,
  /** Realised vol in [25%, 40%]. */
  HIGH,
  /** Realised vol above 40%. */
  CRISIS,
  /** Realised vol undefined (fewer than 21 daily closes): no regime yet. */
  UNKNOWN;

  /** Lower edge of {@link #MEDIUM}, annualised vol as a fraction. */
  public static final double MEDIUM_FROM = 0.10;
  /** Lower edge of {@link #HIGH}. */
  public static final double HIGH_FROM = 0.25;
  /** Upper edge (inclusive) of {@link #HIGH}; above it is {@link #CRISIS}. */
  public static final double CRISIS_ABOVE = 0.40;

  /**
   * The regime of a realised vol.
   *
   * @param realizedVol20d trailing 20-day realised vol, annualised fraction (0.12 = 12%); NaN when undefined
   * @return its band, {@link #UNKNOWN} for NaN
   */
  public static VolRegime of(double realizedVol20d) {
    if (Double.isNaN(realizedVol20d)) {
      return UNKNOWN;
    }
    if (realizedVol20d < MEDIUM_FROM) {
      return LOW;
    }
    if (realizedVol20d < HIGH_FROM) {
      return MEDIUM;
    }
    return realizedVol20d <= CRISIS_ABOVE ? HIGH : CRISIS;
  }
}
