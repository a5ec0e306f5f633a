package io.hedgestream.engine.processor;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.input.EngineInput;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.ModelActivation;
import io.hedgestream.engine.policy.PolicyRegistry;
import io.hedgestream.engine.policy.PolicySource;
import io.hedgestream.engine.state.ControlState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's answer to "which policy decides this symbol now": the model activated for the symbol, else the
 * one activated for {@code *}, else the configured policy. Activations live in the task's control store
 * (so they survive a restart: the model is loaded again from its path and checked against its sha256) and
 * take effect at the next decision, never inside one.
 */
final class ActivePolicies implements PolicySource {

  private static final Logger LOG = LoggerFactory.getLogger(ActivePolicies.class);

  private final PolicyRegistry registry;
  private final Set<String> reportedRestoreFailures = new HashSet<>();
  /** The policy resolved for each target's control state, so a decision does not re-check the activation. */
  private final Map<String, Resolved> resolved = new HashMap<>();
  private EngineState state;

  ActivePolicies(PolicyRegistry registry) {
    this.registry = registry;
  }

  /** Binds the task's state (at processor init). */
  void bind(EngineState state) {
    this.state = state;
  }

  /**
   * Activates a model for a symbol or {@code *}. The decoder has already checked the command against this
   * engine's registry, so a refusal here means the file changed in between; the active policy stays.
   *
   * @param target symbol or {@code *}
   * @param activation the operator's request
   * @param commandId the command's id
   * @return the activated policy, or why it was refused
   */
  Result<HedgePolicy> activate(String target, ModelActivation activation, String commandId) {
    Result<HedgePolicy> policy = registry.activate(activation);
    if (!policy.isSuccess()) {
      LOG.error("control {} ACTIVATE_MODEL for {} refused: {}; the active policy stays", commandId, target,
          policy.reason());
      return policy;
    }
    state.saveControl(target, state.control(target).withModel(activation.path(), activation.sha256(),
        activation.version(), commandId));
    reportedRestoreFailures.remove(target);
    LOG.info("control {}: policy {} active for {} from the next decision", commandId, policy.value().version(),
        target);
    return policy;
  }

  @Override
  public HedgePolicy policyFor(String symbol) {
    HedgePolicy own = activated(symbol);
    if (own != null) {
      return own;
    }
    HedgePolicy all = activated(EngineInput.Control.ALL_SYMBOLS);
    return all != null ? all : registry.configuredPolicy();
  }

  private record Resolved(ControlState control, HedgePolicy policy) {}

  private HedgePolicy activated(String target) {
    ControlState control = state.control(target);
    if (!control.hasModel() || reportedRestoreFailures.contains(target)) {
      return null;
    }
    Resolved known = resolved.get(target);
    if (known != null && known.control().equals(control)) {
      return known.policy();
    }
    Result<HedgePolicy> policy = registry.activate(
        new ModelActivation(control.modelVersion(), control.modelPath(), control.modelSha256()));
    if (policy.isSuccess()) {
      resolved.put(target, new Resolved(control, policy.value()));
      return policy.value();
    }
    if (reportedRestoreFailures.add(target)) {
      LOG.error("the model activated for {} by control {} cannot be served any more ({}); deciding with the next "
          + "policy in line (symbol, *, configured) until a new ACTIVATE_MODEL", target, control.lastCommandId(),
          policy.reason());
    }
    return null;
  }
}
