package io.hedgestream.engine.policy;

import io.hedgestream.basics.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * The analytic Black-Scholes delta hedge in the underlying: target holding = -(delta of the options), so
 * the book's delta after the hedge is zero (a desk short calls buys shares). Also the engine's fallback
 * when another policy fails.
 */
public final class DeltaHedgePolicy implements HedgePolicy {

  /** Version of this policy. */
  public static final String VERSION = "delta-bs-v1";

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
    List<Result<TargetHoldings>> targets = new ArrayList<>(contexts.size());
    for (DecisionContext context : contexts) {
      targets.add(Result.success(target(context)));
    }
    return targets;
  }

  /** The delta-neutral target of one book. */
  public static TargetHoldings target(DecisionContext context) {
    return TargetHoldings.of(context.symbol(), -context.optionGreeks().delta());
  }
}
