package io.hedgestream.bench.decision;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.decision.HedgeLimits;
import io.hedgestream.engine.decision.PolicyGuard;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.PolicyBatch;
import io.hedgestream.engine.policy.TargetHoldings;
import java.util.ArrayList;
import java.util.List;

/**
 * The measured decision: what the engine's {@code BookDecider} does between marking the books due at a tick
 * and planning their orders. One {@link HedgePolicy#decideWithDetails(List)} call for all the books, as the
 * engine makes it (for the ONNX policy: the feature build per book, one ONNX Runtime run for the batch, the
 * model's own guardrails on each output, and the features, outputs and timings kept for the decision
 * journal), then per book the engine's {@link PolicyGuard} (instrument, finiteness, position limit) and, if
 * it refuses, the delta-hedge fallback. Marking, order planning, PnL booking and the journal append are not
 * part of it.
 */
final class DecisionStep {

  /** The engine's default limits ({@code engine.limits.max-position}, {@code max-order-quantity}). */
  static final HedgeLimits ENGINE_DEFAULT_LIMITS = new HedgeLimits(1_000_000, 100_000);

  private final HedgePolicy policy;
  private final HedgeLimits limits;

  /**
   * Creates the step.
   *
   * @param policy the policy asked for targets
   * @param limits the limits the guard applies
   */
  DecisionStep(HedgePolicy policy, HedgeLimits limits) {
    this.policy = policy;
    this.limits = limits;
  }

  /**
   * Decides a batch of books.
   *
   * @param books the books due at one tick
   * @return the target that would trade for each book, in order
   */
  List<TargetHoldings> decide(List<DecisionContext> books) {
    PolicyBatch proposals = policy.decideWithDetails(books);
    List<TargetHoldings> targets = new ArrayList<>(books.size());
    for (int i = 0; i < books.size(); i++) {
      DecisionContext book = books.get(i);
      Result<TargetHoldings> proposal = proposals.decisions().get(i).target();
      Result<TargetHoldings> checked = PolicyGuard.check(proposal, book, limits);
      targets.add(checked.isSuccess() ? checked.value() : PolicyGuard.fallback(book, limits));
    }
    return targets;
  }
}
