package io.hedgestream.engine.processor;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.Fill;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.input.EngineInput;
import io.hedgestream.engine.input.InputLimits;
import io.hedgestream.engine.input.RejectCode;
import io.hedgestream.engine.input.Rejection;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.PendingOrder;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.OptionGreeks;
import io.hedgestream.pricing.PutCall;

/**
 * The input checks that need the symbol's market or a book: a tick against the symbol's previous tick (order,
 * lead, price jump), a client order against the latest market (lead, strike, premium against the model value,
 * expiry) and a fill against its pending order and the market (overfill, price, fee, lead). Each returns the
 * rejection, with the {@link InputLimits} setting it broke, or null. Pure: it changes nothing.
 */
final class MarketAdmission {

  /** Tolerance of a fill against the order's remaining quantity (rounding of whole-lot quantities). */
  private static final double OVERFILL_TOLERANCE = 1e-9;

  private final InputLimits limits;

  MarketAdmission(InputLimits limits) {
    this.limits = limits;
  }

  /**
   * A tick against the symbol's previous accepted market: never older, never more than {@code max-event-lead}
   * ahead, a mid within {@code max-price-jump} of the previous mid.
   *
   * @param tick the decoded tick
   * @param previous the symbol's latest accepted market, or null for its first tick
   */
  Rejection tick(EngineInput.Tick tick, MarketSnapshot previous) {
    if (previous == null) {
      return null;
    }
    if (tick.eventMicros() < previous.eventMicros()) {
      return new Rejection(RejectCode.OUT_OF_ORDER, "tick at " + tick.tick().getEventTimeMicros()
          + " is older than the latest accepted tick of " + previous.symbol() + " at "
          + EpochMicros.toInstant(previous.eventMicros()));
    }
    Rejection lead = limits.checkLead("tick time", tick.eventMicros(), previous.eventMicros());
    if (lead != null) {
      return lead;
    }
    double mid = 0.5 * (tick.tick().getBid() + tick.tick().getAsk());
    double ratio = mid / previous.mid();
    double up = 1 + limits.maxPriceJump();
    if (ratio > up || ratio < 1 / up) {
      return new Rejection(RejectCode.PRICE_JUMP, "mid " + mid + " moved by a factor " + ratio + " from the last "
          + "accepted mid " + previous.mid() + " of " + previous.symbol() + " (" + InputLimits.PREFIX
          + "max-price-jump=" + limits.maxPriceJump() + ")");
    }
    return null;
  }

  /** A client order's time against the latest market of its symbol: within {@code max-event-lead} of it. */
  Rejection clientOrderLead(ClientOrder order, MarketSnapshot market) {
    return limits.checkLead("order time", EpochMicros.of(order.getEventTimeMicros()), market.eventMicros());
  }

  /**
   * A client order against the market of its time (its symbol's first tick at or after it): its time within {@code max-event-lead} of the
   * market, the option not expired at the market, its strike within {@code strike-range} of the spot and its
   * premium within {@code premium-tolerance} of the model value (at the vol the engine marks it with).
   */
  Rejection clientOrder(ClientOrder order, MarketSnapshot market) {
    Rejection lead = clientOrderLead(order, market);
    if (lead != null) {
      return lead;
    }
    double spot = market.mid();
    double strike = order.getOption().getStrike();
    double moneyness = strike / spot;
    if (moneyness > limits.strikeRange() || moneyness < 1 / limits.strikeRange()) {
      return new Rejection(RejectCode.STRIKE_OUT_OF_RANGE, "strike " + strike + " is " + moneyness + " x spot "
          + spot + ", outside " + InputLimits.PREFIX + "strike-range=" + limits.strikeRange());
    }
    long expiry = EpochMicros.of(order.getOption().getExpiryMicros());
    double ttm = EpochMicros.yearsBetween(market.eventMicros(), expiry);
    if (ttm <= 0) {
      return new Rejection(RejectCode.EXPIRED_OPTION, "option expiry " + order.getOption().getExpiryMicros()
          + " is not after the symbol's latest tick at " + EpochMicros.toInstant(market.eventMicros()));
    }
    PutCall putCall = PutCall.valueOf(order.getOption().getOptionType().name());
    Result<OptionGreeks> model = BlackScholes.tryGreeks(putCall, spot, strike, ttm,
        BookMarker.volatility(strike, market, ttm), market.rate(), market.dividendYield());
    if (!model.isSuccess() || !Double.isFinite(model.value().price())) {
      return new Rejection(RejectCode.PREMIUM_OUT_OF_RANGE, "the option cannot be valued at the latest market to "
          + "check its premium: " + (model.isSuccess() ? "price " + model.value().price() : model.reason()));
    }
    double value = model.value().price();
    if (!limits.near(order.getPremium(), value, limits.premiumTolerance(), spot)) {
      return new Rejection(RejectCode.PREMIUM_OUT_OF_RANGE, "premium " + order.getPremium() + " is too far from the "
          + "model value " + value + " (" + InputLimits.PREFIX + "premium-tolerance=" + limits.premiumTolerance()
          + " of it, or " + InputLimits.PREFIX + "premium-tolerance-of-spot=" + limits.toleranceOfSpot()
          + " x spot " + spot + ")");
    }
    return null;
  }

  /**
   * A fill against its pending order, its book and the symbol's market: no more than the order has left, a
   * price within {@code fill-price-tolerance} of the engine's price of the instrument, a fee within
   * {@code max-fee-fraction} of the notional, a time within {@code max-event-lead} of the market.
   *
   * @param market the symbol's latest market, or null when it has none (then only the quantity is checked)
   */
  Rejection fill(Fill fill, BookState book, PendingOrder order, MarketSnapshot market) {
    double left = Math.abs(order.signedRemaining());
    if (fill.getQuantity() > left + OVERFILL_TOLERANCE * Math.max(1, left)) {
      return new Rejection(RejectCode.OVERFILL, "fill of " + fill.getQuantity() + " exceeds the " + left
          + " left of order " + order.orderId());
    }
    double notional = fill.getQuantity() * book.unitsPerQuantity(fill.getInstrument()) * fill.getPrice();
    if (fill.getFee() > limits.maxFeeFraction() * notional) {
      return new Rejection(RejectCode.FEE_OUT_OF_RANGE, "fee " + fill.getFee() + " exceeds "
          + InputLimits.PREFIX + "max-fee-fraction=" + limits.maxFeeFraction() + " of the notional " + notional);
    }
    if (market == null) {
      return null;
    }
    Rejection lead = limits.checkLead("fill time", EpochMicros.of(fill.getEventTimeMicros()), market.eventMicros());
    if (lead != null) {
      return lead;
    }
    double reference = BookMarker.instrumentPrice(book, fill.getInstrument(), market);
    if (!limits.near(fill.getPrice(), reference, limits.fillPriceTolerance(), market.mid())) {
      return new Rejection(RejectCode.FILL_PRICE_OUT_OF_RANGE, "fill price " + fill.getPrice() + " is too far from "
          + "the engine's price " + reference + " of " + fill.getInstrument() + " (" + InputLimits.PREFIX
          + "fill-price-tolerance=" + limits.fillPriceTolerance() + ")");
    }
    return null;
  }
}
