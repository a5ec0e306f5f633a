package io.hedgestream.pricing;

/** Whether a European option is a call (right to buy) or a put (right to sell). */
public enum PutCall {
  /** Pays {@code max(S - K, 0)} at expiry. */
  CALL,
  /** Pays {@code max(K - S, 0)} at expiry. */
  PUT;

  /**
   * Tells whether this is a call.
   *
   * @return true for {@link #CALL}
   */
  public boolean isCall() {
    return this == CALL;
  }

  /**
   * The payoff sign: +1 for a call, -1 for a put, so the payoff is {@code max(sign * (S - K), 0)}.
   *
   * @return +1 or -1
   */
  public int sign() {
    return this == CALL ? 1 : -1;
  }
}
