package io.hedgestream.engine.input;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.schemas.Topics;

/**
 * Decodes {@code orders.client}: ids present, key = symbol, usable option terms, a non-zero quantity, a
 * non-negative premium, and an option that has not expired at the order's event time.
 */
public final class ClientOrderDecoder extends RecordDecoder<ClientOrder> {

  /** Creates the decoder of {@link Topics#ORDERS_CLIENT}. */
  public ClientOrderDecoder() {
    super(Topics.ORDERS_CLIENT);
  }

  @Override
  protected Rejection validate(ClientOrder order, String key) {
    Rejection missing = present("orderId", order.getOrderId(), "book", order.getBook(),
        "symbol", order.getSymbol());
    if (missing != null) {
      return missing;
    }
    Rejection wrongKey = keyMatches(key, order.getSymbol());
    if (wrongKey != null) {
      return wrongKey;
    }
    OptionSpec option = order.getOption();
    if (!positiveFinite(option.getStrike()) || !positiveFinite(option.getMultiplier())) {
      return new Rejection(RejectCode.MALFORMED_OPTION, "strike " + option.getStrike() + " and multiplier "
          + option.getMultiplier() + " must be finite and > 0");
    }
    double quantity = order.getQuantity();
    if (!Double.isFinite(quantity) || quantity == 0) {
      return new Rejection(RejectCode.ZERO_QUANTITY, "quantity must be a finite non-zero number of contracts, was "
          + quantity);
    }
    if (!Double.isFinite(order.getPremium()) || order.getPremium() < 0) {
      return new Rejection(RejectCode.INVALID_PREMIUM, "premium must be finite and >= 0, was " + order.getPremium());
    }
    long expiry = EpochMicros.of(option.getExpiryMicros());
    long eventTime = EpochMicros.of(order.getEventTimeMicros());
    if (expiry <= eventTime) {
      return new Rejection(RejectCode.EXPIRED_OPTION, "option expiry " + option.getExpiryMicros()
          + " is not after the order time " + order.getEventTimeMicros());
    }
    return null;
  }

  @Override
  protected EngineInput accept(ClientOrder order, String key, RawRecord raw) {
    return new EngineInput.ClientTrade(order, raw);
  }
}
