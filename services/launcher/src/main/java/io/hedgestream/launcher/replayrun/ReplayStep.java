package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.PnlEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One book's decision step of a replay, as the results table reads it from the engine's PnL event.
 *
 * @param book the book
 * @param eventTime the step's tick time
 * @param stepPnl the step's PnL (+ = gain to the desk)
 * @param cumulativePnl the book's cumulative PnL after the step
 * @param costs the step's fees and spread
 * @param hedgeHoldings a_t: the book's hedge holdings reported at the step (underlying units, contracts of
 *     listed series)
 * @param regime the day's volatility regime label (LOW, MEDIUM, HIGH, CRISIS or UNKNOWN)
 */
public record ReplayStep(String book, Instant eventTime, double stepPnl, double cumulativePnl, double costs,
    Map<String, Double> hedgeHoldings, String regime) {

  /** Validates and copies. */
  public ReplayStep {
    Objects.requireNonNull(book, "book");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(regime, "regime");
    hedgeHoldings = Map.copyOf(hedgeHoldings);
  }

  /**
   * The step of a PnL event.
   *
   * @param event the engine's PnL event
   * @param hedgeInstruments which position keys are hedge instruments (the others are desk option contracts)
   * @param regime the day's regime label
   * @return the step
   */
  public static ReplayStep of(PnlEvent event, Set<String> hedgeInstruments, String regime) {
    Map<String, Double> holdings = new java.util.TreeMap<>();
    event.getPositions().forEach((instrument, quantity) -> {
      if (hedgeInstruments.contains(instrument.toString())) {
        holdings.put(instrument.toString(), quantity);
      }
    });
    return new ReplayStep(event.getBook().toString(), event.getEventTimeMicros(), event.getStepPnl(),
        event.getCumulativePnl(), event.getCosts(), holdings, regime);
  }

  /** The L1 norm of the hedge holdings, sum |a_t,i|. */
  public double holdingsNorm() {
    return hedgeHoldings.values().stream().mapToDouble(Math::abs).sum();
  }

  /** The L1 norm of the change from {@code previous}'s holdings, sum |a_t,i - a_t-1,i|. */
  public double changeFrom(ReplayStep previous) {
    double sum = 0;
    for (String instrument : union(previous)) {
      sum += Math.abs(hedgeHoldings.getOrDefault(instrument, 0.0)
          - previous.hedgeHoldings.getOrDefault(instrument, 0.0));
    }
    return sum;
  }

  private Set<String> union(ReplayStep previous) {
    Set<String> all = new java.util.TreeSet<>(hedgeHoldings.keySet());
    all.addAll(previous.hedgeHoldings.keySet());
    return all;
  }
}
