package io.hedgestream.engine.marking;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.input.EpochMicros;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.OptionGreeks;
import io.hedgestream.pricing.SabrHagan;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks liability options with Black-Scholes-Merton at the tick's mid: with the tick's ATM vol, or, when
 * the tick carries SABR parameters, with Hagan's SABR vol at each option's strike (forward
 * {@code S e^{(r-q)T}}). Time to maturity is ACT/365 from the tick's event time.
 */
public final class BookMarker {

  private BookMarker() {}

  /**
   * Marks every option and records the new mark on its position; an option whose pricing fails keeps its
   * previous mark with zero Greeks (flagged stale) rather than poisoning the book with NaN.
   *
   * @param options the live options (their marks are updated)
   * @param market the market to mark at
   * @return the marks and their totals
   */
  public static BookMarks mark(List<OptionPosition> options, MarketSnapshot market) {
    List<OptionMark> marks = new ArrayList<>(options.size());
    BookGreeks total = BookGreeks.ZERO;
    double value = 0;
    for (OptionPosition option : options) {
      OptionMark mark = markOne(option, market);
      option.setLastMark(mark.perUnit().price());
      marks.add(mark);
      total = total.plus(mark.greeks());
      value += mark.value();
    }
    return new BookMarks(market, marks, total, value);
  }

  /**
   * The volatility an option is priced with: SABR-implied at its strike when the market has SABR
   * parameters, the ATM vol otherwise. NaN when the SABR formula refuses its inputs.
   */
  public static double volatility(OptionPosition option, MarketSnapshot market, double ttmYears) {
    MarketSnapshot.Sabr sabr = market.sabr();
    if (sabr == null) {
      return market.atmVol();
    }
    double forward = market.mid() * Math.exp((market.rate() - market.dividendYield()) * Math.max(ttmYears, 0));
    try {
      return SabrHagan.impliedVol(forward, option.strike(), ttmYears, sabr.alpha(), sabr.beta(), sabr.rho(),
          sabr.nu());
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  private static OptionMark markOne(OptionPosition option, MarketSnapshot market) {
    double ttm = EpochMicros.yearsBetween(market.eventMicros(), option.expiryMicros());
    double vol = volatility(option, market, ttm);
    Result<OptionGreeks> greeks = BlackScholes.tryGreeks(option.putCall(), market.mid(), option.strike(), ttm, vol,
        market.rate(), market.dividendYield());
    boolean stale = !greeks.isSuccess() || !finite(greeks.value());
    OptionGreeks perUnit = stale ? new OptionGreeks(option.lastMark(), 0, 0, 0, 0) : greeks.value();
    return new OptionMark(option.optionId(), option.putCall(), option.strike(), option.expiryMicros(),
        option.multiplier(), option.deskQuantity(), ttm, vol, perUnit, stale);
  }

  private static boolean finite(OptionGreeks greeks) {
    return Double.isFinite(greeks.price()) && Double.isFinite(greeks.delta()) && Double.isFinite(greeks.gamma())
        && Double.isFinite(greeks.vega()) && Double.isFinite(greeks.theta());
  }
}
