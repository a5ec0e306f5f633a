package io.hedgestream.launcher.replayrun;

import io.hedgestream.risk.PnlStatistics;
import java.util.Arrays;

/**
 * The figures of one row of the results table, over a set of step PnLs.
 *
 * <p><b>Definitions</b> (n steps, loss = -PnL, k = ceil(0.05 n)):
 * <ul>
 *   <li>mean: the mean step PnL; std: the sample standard deviation (n - 1; 0 when n &lt; 2);</li>
 *   <li>VaR95: the k-th largest loss; CVaR95: the mean of the k largest losses;</li>
 *   <li>max drawdown: the largest fall of the cumulative step PnL (summed in step order, from 0) from its
 *       running peak (the peak includes the starting 0), &gt;= 0;</li>
 *   <li>turnover ratio TR = E‖a_t - a_t-1‖ / E‖a_t‖ with a_t the decision's target holdings, Euclidean
 *       norms over instruments and a_0 = 0 for each book's first step ({@link PnlStatistics}, as the engine's
 *       online TR); 0 when E‖a_t‖ = 0;</li>
 *   <li>efficiency ER = mean / CVaR95 (NaN when CVaR95 = 0).</li>
 * </ul>
 *
 * @param steps n
 * @param mean mean step PnL
 * @param std sample standard deviation of step PnL
 * @param var95 95% value at risk of the step loss
 * @param cvar95 95% conditional value at risk of the step loss
 * @param maxDrawdown max drawdown of cumulative PnL
 * @param turnoverRatio TR
 * @param efficiency ER
 */
public record RiskFigures(int steps, double mean, double std, double var95, double cvar95, double maxDrawdown,
    double turnoverRatio, double efficiency) {

  /**
   * The figures of {@code pnl} with the turnover inputs.
   *
   * @param pnl step PnLs in step order
   * @param holdingChanges ‖a_t - a_t-1‖ of every step (a_0 = 0)
   * @param holdingNorms ‖a_t‖ of every step
   * @return the figures (all zero but ER NaN for no steps)
   */
  public static RiskFigures of(double[] pnl, double[] holdingChanges, double[] holdingNorms) {
    int n = pnl.length;
    if (n == 0) {
      return new RiskFigures(0, 0, 0, 0, 0, 0, 0, Double.NaN);
    }
    double mean = Arrays.stream(pnl).sum() / n;
    double squares = 0;
    for (double value : pnl) {
      squares += (value - mean) * (value - mean);
    }
    double std = n < 2 ? 0 : Math.sqrt(squares / (n - 1));
    double var95 = PnlStatistics.var95(pnl);
    double cvar95 = PnlStatistics.cvar95(pnl);
    double meanNorm = meanOf(holdingNorms);
    double turnover = meanNorm == 0 ? 0 : meanOf(holdingChanges) / meanNorm;
    return new RiskFigures(n, mean, std, var95, cvar95, PnlStatistics.maxDrawdown(pnl), turnover,
        cvar95 == 0 ? Double.NaN : mean / cvar95);
  }

  private static double meanOf(double[] values) {
    return values.length == 0 ? 0 : Arrays.stream(values).sum() / values.length;
  }
}
