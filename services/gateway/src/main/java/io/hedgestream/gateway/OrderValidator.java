package io.hedgestream.gateway;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import java.util.Optional;

/**
 * Route-independent checks of decoded hedge orders and ticks, returning the reason a record cannot be
 * used instead of throwing (the consumer thread must never die on bad data).
 */
public final class OrderValidator {

  private OrderValidator() {}

  /**
   * Checks an order read under record key {@code key}.
   *
   * @return empty if the order is well-formed, otherwise the rejection
   */
  public static Optional<Rejection> validate(HedgeOrder order, String key) {
    double quantity = order.getQuantity();
    if (!Double.isFinite(quantity) || quantity <= 0) {
      return reject(Rejection.INVALID_QUANTITY, "quantity must be finite and > 0, got " + quantity);
    }
    if (isBlank(order.getOrderId()) || isBlank(order.getBook()) || isBlank(order.getSymbol())
        || isBlank(order.getInstrument())) {
      return reject(Rejection.INVALID_ORDER, "orderId, book, symbol and instrument must not be blank");
    }
    if (key != null && !key.equals(order.getSymbol())) {
      return reject(Rejection.INVALID_ORDER, "record key " + key + " differs from symbol " + order.getSymbol());
    }
    Double limit = order.getLimitPrice();
    if (limit != null && (!Double.isFinite(limit) || limit <= 0)) {
      return reject(Rejection.INVALID_LIMIT, "limitPrice must be finite and > 0, got " + limit);
    }
    if (order.getInstrumentType() == InstrumentType.UNDERLYING
        && !order.getInstrument().equals(order.getSymbol())) {
      return reject(Rejection.INVALID_ORDER, "underlying order instrument " + order.getInstrument()
          + " differs from symbol " + order.getSymbol());
    }
    if (order.getInstrumentType() == InstrumentType.OPTION && order.getOption() == null) {
      return reject(Rejection.INVALID_ORDER, "option order without option terms");
    }
    return Optional.empty();
  }

  /**
   * Checks a tick: bid and ask finite and positive, not crossed.
   *
   * @return empty if the tick can be used as a market, otherwise the rejection
   */
  public static Optional<Rejection> validate(MarketTick tick) {
    double bid = tick.getBid();
    double ask = tick.getAsk();
    if (!Double.isFinite(bid) || !Double.isFinite(ask) || bid <= 0 || ask <= 0) {
      return reject(Rejection.INVALID_PRICE, "bid and ask must be finite and > 0, got " + bid + "/" + ask);
    }
    if (bid > ask) {
      return reject(Rejection.CROSSED_QUOTE, "bid " + bid + " above ask " + ask);
    }
    if (isBlank(tick.getSymbol())) {
      return reject(Rejection.INVALID_PRICE, "tick without symbol");
    }
    return Optional.empty();
  }

  private static boolean isBlank(CharSequence text) {
    return text == null || text.toString().isBlank();
  }

  private static Optional<Rejection> reject(String code, String reason) {
    return Optional.of(new Rejection(code, reason));
  }
}
