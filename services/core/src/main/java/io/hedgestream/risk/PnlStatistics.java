package io.hedgestream.risk;

import java.util.Arrays;
import java.util.Map;

/**
 * Statistics of a whole series of step PnLs and of hedge holdings, with one definition for the engine's
 * online diagnostics and for offline results (replay tables, reports). Loss = -PnL; with n values and
 * {@code k = ceil(0.05 n)}, VaR95 is the k-th largest loss and CVaR95 the mean of the k largest losses, as
 * {@link RollingPnlWindow} computes over its window.
 */
public final class PnlStatistics {

  private PnlStatistics() {}

  /**
   * The largest fall of the cumulative sum of {@code pnl} (starting at 0, which counts as a peak) from its
   * running peak.
   *
   * @param pnl step PnLs, oldest first
   * @return the drawdown, &gt;= 0
   */
  public static double maxDrawdown(double[] pnl) {
    double cumulative = 0;
    double peak = 0;
    double drawdown = 0;
    for (double value : pnl) {
      cumulative += value;
      peak = Math.max(peak, cumulative);
      drawdown = Math.max(drawdown, peak - cumulative);
    }
    return drawdown;
  }

  /**
   * 95% value at risk of the step loss: the {@code ceil(0.05 n)}-th largest loss; 0 for no values.
   *
   * @param pnl step PnLs
   * @return VaR95 in PnL units (a loss is positive)
   */
  public static double var95(double[] pnl) {
    if (pnl.length == 0) {
      return 0;
    }
    double[] losses = sortedLosses(pnl);
    return losses[losses.length - tailSize(pnl.length)] + 0.0; // + 0.0: a -0.0 loss reads as 0.0
  }

  /**
   * 95% conditional value at risk of the step loss: the mean of the {@code ceil(0.05 n)} largest losses;
   * 0 for no values.
   *
   * @param pnl step PnLs
   * @return CVaR95 in PnL units (a loss is positive)
   */
  public static double cvar95(double[] pnl) {
    if (pnl.length == 0) {
      return 0;
    }
    double[] losses = sortedLosses(pnl);
    int k = tailSize(pnl.length);
    double tail = 0;
    for (int i = losses.length - k; i < losses.length; i++) {
      tail += losses[i];
    }
    return tail / k + 0.0;
  }

  /**
   * Euclidean distance between two holdings vectors keyed by instrument (an instrument missing on one side
   * counts as 0): the norm of the turnover ratio TR = E‖a_t − a_{t−1}‖ / E‖a_t‖; the norm of one vector is
   * its distance from an empty map.
   *
   * @param a holdings by instrument
   * @param b holdings by instrument
   * @return ‖a − b‖₂
   */
  public static double holdingsDistance(Map<String, Double> a, Map<String, Double> b) {
    double squares = 0;
    for (Map.Entry<String, Double> entry : a.entrySet()) {
      double difference = entry.getValue() - b.getOrDefault(entry.getKey(), 0.0);
      squares += difference * difference;
    }
    for (Map.Entry<String, Double> entry : b.entrySet()) {
      if (!a.containsKey(entry.getKey())) {
        squares += entry.getValue() * entry.getValue();
      }
    }
    return Math.sqrt(squares);
  }

  /** {@code ceil(0.05 n)} in integer arithmetic. */
  static int tailSize(int n) {
    return (n + 19) / 20;
  }

  private static double[] sortedLosses(double[] pnl) {
    double[] losses = new double[pnl.length];
    for (int i = 0; i < pnl.length; i++) {
      losses[i] = -pnl[i];
    }
    Arrays.sort(losses);
    return losses;
  }
}
