package io.hedgestream.engine.marking;

import io.hedgestream.basics.EpochMicros;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.OptionGreeks;
import io.hedgestream.pricing.SabrSmile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Marks options with Black-Scholes-Merton at the tick's mid: with the tick's ATM vol, or, when the tick
 * carries SABR parameters, with Hagan's SABR vol at each option's own strike and expiry
 * ({@link SabrSmile}, forward {@code S e^{(r-q)T}}). Time to maturity is ACT/365 from the tick's event time.
 *
 * <p>The same rule marks liability options and listed hedge series, so a hedge option and the book option
 * it offsets are priced off one smile (as in the trainer's SABR book environment); it is also the price the
 * paper exchange fills around and the execution cost is measured against.
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
   * Marks a book: its liability options (recording their marks) and the listed option series it holds.
   *
   * @param book the book (liability marks are updated)
   * @param market the market to mark at
   * @return the marks and their totals
   */
  public static BookMarks mark(BookState book, MarketSnapshot market) {
    BookMarks liability = mark(book.options(), market);
    List<HedgeMark> hedges = new ArrayList<>();
    BookGreeks total = BookGreeks.ZERO;
    double value = 0;
    for (Map.Entry<String, Double> holding : book.holdings().entrySet()) {
      HedgeSeries series = book.hedgeSeries(holding.getKey());
      if (series != null) {
        OptionMark mark = markHedge(series, holding.getValue(), market);
        hedges.add(new HedgeMark(series.family(), mark));
        total = total.plus(mark.greeks());
        value += mark.value();
      }
    }
    return new BookMarks(market, liability.options(), liability.optionGreeks(), liability.optionValue(), hedges,
        total, value);
  }

  /**
   * The price per underlying unit of a listed series: Black-Scholes-Merton at its smile vol
   * ({@link #volatility(double, MarketSnapshot, double)}); the discounted intrinsic value of the forward once
   * it has expired.
   */
  public static double hedgePrice(HedgeSeries series, MarketSnapshot market) {
    return hedgeGreeks(series, market, EpochMicros.yearsBetween(market.eventMicros(), series.expiryMicros())).price();
  }

  /**
   * The engine's price per underlying unit of any hedge instrument of a book: the mid for the underlying,
   * the model price ({@link #hedgePrice}) for a listed series. The fill booking measures execution cost
   * against it.
   */
  public static double instrumentPrice(BookState book, String instrument, MarketSnapshot market) {
    HedgeSeries series = book.hedgeSeries(instrument);
    return series == null ? market.mid() : hedgePrice(series, market);
  }

  private static OptionMark markHedge(HedgeSeries series, double contracts, MarketSnapshot market) {
    double ttm = EpochMicros.yearsBetween(market.eventMicros(), series.expiryMicros());
    OptionGreeks perUnit = hedgeGreeks(series, market, ttm);
    return new OptionMark(series.optionId(), series.putCall(), series.strike(), series.expiryMicros(),
        series.multiplier(), contracts, ttm, volatility(series.strike(), market, ttm), perUnit, false);
  }

  private static OptionGreeks hedgeGreeks(HedgeSeries series, MarketSnapshot market, double ttm) {
    Result<OptionGreeks> greeks = BlackScholes.tryGreeks(series.putCall(), market.mid(), series.strike(), ttm,
        volatility(series.strike(), market, ttm), market.rate(), market.dividendYield());
    if (greeks.isSuccess() && finite(greeks.value())) {
      return greeks.value();
    }
    double intrinsic = Math.max(series.putCall().sign() * (market.mid() - series.strike()), 0);
    return new OptionGreeks(intrinsic, 0, 0, 0, 0);
  }

  /**
   * The volatility an option is priced with: SABR-implied at its strike when the market has SABR
   * parameters, the ATM vol otherwise. NaN when the SABR formula refuses its inputs.
   */
  public static double volatility(OptionPosition option, MarketSnapshot market, double ttmYears) {
    return volatility(option.strike(), market, ttmYears);
  }

  /**
   * The volatility an option of {@code strike} expiring in {@code ttmYears} is priced with: SABR-implied
   * at that strike and expiry when the market has SABR parameters, the ATM vol otherwise. NaN when the
   * SABR formula refuses its inputs.
   */
  public static double volatility(double strike, MarketSnapshot market, double ttmYears) {
    MarketSnapshot.Sabr sabr = market.sabr();
    if (sabr == null) {
      return market.atmVol();
    }
    return new SabrSmile(sabr.alpha(), sabr.beta(), sabr.rho(), sabr.nu())
        .volAt(market.mid(), strike, ttmYears, market.rate(), market.dividendYield());
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
