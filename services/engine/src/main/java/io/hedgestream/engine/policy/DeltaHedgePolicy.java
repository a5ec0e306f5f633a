package io.hedgestream.engine.policy;

/**
 * The analytic Black-Scholes delta hedge in the underlying: target holding = -(delta of the options), so
 * the book's delta after the hedge is zero (a desk short calls buys shares). Also the engine's fallback
 * when another policy fails.
 */
public final class DeltaHedgePolicy implements PerBookPolicy {

  /** Version of this policy. */
  public static final String VERSION = "delta-bs-v1";

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public TargetHoldings target(DecisionContext context) {
    return TargetHoldings.of(context.symbol(), deltaNeutralHolding(context));
  }

  /** The delta-neutral holding of the underlying for one book: minus the options' delta, in units. */
  public static double deltaNeutralHolding(DecisionContext context) {
    return -context.optionGreeks().delta();
  }
}
