package io.hedgestream.engine.policy;

import io.hedgestream.basics.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * One call of a policy for a batch of books, with the details the decision journal records.
 *
 * @param decisions one decision per book, in the order asked
 * @param model the model that decided, or null for an analytic policy
 * @param featureNanos wall time spent building the batch's features, ns (0 when none were built)
 * @param inferenceNanos wall time of the batch's model run, ns (0 when no model ran)
 */
public record PolicyBatch(List<PolicyDecision> decisions, ModelIdentity model, long featureNanos,
    long inferenceNanos) {

  /**
   * The batch of a policy without a model: each target wrapped as an {@link PolicyDecision#analytic}
   * decision, no timings.
   *
   * @param targets one target (or failure) per book
   * @return the batch
   */
  public static PolicyBatch analytic(List<Result<TargetHoldings>> targets) {
    List<PolicyDecision> decisions = new ArrayList<>(targets.size());
    for (Result<TargetHoldings> target : targets) {
      decisions.add(PolicyDecision.analytic(target));
    }
    return new PolicyBatch(decisions, null, 0, 0);
  }
}
