package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.risk.PnlStatistics;
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
 * @param hedgeHoldings the book's filled hedge holdings reported at the step (underlying units, contracts of
 *     listed series)
 * @param targetHoldings a_t of the turnover ratio: the holdings the decision targeted (the PnL event's
 *     {@code targetHoldings}, the same a_t as the engine's online TR)
 * @param regime the day's volatility regime label (LOW, MEDIUM, HIGH, CRISIS or UNKNOWN)
 * @param reason why the step's orders were made (the PnL event's {@code reason}: POLICY, FALLBACK with the
 *     guardrail or the missing feature, ...)
 */
public record ReplayStep(String book, Instant eventTime, double stepPnl, double cumulativePnl, double costs,
    Map<String, Double> hedgeHoldings, Map<String, Double> targetHoldings, String regime, String reason) {

  /** Validates and copies. */
  public ReplayStep {
    Objects.requireNonNull(book, "book");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(reason, "reason");
    hedgeHoldings = Map.copyOf(hedgeHoldings);
    targetHoldings = Map.copyOf(targetHoldings);
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
        event.getCumulativePnl(), event.getCosts(), holdings, event.getTargetHoldings(), regime,
        event.getReason().toString());
  }

  /** Whether the policy's target was refused and the delta hedge used (reason FALLBACK). */
  public boolean isFallback() {
    return reason.startsWith(HedgeReason.FALLBACK.name());
  }

  /** ‖a_t‖₂, the Euclidean norm of the targeted holdings. */
  public double holdingsNorm() {
    return PnlStatistics.holdingsDistance(targetHoldings, Map.of());
  }

  /**
   * ‖a_t − a_{t−1}‖₂ against the book's previous step, or against no holdings (a_0 = 0) for its first step,
   * as the engine's online turnover counts it.
   *
   * @param previous the book's previous step, or null for its first
   * @return the distance
   */
  public double changeFrom(ReplayStep previous) {
    return PnlStatistics.holdingsDistance(targetHoldings, previous == null ? Map.of() : previous.targetHoldings);
  }
}
