package io.hedgestream.launcher;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.NoHedgePolicy;
import io.hedgestream.engine.policy.TargetHoldings;
import java.util.List;

/**
 * The engine's own two policies side by side, chosen per book: books whose id starts with
 * {@link #UNHEDGED_PREFIX} get {@link NoHedgePolicy} (what {@code engine.policy=none} runs), every other
 * book {@link DeltaHedgePolicy} ({@code engine.policy=delta}). One engine then carries a hedged and an
 * unhedged book on every path, through the same accounting, in one pass over the ticks.
 */
final class DeltaHedgingBookPolicy implements HedgePolicy {

  /** Prefix of the ids of books that are never hedged. */
  static final String UNHEDGED_PREFIX = "unhedged-";

  private final HedgePolicy delta = new DeltaHedgePolicy();
  private final HedgePolicy none = new NoHedgePolicy();

  @Override
  public String version() {
    return DeltaHedgePolicy.VERSION + "|" + NoHedgePolicy.VERSION;
  }

  @Override
  public List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
    return contexts.stream()
        .map(context -> (context.book().startsWith(UNHEDGED_PREFIX) ? none : delta).decide(context))
        .toList();
  }
}
