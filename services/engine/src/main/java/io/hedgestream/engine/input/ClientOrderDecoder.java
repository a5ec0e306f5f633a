package io.hedgestream.engine.input;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.schemas.Topics;
import java.time.Duration;

/**
 * Decodes {@code orders.client} and applies the checks that need no market: ids present, key = symbol,
 * usable option terms with a multiplier within {@code max-multiplier}, a non-zero quantity within
 * {@code max-client-contracts}, a non-negative premium, an order time after the floor and not ahead of the
 * wall clock, and an option that expires after the order and within {@code max-expiry-horizon}. The strike
 * and premium are checked against the market, and the order time against the symbol's latest tick, by the
 * book processor.
 */
public final class ClientOrderDecoder extends RecordDecoder<ClientOrder> {

  /**
   * Creates the decoder of {@link Topics#ORDERS_CLIENT}.
   *
   * @param limits the bounds client orders must meet
   */
  public ClientOrderDecoder(InputLimits limits) {
    super(Topics.ORDERS_CLIENT, limits);
  }

  @Override
  protected Rejection validate(ClientOrder order, String key, long nowMicros) {
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
    if (option.getMultiplier() > limits.maxMultiplier()) {
      return new Rejection(RejectCode.MULTIPLIER_OUT_OF_RANGE, "multiplier " + option.getMultiplier() + " exceeds "
          + InputLimits.PREFIX + "max-multiplier=" + limits.maxMultiplier());
    }
    double quantity = order.getQuantity();
    if (!Double.isFinite(quantity) || quantity == 0) {
      return new Rejection(RejectCode.ZERO_QUANTITY, "quantity must be a finite non-zero number of contracts, was "
          + quantity);
    }
    if (Math.abs(quantity) > limits.maxClientContracts()) {
      return new Rejection(RejectCode.QUANTITY_OUT_OF_RANGE, "|quantity| " + Math.abs(quantity) + " exceeds "
          + InputLimits.PREFIX + "max-client-contracts=" + limits.maxClientContracts());
    }
    if (!Double.isFinite(order.getPremium()) || order.getPremium() < 0) {
      return new Rejection(RejectCode.INVALID_PREMIUM, "premium must be finite and >= 0, was " + order.getPremium());
    }
    long eventTime = EpochMicros.of(order.getEventTimeMicros());
    Rejection clock = limits.checkClock("order time", eventTime, nowMicros);
    if (clock != null) {
      return clock;
    }
    long expiry = EpochMicros.of(option.getExpiryMicros());
    if (expiry <= eventTime) {
      return new Rejection(RejectCode.EXPIRED_OPTION, "option expiry " + option.getExpiryMicros()
          + " is not after the order time " + order.getEventTimeMicros());
    }
    if (expiry - eventTime > limits.maxExpiryHorizonMicros()) {
      return new Rejection(RejectCode.EXPIRY_OUT_OF_RANGE, "option expiry " + option.getExpiryMicros()
          + " is more than " + InputLimits.PREFIX + "max-expiry-horizon="
          + Duration.ofNanos(limits.maxExpiryHorizonMicros() * 1_000) + " after the order time "
          + order.getEventTimeMicros());
    }
    return null;
  }

  @Override
  protected EngineInput accept(ClientOrder order, String key, RawRecord raw) {
    return new EngineInput.ClientTrade(order, raw);
  }
}
