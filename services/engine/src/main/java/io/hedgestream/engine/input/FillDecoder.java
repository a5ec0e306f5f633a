package io.hedgestream.engine.input;

import io.hedgestream.avro.Fill;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.schemas.Topics;

/**
 * Decodes {@code fills.hedge}: ids present, key = symbol, a positive quantity, a positive price, a
 * non-negative fee, and an event time after the floor and not ahead of the wall clock. Whether the order is
 * pending, the fill not larger than what is left of it, and its price and fee believable are checked later,
 * against the book and the market.
 */
public final class FillDecoder extends RecordDecoder<Fill> {

  /**
   * Creates the decoder of {@link Topics#FILLS_HEDGE}.
   *
   * @param limits the bounds fills must meet
   */
  public FillDecoder(InputLimits limits) {
    super(Topics.FILLS_HEDGE, limits);
  }

  @Override
  protected Rejection validate(Fill fill, String key, long nowMicros) {
    Rejection missing = present("fillId", fill.getFillId(), "orderId", fill.getOrderId(), "book", fill.getBook(),
        "symbol", fill.getSymbol(), "instrument", fill.getInstrument());
    if (missing != null) {
      return missing;
    }
    Rejection wrongKey = keyMatches(key, fill.getSymbol());
    if (wrongKey != null) {
      return wrongKey;
    }
    double quantity = fill.getQuantity();
    if (!Double.isFinite(quantity) || quantity == 0) {
      return new Rejection(RejectCode.ZERO_QUANTITY, "fill quantity must be finite and non-zero, was " + quantity);
    }
    if (quantity < 0) {
      return new Rejection(RejectCode.INVALID_QUANTITY, "fill quantity must be positive (side gives the sign), was "
          + quantity);
    }
    if (!positiveFinite(fill.getPrice())) {
      return new Rejection(RejectCode.INVALID_PRICE, "fill price must be finite and > 0, was " + fill.getPrice());
    }
    if (!Double.isFinite(fill.getFee()) || fill.getFee() < 0) {
      return new Rejection(RejectCode.INVALID_FEE, "fee must be finite and >= 0, was " + fill.getFee());
    }
    return limits.checkClock("fill time", EpochMicros.of(fill.getEventTimeMicros()), nowMicros);
  }

  @Override
  protected EngineInput accept(Fill fill, String key, RawRecord raw) {
    return new EngineInput.HedgeFill(fill, raw);
  }
}
