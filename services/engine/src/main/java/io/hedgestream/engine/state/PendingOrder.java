package io.hedgestream.engine.state;

import java.util.Objects;

/**
 * A hedge order the book sent and has not seen fully filled. Mutable: fills reduce the remaining quantity.
 */
public final class PendingOrder {

  private final String orderId;
  private final String instrument;
  private double signedRemaining;

  /**
   * Creates a pending order.
   *
   * @param orderId the order's id
   * @param instrument instrument id
   * @param signedRemaining units still to fill, positive to buy, negative to sell
   */
  public PendingOrder(String orderId, String instrument, double signedRemaining) {
    this.orderId = Objects.requireNonNull(orderId, "orderId");
    this.instrument = Objects.requireNonNull(instrument, "instrument");
    this.signedRemaining = signedRemaining;
  }

  /** The order's id. */
  public String orderId() {
    return orderId;
  }

  /** Instrument id. */
  public String instrument() {
    return instrument;
  }

  /** Units still to fill: positive to buy, negative to sell. */
  public double signedRemaining() {
    return signedRemaining;
  }

  /** True for a buy order. */
  public boolean isBuy() {
    return signedRemaining > 0;
  }

  /**
   * Books a fill of {@code units} (positive) against the order.
   *
   * @param units filled units, > 0
   * @return true when nothing (or less than {@code 1e-9} of a unit) remains
   */
  public boolean fill(double units) {
    double reduced = Math.abs(signedRemaining) - units;
    signedRemaining = reduced <= 1e-9 ? 0 : Math.copySign(reduced, signedRemaining);
    return signedRemaining == 0;
  }

  /**
   * Releases what the venue will no longer fill, keeping only {@code unitsInTransit}: fills the venue
   * reported that have not reached the book yet.
   *
   * @param unitsInTransit units still to be booked, >= 0 (at most what remains)
   * @return true when nothing (or less than {@code 1e-9} of a unit) remains
   */
  public boolean release(double unitsInTransit) {
    double kept = Math.min(Math.abs(signedRemaining), Math.max(0, unitsInTransit));
    signedRemaining = kept <= 1e-9 ? 0 : Math.copySign(kept, signedRemaining);
    return signedRemaining == 0;
  }

  void writeTo(StateWriter out) {
    out.writeString(orderId);
    out.writeString(instrument);
    out.writeDouble(signedRemaining);
  }

  static PendingOrder readFrom(StateReader in) {
    return new PendingOrder(in.readString(), in.readString(), in.readDouble());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PendingOrder that && orderId.equals(that.orderId) && instrument.equals(that.instrument)
        && Double.compare(signedRemaining, that.signedRemaining) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(orderId, instrument, signedRemaining);
  }

  @Override
  public String toString() {
    return orderId + " " + instrument + " " + signedRemaining;
  }
}
