package io.hedgestream.engine.input;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.schemas.Topics;

/**
 * Decodes {@code md.ticks} and applies the checks that need no state: prices, vol and rates finite and
 * within {@link InputLimits}, the quote neither crossed nor wider than {@code max-spread}, the last trade
 * near the quote, a non-negative volume, believable SABR parameters, and an event time after the floor and
 * not ahead of the wall clock. The checks against the symbol's previous tick (order, lead, price jump) are
 * the book processor's.
 */
public final class TickDecoder extends RecordDecoder<MarketTick> {

  /**
   * Creates the decoder of {@link Topics#MD_TICKS}.
   *
   * @param limits the bounds ticks must meet
   */
  public TickDecoder(InputLimits limits) {
    super(Topics.MD_TICKS, limits);
  }

  @Override
  protected Rejection validate(MarketTick tick, String key, long nowMicros) {
    Rejection missing = present("symbol", tick.getSymbol());
    if (missing != null) {
      return missing;
    }
    Rejection wrongKey = keyMatches(key, tick.getSymbol());
    if (wrongKey != null) {
      return wrongKey;
    }
    Rejection prices = first(invalidPrice("bid", tick.getBid()), invalidPrice("ask", tick.getAsk()),
        invalidPrice("last", tick.getLast()));
    if (prices != null) {
      return prices;
    }
    if (tick.getBid() > tick.getAsk()) {
      return new Rejection(RejectCode.CROSSED_QUOTE, "bid " + tick.getBid() + " > ask " + tick.getAsk());
    }
    Rejection quote = first(wideSpread(tick), lastOutsideQuote(tick), invalidVol(tick.getAtmImpliedVol()),
        invalidRate("rate", tick.getRate()), invalidRate("dividendYield", tick.getDividendYield()),
        invalidVolume(tick.getVolume()));
    if (quote != null) {
      return quote;
    }
    if (tick.getSabr() != null) {
      Rejection sabr = invalidSabr(tick.getSabr());
      if (sabr != null) {
        return sabr;
      }
    }
    return limits.checkClock("tick time", EpochMicros.of(tick.getEventTimeMicros()), nowMicros);
  }

  @Override
  protected EngineInput accept(MarketTick tick, String key, RawRecord raw) {
    return new EngineInput.Tick(tick, EpochMicros.of(tick.getEventTimeMicros()), raw);
  }

  private Rejection invalidPrice(String field, double value) {
    if (!positiveFinite(value)) {
      return new Rejection(RejectCode.INVALID_PRICE, field + " must be finite and > 0, was " + value);
    }
    if (value < limits.minPrice() || value > limits.maxPrice()) {
      return new Rejection(RejectCode.PRICE_OUT_OF_RANGE, field + " " + value + " is outside ["
          + InputLimits.PREFIX + "min-price=" + limits.minPrice() + ", " + InputLimits.PREFIX + "max-price="
          + limits.maxPrice() + "]");
    }
    return null;
  }

  private Rejection wideSpread(MarketTick tick) {
    double mid = 0.5 * (tick.getBid() + tick.getAsk());
    double spread = (tick.getAsk() - tick.getBid()) / mid;
    if (spread <= limits.maxSpread()) {
      return null;
    }
    return new Rejection(RejectCode.PRICE_OUT_OF_RANGE, "spread (ask - bid) / mid = " + spread + " of bid "
        + tick.getBid() + " ask " + tick.getAsk() + " exceeds " + InputLimits.PREFIX + "max-spread="
        + limits.maxSpread());
  }

  private Rejection lastOutsideQuote(MarketTick tick) {
    double low = tick.getBid() * (1 - limits.lastBand());
    double high = tick.getAsk() * (1 + limits.lastBand());
    if (tick.getLast() >= low && tick.getLast() <= high) {
      return null;
    }
    return new Rejection(RejectCode.PRICE_OUT_OF_RANGE, "last " + tick.getLast() + " is outside bid " + tick.getBid()
        + " / ask " + tick.getAsk() + " widened by " + InputLimits.PREFIX + "last-band=" + limits.lastBand());
  }

  private Rejection invalidVol(double vol) {
    if (!positiveFinite(vol)) {
      return new Rejection(RejectCode.INVALID_PRICE, "atmImpliedVol must be finite and > 0, was " + vol);
    }
    if (vol < limits.minVol() || vol > limits.maxVol()) {
      return new Rejection(RejectCode.VOL_OUT_OF_RANGE, "atmImpliedVol " + vol + " is outside ["
          + InputLimits.PREFIX + "min-vol=" + limits.minVol() + ", " + InputLimits.PREFIX + "max-vol="
          + limits.maxVol() + "]");
    }
    return null;
  }

  private Rejection invalidRate(String field, double value) {
    if (!Double.isFinite(value)) {
      return new Rejection(RejectCode.INVALID_PRICE, field + " must be finite, was " + value);
    }
    if (Math.abs(value) > limits.maxAbsRate()) {
      return new Rejection(RejectCode.RATE_OUT_OF_RANGE, "|" + field + "| = " + Math.abs(value) + " exceeds "
          + InputLimits.PREFIX + "max-abs-rate=" + limits.maxAbsRate());
    }
    return null;
  }

  private static Rejection invalidVolume(double volume) {
    if (Double.isFinite(volume) && volume >= 0) {
      return null;
    }
    return new Rejection(RejectCode.INVALID_VOLUME, "volume must be finite and >= 0, was " + volume);
  }

  private static Rejection invalidSabr(SabrParams sabr) {
    double alpha = sabr.getAlpha();
    double beta = sabr.getBeta();
    double rho = sabr.getRho();
    double nu = sabr.getNu();
    boolean valid = Double.isFinite(alpha) && alpha > 0
        && Double.isFinite(beta) && beta >= 0 && beta <= 1
        && Double.isFinite(rho) && rho > -1 && rho < 1
        && Double.isFinite(nu) && nu >= 0 && nu <= 10;
    if (valid) {
      return null;
    }
    return new Rejection(RejectCode.INVALID_PRICE, "SABR parameters out of range (alpha > 0, 0 <= beta <= 1,"
        + " -1 < rho < 1, 0 <= nu <= 10): alpha=" + alpha + " beta=" + beta + " rho=" + rho + " nu=" + nu);
  }
}
