package io.hedgestream.engine.features;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.instruments.ListedFamily;
import io.hedgestream.engine.instruments.ListedTargets;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.OptionGreeks;

/**
 * The listed series a family's target trades at this decision ({@link ListedTargets#tradedSeries}: the
 * book's sticky series, or a fresh one when it rolls or none is held yet) and its Greeks per underlying
 * unit, as the contract's {@code <family>_traded_*} features define them: Black-Scholes-Merton at the
 * series' own SABR vol when the tick carries SABR parameters, at the ATM vol otherwise. A policy that
 * sizes its option target from these numbers sizes it in the series the engine will actually trade.
 *
 * @param delta {@code Delta} per unit
 * @param gammaSpot {@code S x Gamma} per unit
 * @param vegaSpot {@code Vega / S} per unit (vega per 1.00 of vol)
 * @param ttmYears the series' time to expiry, years (ACT/365)
 * @param logMoneyness {@code ln(S / K)}
 */
public record TradedSeries(double delta, double gammaSpot, double vegaSpot, double ttmYears, double logMoneyness) {

  /**
   * The traded series of {@code family} for a book.
   *
   * @param context the book at its market, with its listed-option state
   * @param family the family
   * @return the series' Greeks, or a failure when it cannot be priced
   */
  public static Result<TradedSeries> of(DecisionContext context, ListedFamily family) {
    MarketSnapshot market = context.market();
    HedgeSeries series = ListedTargets.tradedSeries(context.currentSeries().get(family.name()), family, market,
        context.listedRules());
    double spot = market.mid();
    double tau = (series.expiryMicros() - market.eventMicros()) / BookSummary.MICROS_PER_YEAR;
    double vol = BookMarker.volatility(series.strike(), market, tau);
    Result<OptionGreeks> greeks = BlackScholes.tryGreeks(series.putCall(), spot, series.strike(), tau, vol,
        market.rate(), market.dividendYield());
    if (!greeks.isSuccess()) {
      return Result.failure("cannot price traded series " + series.optionId() + ": " + greeks.reason());
    }
    OptionGreeks g = greeks.value();
    return Result.success(new TradedSeries(g.delta(), spot * g.gamma(), g.vega() / spot, tau,
        Math.log(spot / series.strike())));
  }
}
