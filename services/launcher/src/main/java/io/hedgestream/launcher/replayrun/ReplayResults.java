package io.hedgestream.launcher.replayrun;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results table of a replay run: the figures over every step and per volatility regime, with the steps
 * they were computed from.
 *
 * <p>Steps of all books are taken together in (event time, book) order: the mean, std, VaR95 and CVaR95 are
 * over book-steps, the drawdown is of the running sum over them (the desk's cumulative PnL). A step's
 * holding change |a_t - a_t-1| is against the same book's previous step in the whole run (the first step
 * of a book has none), and counts in the row of the step's regime.
 *
 * @param run what was run
 * @param overall the figures over every step
 * @param byRegime the figures of the steps of each regime present, in the order LOW, MEDIUM, HIGH, CRISIS,
 *     UNKNOWN
 * @param steps every step, in (event time, book) order
 */
public record ReplayResults(RunDescription run, RiskFigures overall, Map<String, RiskFigures> byRegime,
    List<ReplayStep> steps) {

  /** The regime labels in table order. */
  public static final List<String> REGIMES = java.util.Arrays.stream(io.hedgestream.market.VolRegime.values())
      .map(Enum::name).toList();

  /** Copies. */
  public ReplayResults {
    byRegime = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRegime));
    steps = List.copyOf(steps);
  }

  /**
   * Computes the table.
   *
   * @param run what was run
   * @param steps every step (any order; sorted here)
   * @return the results
   */
  public static ReplayResults of(RunDescription run, List<ReplayStep> steps) {
    List<ReplayStep> ordered = new ArrayList<>(steps);
    ordered.sort(java.util.Comparator.comparing(ReplayStep::eventTime).thenComparing(ReplayStep::book));
    double[] changes = new double[ordered.size()];
    Map<String, ReplayStep> previous = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      changes[i] = ordered.get(i).changeFrom(previous.put(ordered.get(i).book(), ordered.get(i)));
    }
    Map<String, RiskFigures> byRegime = new LinkedHashMap<>();
    for (String regime : REGIMES) {
      if (ordered.stream().anyMatch(step -> step.regime().equals(regime))) {
        byRegime.put(regime, figures(ordered, changes, regime));
      }
    }
    return new ReplayResults(run, figures(ordered, changes, null), byRegime, ordered);
  }

  private static RiskFigures figures(List<ReplayStep> steps, double[] changes, String regime) {
    List<Double> pnl = new ArrayList<>();
    List<Double> norms = new ArrayList<>();
    List<Double> moves = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      ReplayStep step = steps.get(i);
      if (regime != null && !step.regime().equals(regime)) {
        continue;
      }
      pnl.add(step.stepPnl());
      norms.add(step.holdingsNorm());
      moves.add(changes[i]);
    }
    return RiskFigures.of(unbox(pnl), unbox(moves), unbox(norms));
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Book-steps whose policy target was refused and the delta hedge used instead (reason FALLBACK). */
  public long fallbacks() {
    return steps.stream().filter(ReplayStep::isFallback).count();
  }

  /** The sum of every step's PnL: by the ledger identity, the books' final cumulative PnLs summed. */
  public double totalPnl() {
    return steps.stream().mapToDouble(ReplayStep::stepPnl).sum();
  }
}
