package io.hedgestream.engine.input;

import io.hedgestream.avro.OrderStatus;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.schemas.Topics;

/**
 * Decodes {@code orders.status}: ids present, key = symbol, a positive order quantity, a cumulative
 * quantity between 0 and the order quantity, a non-negative leaves quantity, an average price that is
 * absent or positive, and an event time after the floor and not ahead of the wall clock. Whether the order
 * is pending in its book is checked later, against the book.
 */
public final class OrderStatusDecoder extends RecordDecoder<OrderStatus> {

  /** Rounding allowed between the cumulative and the order quantity (whole-lot quantities summed). */
  private static final double QUANTITY_TOLERANCE = 1e-9;

  /**
   * Creates the decoder of {@link Topics#ORDERS_STATUS}.
   *
   * @param limits the bounds statuses must meet
   */
  public OrderStatusDecoder(InputLimits limits) {
    super(Topics.ORDERS_STATUS, limits);
  }

  @Override
  protected Rejection validate(OrderStatus status, String key, long nowMicros) {
    Rejection missing = present("orderId", status.getOrderId(), "book", status.getBook(), "symbol",
        status.getSymbol(), "instrument", status.getInstrument());
    if (missing != null) {
      return missing;
    }
    Rejection wrongKey = keyMatches(key, status.getSymbol());
    if (wrongKey != null) {
      return wrongKey;
    }
    double ordered = status.getOrderQuantity();
    if (!positiveFinite(ordered)) {
      return new Rejection(RejectCode.INVALID_QUANTITY, "order quantity must be finite and > 0, was " + ordered);
    }
    double cumulative = status.getCumulativeQuantity();
    if (!Double.isFinite(cumulative) || cumulative < 0) {
      return new Rejection(RejectCode.INVALID_QUANTITY, "cumulative quantity must be finite and >= 0, was "
          + cumulative);
    }
    if (cumulative > ordered * (1 + QUANTITY_TOLERANCE)) {
      return new Rejection(RejectCode.OVERFILL, "cumulative quantity " + cumulative + " exceeds the order quantity "
          + ordered);
    }
    double leaves = status.getLeavesQuantity();
    if (!Double.isFinite(leaves) || leaves < 0) {
      return new Rejection(RejectCode.INVALID_QUANTITY, "leaves quantity must be finite and >= 0, was " + leaves);
    }
    Double average = status.getAveragePrice();
    if (average != null && !positiveFinite(average)) {
      return new Rejection(RejectCode.INVALID_PRICE, "average price must be absent or finite and > 0, was "
          + average);
    }
    return limits.checkClock("status time", EpochMicros.of(status.getEventTimeMicros()), nowMicros);
  }

  @Override
  protected EngineInput accept(OrderStatus status, String key, RawRecord raw) {
    return new EngineInput.HedgeOrderStatus(status, raw);
  }
}
