package io.hedgestream.market;

/**
 * A symbol's regime label as of one tick: its volatility regime and liquidity tag, with the figures they
 * were read from. Labels use trailing windows only: the realised vol and Amihud value are the rolling
 * features as of the tick (the current day's close so far included, so a label can change intraday, as
 * the features do), and the liquidity quartiles use completed days only. Appending later ticks never
 * changes a label already computed.
 *
 * @param regime the volatility regime
 * @param liquidity the liquidity tag
 * @param realizedVol20d the trailing 20-day realised vol (annualised), NaN in warm-up
 * @param amihud20d the trailing 20-day Amihud illiquidity (x 1e6), NaN when undefined
 */
public record RegimeLabel(VolRegime regime, LiquidityTag liquidity, double realizedVol20d, double amihud20d) {

  /** The label of a symbol with no defined feature yet. */
  public static final RegimeLabel UNKNOWN =
      new RegimeLabel(VolRegime.UNKNOWN, LiquidityTag.UNKNOWN, Double.NaN, Double.NaN);

  /**
   * The label from the features of a tick and the quartiles of the completed days before it.
   *
   * @param features the symbol's rolling features as of the tick
   * @param quartiles {@link AmihudQuartiles#of} the symbol's completed days
   * @return the label
   */
  public static RegimeLabel of(RollingFeatures features, AmihudQuartiles quartiles) {
    double vol = features.value(RollingFeature.REALIZED_VOL_20D);
    double amihud = features.value(RollingFeature.AMIHUD_20D);
    return new RegimeLabel(VolRegime.of(vol), quartiles.tag(amihud), vol, amihud);
  }

  /**
   * The label of a rolling state as of its latest tick (computes the quartiles; a caller labelling every
   * tick should keep {@link AmihudQuartiles} per day instead, as the engine does).
   *
   * @param state the symbol's rolling state
   * @return the label
   */
  public static RegimeLabel of(RollingMarketState state) {
    return of(state.features(), AmihudQuartiles.of(state.history()));
  }
}
