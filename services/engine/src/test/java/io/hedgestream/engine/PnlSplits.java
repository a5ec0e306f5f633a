package io.hedgestream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.PnlEvent;
import java.util.Map;
import java.util.TreeMap;

/** Checks on a PnlEvent's per-instrument split of hedge PnL and costs. */
public final class PnlSplits {

  /** Absolute tolerance of a split's sum against its total, money units. */
  public static final double SUM_TOLERANCE = 1e-9;

  private PnlSplits() {}

  /** Sum of a split's values in ascending instrument-id order, the order the engine documents. */
  public static double sumInIdOrder(Map<String, Double> split) {
    double sum = 0;
    for (double value : new TreeMap<>(split).values()) {
      sum += value;
    }
    return sum;
  }

  /**
   * Asserts that the step's two splits name the same instruments and sum to hedgePnl and costs (a step with
   * no hedge instrument has empty splits, and then totals of 0).
   */
  public static void assertSplitSumsToTotals(PnlEvent step) {
    assertThat(step.getCostsByInstrument().keySet()).isEqualTo(step.getHedgePnlByInstrument().keySet());
    assertThat(sumInIdOrder(step.getHedgePnlByInstrument())).as("step %d hedge PnL", step.getStep())
        .isCloseTo(step.getHedgePnl(), within(SUM_TOLERANCE));
    assertThat(sumInIdOrder(step.getCostsByInstrument())).as("step %d costs", step.getStep())
        .isCloseTo(step.getCosts(), within(SUM_TOLERANCE));
  }
}
