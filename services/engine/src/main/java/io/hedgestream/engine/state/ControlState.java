package io.hedgestream.engine.state;

/**
 * Operator settings for one symbol, or for every symbol under the key {@code "*"}: the kill switch, limit
 * overrides and the activated model from {@code policy.control}. Unset limits are NaN; no activated model
 * is an empty {@code modelPath}. Kept in the task's store, so an activation survives a restart.
 *
 * @param killed whether the kill switch is on
 * @param maxPosition override of the position limit, NaN when not set
 * @param maxOrderQuantity override of the order-size limit, NaN when not set
 * @param lastCommandId id of the last command applied
 * @param modelPath path (or built-in name) of the activated policy, empty when none
 * @param modelSha256 hex sha256 of the activated model file, empty for a built-in policy or none
 * @param modelVersion version the activating command pinned, empty when it pinned none
 */
public record ControlState(boolean killed, double maxPosition, double maxOrderQuantity, String lastCommandId,
    String modelPath, String modelSha256, String modelVersion) {

  /** No kill switch, no overrides, no activated model. */
  public static final ControlState NONE = new ControlState(false, Double.NaN, Double.NaN, "", "", "", "");

  /** This state with the kill switch set or cleared. */
  public ControlState withKilled(boolean value, String commandId) {
    return new ControlState(value, maxPosition, maxOrderQuantity, commandId, modelPath, modelSha256, modelVersion);
  }

  /** This state with the given overrides (NaN keeps the current one). */
  public ControlState withLimits(double position, double orderQuantity, String commandId) {
    return new ControlState(killed, Double.isNaN(position) ? maxPosition : position,
        Double.isNaN(orderQuantity) ? maxOrderQuantity : orderQuantity, commandId, modelPath, modelSha256,
        modelVersion);
  }

  /** This state with an activated model. */
  public ControlState withModel(String path, String sha256, String version, String commandId) {
    return new ControlState(killed, maxPosition, maxOrderQuantity, commandId, path, sha256, version);
  }

  /** Whether a model (or built-in policy) was activated for this target. */
  public boolean hasModel() {
    return !modelPath.isEmpty();
  }

  void writeTo(StateWriter out) {
    out.writeBoolean(killed);
    out.writeDouble(maxPosition);
    out.writeDouble(maxOrderQuantity);
    out.writeString(lastCommandId);
    out.writeString(modelPath);
    out.writeString(modelSha256);
    out.writeString(modelVersion);
  }

  static ControlState readFrom(StateReader in) {
    return new ControlState(in.readBoolean(), in.readDouble(), in.readDouble(), in.readString(), in.readString(),
        in.readString(), in.readString());
  }
}
