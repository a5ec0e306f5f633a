package io.hedgestream.engine.processor;

import io.hedgestream.avro.PolicyControl;
import io.hedgestream.engine.decision.HedgeLimits;
import io.hedgestream.engine.input.ControlDecoder;
import io.hedgestream.engine.input.EngineInput;
import io.hedgestream.engine.policy.ModelActivation;
import io.hedgestream.engine.state.ControlState;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies operator commands to a task's control store and answers what they mean for a symbol: whether
 * the kill switch covers it (its own or {@code *}) and which limits apply (configured defaults, then
 * {@code *} overrides, then the symbol's).
 *
 * <p>RESUME for a symbol clears that symbol's kill switch; RESUME for {@code *} clears every kill switch.
 * ACTIVATE_MODEL goes to {@link ActivePolicies}.
 */
final class Controls {

  private static final Logger LOG = LoggerFactory.getLogger(Controls.class);

  private final HedgeLimits defaults;
  private final ActivePolicies policies;

  Controls(HedgeLimits defaults, ActivePolicies policies) {
    this.defaults = defaults;
    this.policies = policies;
  }

  /**
   * Applies one command.
   *
   * @return the symbols whose books must be flattened now (non-empty only for a kill switch)
   */
  List<String> apply(EngineState state, EngineInput.Control control) {
    String target = control.target();
    PolicyControl command = control.command();
    String id = command.getCommandId();
    LOG.info("control {} {} for {} by {}", id, command.getCommand(), target, command.getOperator());
    switch (command.getCommand()) {
      case KILL_SWITCH:
        state.saveControl(target, state.control(target).withKilled(true, id));
        return EngineInput.Control.ALL_SYMBOLS.equals(target) ? state.scheduledSymbols() : List.of(target);
      case RESUME:
        if (EngineInput.Control.ALL_SYMBOLS.equals(target)) {
          for (KeyValue<String, ControlState> entry : state.allControls()) {
            state.saveControl(entry.key, entry.value.withKilled(false, id));
          }
        }
        state.saveControl(target, state.control(target).withKilled(false, id));
        return List.of();
      case SET_LIMITS:
        Map<String, Double> limits = command.getLimits();
        state.saveControl(target, state.control(target).withLimits(
            limits.getOrDefault(ControlDecoder.MAX_POSITION, Double.NaN),
            limits.getOrDefault(ControlDecoder.MAX_ORDER_QUANTITY, Double.NaN), id));
        return List.of();
      case ACTIVATE_MODEL:
        policies.activate(target, ModelActivation.of(command), id);
        return List.of();
      case SET_TRADING_STATE:
        // The gateway enforces trading states; the engine keeps deciding, and hedges again after a refusal.
        return List.of();
      default:
        LOG.warn("control {} {} ignored: not accepted by the decoder", id, command.getCommand());
        return List.of();
    }
  }

  /** Whether the kill switch covers {@code symbol}. */
  boolean killed(EngineState state, String symbol) {
    return state.control(symbol).killed() || state.control(EngineInput.Control.ALL_SYMBOLS).killed();
  }

  /** The limits of {@code symbol}. */
  HedgeLimits limits(EngineState state, String symbol) {
    return override(override(defaults, state.control(EngineInput.Control.ALL_SYMBOLS)), state.control(symbol));
  }

  private static HedgeLimits override(HedgeLimits base, ControlState control) {
    HedgeLimits limits = base;
    if (!Double.isNaN(control.maxPosition())) {
      limits = limits.withMaxPosition(control.maxPosition());
    }
    if (!Double.isNaN(control.maxOrderQuantity())) {
      limits = limits.withMaxOrderQuantity(control.maxOrderQuantity());
    }
    return limits;
  }
}
