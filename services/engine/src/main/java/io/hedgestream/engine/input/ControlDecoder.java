package io.hedgestream.engine.input;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.ModelActivation;
import io.hedgestream.engine.policy.PolicyRegistry;
import io.hedgestream.schemas.Topics;
import java.util.Map;
import java.util.Set;

/**
 * Decodes {@code policy.control}. KILL_SWITCH, RESUME, SET_LIMITS and SET_TRADING_STATE are checked for
 * their arguments.
 * ACTIVATE_MODEL is checked here in full, once per command and before it is broadcast to every task: the
 * engine's {@link PolicyRegistry} loads the model and verifies its sha256, metadata and version, so a refused
 * model is dead-lettered once ({@link RejectCode#MODEL_REFUSED}, with the reason) and no task switches.
 */
public final class ControlDecoder extends RecordDecoder<PolicyControl> {

  /** Limit names SET_LIMITS understands. */
  public static final String MAX_POSITION = "maxPosition";
  /** Limit names SET_LIMITS understands. */
  public static final String MAX_ORDER_QUANTITY = "maxOrderQuantity";
  private static final Set<String> LIMIT_NAMES = Set.of(MAX_POSITION, MAX_ORDER_QUANTITY);

  private final PolicyRegistry policies;

  /**
   * Creates the decoder of {@link Topics#POLICY_CONTROL}.
   *
   * @param policies the engine instance's policies, which check (and load) models to activate
   * @param limits the bounds commands must meet (their time)
   */
  public ControlDecoder(PolicyRegistry policies, InputLimits limits) {
    super(Topics.POLICY_CONTROL, limits);
    this.policies = policies;
  }

  @Override
  protected Rejection validate(PolicyControl command, String key, long nowMicros) {
    if (key == null || key.isBlank()) {
      return new Rejection(RejectCode.KEY_MISMATCH, "control key must be a symbol or '*', was " + key);
    }
    Rejection missing = present("commandId", command.getCommandId());
    if (missing != null) {
      return missing;
    }
    Rejection clock = limits.checkClock("command time", EpochMicros.of(command.getEventTimeMicros()), nowMicros);
    if (clock != null) {
      return clock;
    }
    if (command.getCommand() == ControlCommand.ACTIVATE_MODEL) {
      Result<HedgePolicy> model = policies.activate(ModelActivation.of(command));
      return model.isSuccess() ? null : new Rejection(RejectCode.MODEL_REFUSED, model.reason());
    }
    if (command.getCommand() == ControlCommand.SET_LIMITS) {
      return invalidLimits(command.getLimits());
    }
    if (command.getCommand() == ControlCommand.SET_TRADING_STATE && command.getTradingState() == null) {
      return new Rejection(RejectCode.INVALID_COMMAND, "SET_TRADING_STATE without a tradingState (ACTIVE, "
          + "REDUCING or HALTED)");
    }
    return null;
  }

  @Override
  protected EngineInput accept(PolicyControl command, String key, RawRecord raw) {
    return new EngineInput.Control(key, command);
  }

  private static Rejection invalidLimits(Map<String, Double> limits) {
    if (limits == null || limits.isEmpty()) {
      return new Rejection(RejectCode.INVALID_COMMAND, "SET_LIMITS without limits; known: " + LIMIT_NAMES);
    }
    for (Map.Entry<String, Double> limit : limits.entrySet()) {
      if (!LIMIT_NAMES.contains(limit.getKey())) {
        return new Rejection(RejectCode.INVALID_COMMAND, "unknown limit '" + limit.getKey() + "'; known: "
            + LIMIT_NAMES);
      }
      Double value = limit.getValue();
      if (value == null || !positiveFinite(value)) {
        return new Rejection(RejectCode.INVALID_COMMAND, "limit " + limit.getKey() + " must be finite and > 0, was "
            + value);
      }
    }
    return null;
  }
}
