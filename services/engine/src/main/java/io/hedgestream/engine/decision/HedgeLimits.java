package io.hedgestream.engine.decision;

/**
 * Pre-trade limits the engine applies to every book before an order leaves it.
 *
 * @param maxPosition largest absolute holding of any hedge instrument a target may ask for, in units
 *     (shares for the underlying, option units = contracts x multiplier for a listed family)
 * @param maxOrderQuantity largest absolute quantity of one order in the same units; a larger order is clipped
 *     to it (an option order to whole contracts) and the rest is left for the next decision
 */
public record HedgeLimits(double maxPosition, double maxOrderQuantity) {

  /** Rejects limits that are not finite and positive. */
  public HedgeLimits {
    if (!(Double.isFinite(maxPosition) && maxPosition > 0)) {
      throw new IllegalArgumentException("maxPosition must be finite and > 0, was " + maxPosition);
    }
    if (!(Double.isFinite(maxOrderQuantity) && maxOrderQuantity > 0)) {
      throw new IllegalArgumentException("maxOrderQuantity must be finite and > 0, was " + maxOrderQuantity);
    }
  }

  /** These limits with {@code maxPosition} replaced. */
  public HedgeLimits withMaxPosition(double value) {
    return new HedgeLimits(value, maxOrderQuantity);
  }

  /** These limits with {@code maxOrderQuantity} replaced. */
  public HedgeLimits withMaxOrderQuantity(double value) {
    return new HedgeLimits(maxPosition, value);
  }
}
