package io.hedgestream.engine.input;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.schemas.Topics;

/** Decodes {@code md.ticks}: prices and vols must be finite and positive, the quote not crossed. */
public final class TickDecoder extends RecordDecoder<MarketTick> {

  /** Creates the decoder of {@link Topics#MD_TICKS}. */
  public TickDecoder() {
    super(Topics.MD_TICKS);
  }

  @Override
  protected Rejection validate(MarketTick tick, String key) {
    Rejection missing = present("symbol", tick.getSymbol());
    if (missing != null) {
      return missing;
    }
    Rejection wrongKey = keyMatches(key, tick.getSymbol());
    if (wrongKey != null) {
      return wrongKey;
    }
    Rejection price = invalidPrice("bid", tick.getBid());
    price = price != null ? price : invalidPrice("ask", tick.getAsk());
    price = price != null ? price : invalidPrice("last", tick.getLast());
    price = price != null ? price : invalidPrice("atmImpliedVol", tick.getAtmImpliedVol());
    if (price != null) {
      return price;
    }
    if (!Double.isFinite(tick.getRate()) || !Double.isFinite(tick.getDividendYield())) {
      return new Rejection(RejectCode.INVALID_PRICE,
          "rate " + tick.getRate() + " and dividendYield " + tick.getDividendYield() + " must be finite");
    }
    if (tick.getSabr() != null) {
      Rejection sabr = invalidSabr(tick.getSabr());
      if (sabr != null) {
        return sabr;
      }
    }
    if (tick.getBid() > tick.getAsk()) {
      return new Rejection(RejectCode.CROSSED_QUOTE, "bid " + tick.getBid() + " > ask " + tick.getAsk());
    }
    return null;
  }

  @Override
  protected EngineInput accept(MarketTick tick, String key, RawRecord raw) {
    return new EngineInput.Tick(tick, EpochMicros.of(tick.getEventTimeMicros()), raw);
  }

  private static Rejection invalidPrice(String field, double value) {
    if (positiveFinite(value)) {
      return null;
    }
    return new Rejection(RejectCode.INVALID_PRICE, field + " must be finite and > 0, was " + value);
  }

  private static Rejection invalidSabr(SabrParams sabr) {
    double alpha = sabr.getAlpha();
    double beta = sabr.getBeta();
    double rho = sabr.getRho();
    double nu = sabr.getNu();
    boolean valid = Double.isFinite(alpha) && alpha > 0
        && Double.isFinite(beta) && beta >= 0 && beta <= 1
        && Double.isFinite(rho) && rho > -1 && rho < 1
        && Double.isFinite(nu) && nu >= 0;
    if (valid) {
      return null;
    }
    return new Rejection(RejectCode.INVALID_PRICE, "SABR parameters out of range (alpha > 0, 0 <= beta <= 1,"
        + " -1 < rho < 1, nu >= 0): alpha=" + alpha + " beta=" + beta + " rho=" + rho + " nu=" + nu);
  }
}
