package io.hedgestream.engine.state;

/**
 * Operator settings for one symbol, or for every symbol under the key {@code "*"}: the kill switch and
 * limit overrides from {@code policy.control}. Unset limits are NaN.
 *
 * @param killed whether the kill switch is on
 * @param maxPosition override of the position limit, NaN when not set
 * @param maxOrderQuantity override of the order-size limit, NaN when not set
 * @param lastCommandId id of the last command applied
 */
public record ControlState(boolean killed, double maxPosition, double maxOrderQuantity, String lastCommandId) {

  /** No kill switch, no overrides. */
  public static final ControlState NONE = new ControlState(false, Double.NaN, Double.NaN, "");

  /** This state with the kill switch set or cleared. */
  public ControlState withKilled(boolean value, String commandId) {
    return new ControlState(value, maxPosition, maxOrderQuantity, commandId);
  }

  /** This state with the given overrides (NaN keeps the current one). */
  public ControlState withLimits(double position, double orderQuantity, String commandId) {
    return new ControlState(killed, Double.isNaN(position) ? maxPosition : position,
        Double.isNaN(orderQuantity) ? maxOrderQuantity : orderQuantity, commandId);
  }

  void writeTo(StateWriter out) {
    out.writeBoolean(killed);
    out.writeDouble(maxPosition);
    out.writeDouble(maxOrderQuantity);
    out.writeString(lastCommandId);
  }

  static ControlState readFrom(StateReader in) {
    return new ControlState(in.readBoolean(), in.readDouble(), in.readDouble(), in.readString());
  }
}
