package io.hedgestream.launcher.status;

/**
 * The pipeline's totals at one instant, as seen on the output topics.
 *
 * @param ticks market ticks seen on md.ticks since the status consumer started
 * @param clientOrders client orders seen on orders.client
 * @param decisions PnL events (one per book per decision step) seen on pnl.events
 * @param fallbacks of those, decisions where a guardrail refused the model's target and the delta hedge was
 *     used (reason FALLBACK)
 * @param hedgeOrders hedge orders seen on orders.hedge
 * @param fills fills seen on fills.hedge
 * @param deadLetters records seen on any dead-letter topic
 * @param books books that have reported at least one PnL event
 * @param netDelta sum over books of each book's latest portfolio delta (underlying units)
 * @param cumulativePnl sum over books of each book's latest cumulative PnL (currency)
 * @param worstCvar95 largest latest CVaR95 of step PnL over books (currency, a loss); NaN before the first
 */
public record StatusSnapshot(long ticks, long clientOrders, long decisions, long fallbacks, long hedgeOrders,
    long fills,
    long deadLetters, int books, double netDelta, double cumulativePnl, double worstCvar95) {

  /** The snapshot before anything arrived. */
  public static final StatusSnapshot EMPTY = new StatusSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, Double.NaN);
}
