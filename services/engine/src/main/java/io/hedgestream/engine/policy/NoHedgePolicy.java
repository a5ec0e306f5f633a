package io.hedgestream.engine.policy;

/**
 * Never hedges: the target holding of the underlying is zero. For measuring the unhedged book (the
 * option's own PnL spread) with the same engine and accounting.
 */
public final class NoHedgePolicy implements PerBookPolicy {

  /** Version of this policy. */
  public static final String VERSION = "none-v1";

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public TargetHoldings target(DecisionContext context) {
    return TargetHoldings.of(context.symbol(), 0.0);
  }
}
