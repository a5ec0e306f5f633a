package io.hedgestream.engine.policy;

import io.hedgestream.basics.Result;
import java.util.List;

/**
 * Decides target hedge holdings for books. The analytic delta hedge is the first implementation; the
 * ONNX policy implements the same interface and benefits from the batch form, which the engine uses to
 * decide every book due at one tick in one call.
 *
 * <p>A policy may fail for a book (a {@link Result} failure) or even throw; the engine then falls back to
 * the delta hedge for the books affected. It must not keep per-book state: everything it may use is in
 * the {@link DecisionContext}.
 */
public interface HedgePolicy {

  /** Version recorded on every order and PnL event the policy's targets produce, e.g. {@code delta-bs-v1}. */
  String version();

  /**
   * Decides targets for several books at once.
   *
   * @param contexts the books, each marked at its market
   * @return one result per context, in the same order
   */
  List<Result<TargetHoldings>> decide(List<DecisionContext> contexts);

  /**
   * Decides the target of one book.
   *
   * @param context the book
   * @return its target, or why there is none
   */
  default Result<TargetHoldings> decide(DecisionContext context) {
    return decide(List.of(context)).get(0);
  }

  /**
   * Decides several books like {@link #decide(List)} and also returns what was computed on the way
   * (features, raw outputs, timings, the model's identity), for the decision journal. The default wraps
   * {@link #decide(List)}: no features, no model, no timings, as for analytic policies; a model overrides it.
   *
   * @param contexts the books, each marked at its market
   * @return the batch: one decision per context, in the same order (a null or short target list from
   *     {@link #decide(List)} is passed through for the caller to handle)
   */
  default PolicyBatch decideWithDetails(List<DecisionContext> contexts) {
    List<Result<TargetHoldings>> targets = decide(contexts);
    return targets == null ? null : PolicyBatch.analytic(targets);
  }
}
