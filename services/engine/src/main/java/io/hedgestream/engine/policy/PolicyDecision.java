package io.hedgestream.engine.policy;

import io.hedgestream.basics.Result;

/**
 * What a policy decided for one book and what it computed on the way, for the decision journal: a model
 * fills in its features and raw output; an analytic policy has neither.
 *
 * @param target the target holdings, or why there is none
 * @param features the float64 features in the model's order, or null when the policy uses none or they
 *     could not be built (owned by this record; do not modify)
 * @param output the raw model output per instrument, or null when no model ran for the book
 * @param scale the book scale the output was multiplied by, NaN when the policy uses none
 */
public record PolicyDecision(Result<TargetHoldings> target, double[] features, float[] output, double scale) {

  /**
   * A decision of a policy that computes no features or model output.
   *
   * @param target the target, or why there is none
   * @return the decision
   */
  public static PolicyDecision analytic(Result<TargetHoldings> target) {
    return new PolicyDecision(target, null, null, Double.NaN);
  }
}
