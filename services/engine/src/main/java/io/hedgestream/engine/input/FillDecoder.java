package io.hedgestream.engine.input;

import io.hedgestream.avro.Fill;
import io.hedgestream.schemas.Topics;

/**
 * Decodes {@code fills.hedge}: ids present, key = symbol, a positive quantity, a positive price and a
 * non-negative fee. Whether the order is pending is checked later, against the book.
 */
public final class FillDecoder extends RecordDecoder<Fill> {

  /** Creates the decoder of {@link Topics#FILLS_HEDGE}. */
  public FillDecoder() {
    super(Topics.FILLS_HEDGE);
  }

  @Override
  protected Rejection validate(Fill fill, String key) {
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
    return null;
  }

  @Override
  protected EngineInput accept(Fill fill, String key, RawRecord raw) {
    return new EngineInput.HedgeFill(fill, raw);
  }
}
