package io.hedgestream.engine.decision;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.instruments.ListedFamily;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.TargetHoldings;
import java.util.Map;

/**
 * The guardrail between a policy and the market: a target trades only if it names instruments the
 * engine can trade (the underlying, by its symbol, or a contract listed family such as {@code CALL_ATM_30D}),
 * every value is finite, and no holding exceeds the position limit (for a family: its option units,
 * contracts x multiplier). Anything else is a failure that makes the engine fall back to the delta hedge.
 */
public final class PolicyGuard {

  private PolicyGuard() {}

  /**
   * Checks a policy's proposal.
   *
   * @param proposed what the policy returned (possibly a failure, possibly null)
   * @param context the book it was for
   * @param limits the book's limits
   * @return the same target, or a failure saying which guardrail fired
   */
  public static Result<TargetHoldings> check(Result<TargetHoldings> proposed, DecisionContext context,
      HedgeLimits limits) {
    if (proposed == null) {
      return Result.failure("policy returned no result");
    }
    if (!proposed.isSuccess()) {
      return Result.failure("policy failed: " + proposed.reason());
    }
    for (Map.Entry<String, Double> target : proposed.value().units().entrySet()) {
      String instrument = target.getKey();
      Double units = target.getValue();
      if (!context.symbol().equals(instrument) && !ListedFamily.isFamily(instrument)) {
        return Result.failure("target for unsupported instrument " + instrument);
      }
      if (units == null || !Double.isFinite(units)) {
        return Result.failure("target " + units + " for " + instrument + " is not finite");
      }
      if (Math.abs(units) > limits.maxPosition()) {
        return Result.failure("target " + units + " for " + instrument + " exceeds max-position "
            + limits.maxPosition());
      }
    }
    return proposed;
  }

  /**
   * The fallback: the delta hedge in the underlying, clamped to the position limit. It neutralises the delta
   * of the liability and of the listed hedge options held; it does not trade options, so existing option
   * hedges are kept as they are (until a later policy decision, a kill or their expiry).
   *
   * @param context the book
   * @param limits the book's limits
   * @return the target, always finite and within limits
   */
  public static TargetHoldings fallback(DecisionContext context, HedgeLimits limits) {
    double delta = DeltaHedgePolicy.deltaNeutralHolding(context);
    double clamped = Double.isFinite(delta)
        ? Math.max(-limits.maxPosition(), Math.min(limits.maxPosition(), delta)) : context.holding(context.symbol());
    return TargetHoldings.of(context.symbol(), clamped);
  }
}
