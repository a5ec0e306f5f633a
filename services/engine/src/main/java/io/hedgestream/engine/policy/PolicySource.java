package io.hedgestream.engine.policy;

/**
 * Which policy decides a symbol's books now. The engine's source answers from the operator's
 * {@code policy.control} ACTIVATE_MODEL commands (per symbol, then {@code *}, then the configured policy),
 * so a model activated between two decisions decides the next one.
 */
@FunctionalInterface
public interface PolicySource {

  /**
   * The policy that decides the next batch of books of {@code symbol}.
   *
   * @param symbol underlying symbol
   * @return the active policy, never null
   */
  HedgePolicy policyFor(String symbol);
}
