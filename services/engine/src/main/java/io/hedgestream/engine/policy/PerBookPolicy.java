package io.hedgestream.engine.policy;

import io.hedgestream.basics.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy that decides each book on its own by a closed-form rule and cannot fail: the batch form is a
 * plain loop over {@link #target}. Analytic hedges (delta, no hedge) take this shape; a model that gains
 * from batching implements {@link HedgePolicy#decide(List)} itself.
 */
public interface PerBookPolicy extends HedgePolicy {

  /**
   * The target holdings of one book.
   *
   * @param context the book, marked at its market
   * @return the target
   */
  TargetHoldings target(DecisionContext context);

  @Override
  default List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
    List<Result<TargetHoldings>> targets = new ArrayList<>(contexts.size());
    for (DecisionContext context : contexts) {
      targets.add(Result.success(target(context)));
    }
    return targets;
  }
}
