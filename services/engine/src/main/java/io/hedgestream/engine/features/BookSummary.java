package io.hedgestream.engine.features;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.instruments.ListedFamily;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.marking.OptionMark;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.OptionGreeks;
import java.util.List;

/**
 * One book reduced to the quantities the {@code bs-book-v1} features are made of, in one pass over its
 * options and exactly as {@code schemas/policy/features.json} defines them.
 *
 * <p>Only options with {@code ttmYears > 0} are in the book, where
 * {@code ttmYears = (expiryMicros - nowMicros) / (365 x 86400 x 1e6)}. Every option is valued with
 * Black-Scholes-Merton at the tick's ATM vol, or, when the tick carries SABR parameters, at the SABR vol
 * of its own strike and expiry ({@link BookMarker#volatility(double, MarketSnapshot, double)}, the
 * contract's smile rule), spot = the tick's mid. The Greeks come from
 * {@link BlackScholes}, whose delta, gamma and vega (per 1.00 of vol) are the contract's formulas
 * ({@code e^{-q tau} N(d1)}, {@code e^{-q tau} n(d1) / (S sigma sqrt(tau))}, {@code S e^{-q tau} n(d1)
 * sqrt(tau)}); theta is not used. The engine's own mark is reused when it was priced with exactly these
 * inputs (same vol and time, fresh), and recomputed otherwise (a stale mark).
 *
 * @param spot spot S (the tick's mid)
 * @param atmVol ATM implied vol, annual
 * @param scale book scale {@code sum |deskQuantity x multiplier|} over live options, underlying units
 * @param logMoneyness {@code sum w_i ln(S / K_i)}, {@code w_i = |q_i m_i| / scale}
 * @param ttmYears {@code sum w_i tau_i}
 * @param delta {@code sum q_i m_i Delta_i / scale}
 * @param gammaSpot {@code S sum q_i m_i Gamma_i / scale}
 * @param vegaSpot {@code sum q_i m_i Vega_i / (S scale)}
 * @param hedgeUnderlying filled holding of the underlying / scale
 * @param listed the listed hedge options held, per unit scale ({@link ListedHedges})
 * @param callAtm30d the series {@code CALL_ATM_30D} trades at this decision ({@link TradedSeries}; all zero
 *     for an empty book, like every feature), or a failure when it cannot be priced (only a model using its
 *     features then fails)
 */
public record BookSummary(double spot, double atmVol, double scale, double logMoneyness, double ttmYears,
    double delta, double gammaSpot, double vegaSpot, double hedgeUnderlying, ListedHedges listed,
    Result<TradedSeries> callAtm30d) {

  /** The family of the {@code call_atm_30d_traded_*} features. */
  public static final ListedFamily CALL_ATM_30D = ListedFamily.parse("CALL_ATM_30D").orElseThrow();

  /** Microseconds in the contract's ACT/365 year. */
  public static final double MICROS_PER_YEAR = 365.0 * 86_400 * 1e6;

  /**
   * Summarises a book. A book with no live option has scale 0 and all-zero features (the contract's
   * "not called, target 0" case, which the caller handles).
   *
   * @param context the book at its market
   * @return the summary, or a failure naming the option that cannot be priced
   */
  public static Result<BookSummary> of(DecisionContext context) {
    return of(context, true);
  }

  /**
   * The summary of a book, its listed-hedge parts ({@link #listed()}, {@link #callAtm30d()}) only when asked
   * for: a model without listed-hedge features does not pay for pricing the series it would trade.
   *
   * @param context the book at its market
   * @param listedState whether to build the listed-hedge parts; without them {@link #listed()} is
   *     {@link ListedHedges#NONE} and {@link #callAtm30d()} a failure saying they were not built
   * @return the summary, or a failure naming the option that cannot be priced
   */
  public static Result<BookSummary> of(DecisionContext context, boolean listedState) {
    MarketSnapshot market = context.market();
    double spot = market.mid();
    double vol = market.atmVol();
    long now = market.eventMicros();
    List<OptionMark> options = context.options();
    double scale = 0;
    for (OptionMark option : options) {
      if (ttmYears(option, now) > 0) {
        scale += Math.abs(option.deskQuantity() * option.multiplier());
      }
    }
    if (scale == 0) {
      return Result.success(new BookSummary(spot, vol, 0, 0, 0, 0, 0, 0, 0, ListedHedges.NONE, EMPTY_BOOK_SERIES));
    }
    double logMoneyness = 0;
    double ttm = 0;
    double delta = 0;
    double gamma = 0;
    double vega = 0;
    for (OptionMark option : options) {
      double tau = ttmYears(option, now);
      if (!(tau > 0)) {
        continue;
      }
      double units = option.deskQuantity() * option.multiplier();
      double weight = Math.abs(units) / scale;
      Result<OptionGreeks> greeks = greeks(option, market, tau);
      if (!greeks.isSuccess()) {
        return Result.failure("cannot price " + option.optionId() + " for features: " + greeks.reason());
      }
      logMoneyness += weight * Math.log(spot / option.strike());
      ttm += weight * tau;
      delta += units * greeks.value().delta();
      gamma += units * greeks.value().gamma();
      vega += units * greeks.value().vega();
    }
    return Result.success(new BookSummary(spot, vol, scale, logMoneyness, ttm, delta / scale,
        spot * gamma / scale, vega / (spot * scale), context.holding(context.symbol()) / scale,
        listedState ? ListedHedges.of(context, scale) : ListedHedges.NONE,
        listedState ? TradedSeries.of(context, CALL_ATM_30D) : NOT_BUILT));
  }

  /** The traded series of an empty book: every feature zero. */
  private static final Result<TradedSeries> EMPTY_BOOK_SERIES = Result.success(new TradedSeries(0, 0, 0, 0, 0));

  /** The traded series of a summary built without its listed-hedge parts. */
  private static final Result<TradedSeries> NOT_BUILT =
      Result.failure("the listed-hedge parts of this summary were not built");

  /** The contract's time to expiry of an option at {@code nowMicros}, years (ACT/365). */
  public static double ttmYears(OptionMark option, long nowMicros) {
    return (option.expiryMicros() - nowMicros) / MICROS_PER_YEAR;
  }

  private static Result<OptionGreeks> greeks(OptionMark option, MarketSnapshot market, double tau) {
    double vol = BookMarker.volatility(option.strike(), market, tau);
    boolean markIsContractValue = !option.stale() && option.vol() == vol && option.ttmYears() == tau;
    if (markIsContractValue) {
      return Result.success(option.perUnit());
    }
    return BlackScholes.tryGreeks(option.putCall(), market.mid(), option.strike(), tau, vol,
        market.rate(), market.dividendYield());
  }
}
