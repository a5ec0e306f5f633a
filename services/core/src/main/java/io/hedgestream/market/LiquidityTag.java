package io.hedgestream.market;

/**
 * Where a symbol's current 20-day Amihud illiquidity ({@link RollingFeature#AMIHUD_20D}) falls among the
 * quartiles of its own trailing daily values ({@link AmihudQuartiles}): {@link #Q1} most liquid (lowest
 * illiquidity) to {@link #Q4} least liquid.
 */
public enum LiquidityTag {
  /** At or below the first quartile: the most liquid quarter. */
  Q1,
  /** Above the first quartile, at or below the median. */
  Q2,
  /** Above the median, at or below the third quartile. */
  Q3,
  /** Above the third quartile: the least liquid quarter. */
  Q4,
  /** Too little history, or no Amihud value today (warm-up or no traded volume). */
  UNKNOWN
}
