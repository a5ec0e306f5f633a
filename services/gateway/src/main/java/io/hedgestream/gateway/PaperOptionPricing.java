package io.hedgestream.gateway;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.Result;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.OptionGreeks;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.pricing.SabrSmile;
import java.time.Instant;
import java.util.Optional;

/**
 * How the paper exchange quotes a listed European option on a symbol it has a tick for: Black-Scholes-Merton
 * at the tick's mid, rate and dividend yield and the option's smile vol, with time to expiry
 * {@code (expiry - tick time) / 365 days}: the SABR vol of its own strike and expiry when the tick carries
 * SABR parameters ({@link SabrSmile}, the rule the engine marks with), the tick's ATM vol otherwise. That is
 * the engine's model price of the series. Buys pay the price at that vol plus the half-spread in vol points,
 * sells receive it at the vol minus the half-spread (floored at zero vol, the discounted intrinsic value).
 * Prices are per underlying unit; a contract is {@code multiplier} units.
 */
public final class PaperOptionPricing {

  private static final double MICROS_PER_YEAR = 365.0 * 86_400 * 1e6;

  private PaperOptionPricing() {}

  /**
   * Checks an option order's terms at {@code now}.
   *
   * @param order an order with instrument type OPTION
   * @param now the time the terms must be valid at (the order's time on submit, the quote's on execution)
   * @return empty if the exchange can price the terms, otherwise an {@link Rejection#INVALID_OPTION}
   */
  public static Optional<Rejection> checkTerms(HedgeOrder order, Instant now) {
    OptionSpec spec = order.getOption();
    if (spec == null) {
      return reject("option order " + order.getOrderId() + " has no option terms");
    }
    if (!(Double.isFinite(spec.getStrike()) && spec.getStrike() > 0)) {
      return reject("option " + order.getInstrument() + " has strike " + spec.getStrike() + ", must be > 0");
    }
    if (!(Double.isFinite(spec.getMultiplier()) && spec.getMultiplier() > 0)) {
      return reject("option " + order.getInstrument() + " has multiplier " + spec.getMultiplier() + ", must be > 0");
    }
    if (!spec.getExpiryMicros().isAfter(now)) {
      return reject("option " + order.getInstrument() + " expired at " + spec.getExpiryMicros() + " (now " + now + ")");
    }
    return Optional.empty();
  }

  /**
   * The execution price per underlying unit of a marketable option order against {@code quote}.
   *
   * @param side buy or sell
   * @param spec the option's terms (checked already)
   * @param quote the symbol's latest tick
   * @param halfSpreadVol half-spread in vol points, &gt;= 0
   * @return the price, or a failure when the tick's vol, rate or dividend yield cannot price it
   */
  public static Result<Double> fillPrice(Side side, OptionSpec spec, MarketTick quote, double halfSpreadVol) {
    double ttm = ttmYears(spec, quote);
    double vol = smileVol(spec, quote, ttm) + (side == Side.BUY ? halfSpreadVol : -halfSpreadVol);
    return price(spec, quote, ttm, Double.isNaN(vol) ? vol : Math.max(vol, 0));
  }

  /** The model price per underlying unit (at the option's smile vol), or why there is none. */
  public static Result<Double> modelPrice(OptionSpec spec, MarketTick quote) {
    double ttm = ttmYears(spec, quote);
    return price(spec, quote, ttm, smileVol(spec, quote, ttm));
  }

  /**
   * The vol the option is priced at: SABR at its strike and expiry when the tick has SABR parameters, the
   * tick's ATM vol otherwise; NaN when the SABR formula refuses the inputs.
   */
  public static double smileVol(OptionSpec spec, MarketTick quote, double ttmYears) {
    SabrParams sabr = quote.getSabr();
    if (sabr == null) {
      return quote.getAtmImpliedVol();
    }
    return new SabrSmile(sabr.getAlpha(), sabr.getBeta(), sabr.getRho(), sabr.getNu())
        .volAt(mid(quote), spec.getStrike(), ttmYears, quote.getRate(), quote.getDividendYield());
  }

  private static Result<Double> price(OptionSpec spec, MarketTick quote, double ttm, double vol) {
    Result<OptionGreeks> greeks = BlackScholes.tryGreeks(PutCall.valueOf(spec.getOptionType().name()), mid(quote),
        spec.getStrike(), ttm, vol, quote.getRate(), quote.getDividendYield());
    if (!greeks.isSuccess() || !Double.isFinite(greeks.value().price())) {
      return Result.failure("cannot price the option from the tick of " + quote.getSymbol() + " (vol "
          + vol + "): " + (greeks.isSuccess() ? "non-finite price" : greeks.reason()));
    }
    return Result.success(greeks.value().price());
  }

  private static double ttmYears(OptionSpec spec, MarketTick quote) {
    return (micros(spec.getExpiryMicros()) - micros(quote.getEventTimeMicros())) / MICROS_PER_YEAR;
  }

  private static double mid(MarketTick quote) {
    return 0.5 * (quote.getBid() + quote.getAsk());
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static Optional<Rejection> reject(String reason) {
    return Optional.of(new Rejection(Rejection.INVALID_OPTION, reason));
  }
}
