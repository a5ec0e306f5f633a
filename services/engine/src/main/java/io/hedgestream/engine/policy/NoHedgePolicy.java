package io.hedgestream.engine.policy;

import io.hedgestream.basics.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Never hedges: the target holding of the underlying is zero. For measuring the unhedged book (the
 * option's own PnL spread) with the same engine and accounting.
 */
public final class NoHedgePolicy implements HedgePolicy {

  /** Version of this policy. */
  public static final String VERSION = "none-v1";

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
    List<Result<TargetHoldings>> targets = new ArrayList<>(contexts.size());
    for (DecisionContext context : contexts) {
      targets.add(Result.success(TargetHoldings.of(context.symbol(), 0.0)));
    }
    return targets;
  }
}
