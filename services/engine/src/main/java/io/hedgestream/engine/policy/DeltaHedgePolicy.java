package io.hedgestream.engine.policy;

/**
 * The analytic Black-Scholes delta hedge in the underlying: target holding = -(delta of the liability
 * options + delta of any listed hedge options held), so the book's delta after the hedge is zero (a desk
 * short calls buys shares). It never trades options. Also the engine's fallback when another policy fails.
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

  /**
   * The delta-neutral holding of the underlying for one book, in units: minus the delta of the liability
   * options and of the listed option series the book holds as hedges, so the whole book is flat in delta.
   */
  public static double deltaNeutralHolding(DecisionContext context) {
    return -(context.optionGreeks().delta() + context.hedgeOptionGreeks().delta());
  }
}
