package io.hedgestream.gateway.risk;

import io.hedgestream.config.SettingsReader;

/**
 * Position and Greek-exposure limits of the pre-trade checks, from {@code gateway.risk.*} (0 = off, the
 * default for each). Exposure is what the book holds after the order: the engine's latest report of the
 * book on {@code pnl.events} (positions, delta, vega) plus the orders this gateway sent since that report
 * plus the order checked ({@link BookExposures}). An order is refused when it takes an exposure beyond its
 * limit further out; one that brings an exposure already beyond its limit back towards it passes, so a book
 * pushed over a limit by its client trades can always be hedged back.
 *
 * <ul>
 *   <li>{@code max-position-units} the underlying units one book may hold ({@code RISK_POSITION_LIMIT}).
 *   <li>{@code max-option-position-contracts} contracts of one option series one book may hold, listed hedges
 *       and liabilities together ({@code RISK_POSITION_LIMIT}).
 *   <li>{@code max-symbol-position-units} underlying units all books of a symbol may hold together
 *       ({@code RISK_SYMBOL_POSITION_LIMIT}).
 *   <li>{@code max-book-delta} a book's delta in underlying units, hedges included ({@code RISK_DELTA_LIMIT}).
 *   <li>{@code max-book-vega} a book's vega in currency per 1.00 of vol ({@code RISK_VEGA_LIMIT}).
 * </ul>
 *
 * @param maxPositionUnits per book, underlying units (0: off)
 * @param maxOptionPositionContracts per book and option series, contracts (0: off)
 * @param maxSymbolPositionUnits per symbol over all books, underlying units (0: off)
 * @param maxBookDelta per book, underlying units (0: off)
 * @param maxBookVega per book, currency per 1.00 vol (0: off)
 */
public record ExposureLimits(double maxPositionUnits, double maxOptionPositionContracts, double maxSymbolPositionUnits,
    double maxBookDelta, double maxBookVega) {

  /** No exposure limit. */
  public static final ExposureLimits OFF = new ExposureLimits(0, 0, 0, 0, 0);

  /** Checks the values. */
  public ExposureLimits {
    for (double limit : new double[] {maxPositionUnits, maxOptionPositionContracts, maxSymbolPositionUnits,
        maxBookDelta, maxBookVega}) {
      if (!(limit >= 0) || !Double.isFinite(limit)) {
        throw new IllegalArgumentException("exposure limits must be finite and >= 0 (0 = off)");
      }
    }
  }

  /** Whether any limit is set (then the gateway follows pnl.events). */
  public boolean any() {
    return maxPositionUnits > 0 || maxOptionPositionContracts > 0 || maxSymbolPositionUnits > 0 || maxBookDelta > 0
        || maxBookVega > 0;
  }

  /** The limits from {@code gateway.risk.*}; errors go to {@code in}. */
  public static ExposureLimits from(SettingsReader in) {
    String p = PreTradeLimits.PREFIX;
    return new ExposureLimits(
        in.decimal(p + "max-position-units", 0, v -> v >= 0 && Double.isFinite(v), "finite and >= 0 (0 = off)"),
        in.decimal(p + "max-option-position-contracts", 0, v -> v >= 0 && Double.isFinite(v), "finite and >= 0 (0 = off)"),
        in.decimal(p + "max-symbol-position-units", 0, v -> v >= 0 && Double.isFinite(v), "finite and >= 0 (0 = off)"),
        in.decimal(p + "max-book-delta", 0, v -> v >= 0 && Double.isFinite(v), "finite and >= 0 (0 = off)"),
        in.decimal(p + "max-book-vega", 0, v -> v >= 0 && Double.isFinite(v), "finite and >= 0 (0 = off)"));
  }
}
