package io.hedgestream.engine.decision;

import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.engine.state.BookDiagnostics;
import io.hedgestream.market.VolRegime;
import io.hedgestream.risk.TailSketch;
import java.util.Map;
import java.util.TreeMap;

/**
 * Completes a book's risk snapshot with the diagnostics that need the step's regime and target holdings:
 * the rolling turnover ratio, the cumulative figures (mean, std, Sortino, VaR95/CVaR95 from a t-digest,
 * TR, ER), CVaR95 per volatility regime, the invariance gap IG, worst group WG and volatility ratio VR.
 * Everything is a function of the book's {@code pnl.events} sequence (stepPnl, regime, targetHoldings)
 * and of the rolling figures already in the snapshot, so a consumer can recompute it offline.
 * Definitions: services/engine/README.md, Diagnostics.
 */
public final class DiagnosticsReporter {

  private DiagnosticsReporter() {}

  /**
   * Records a step in the book's diagnostics and fills the snapshot's remaining fields.
   *
   * @param diagnostics the book's diagnostics state (updated)
   * @param pnl the step's ledger line, its regime and target holdings set
   * @param snapshot the step's snapshot from {@link RiskReporter} (completed in place)
   * @param window steps in the rolling window
   * @return {@code snapshot}
   */
  public static RiskSnapshot complete(BookDiagnostics diagnostics, PnlEvent pnl, RiskSnapshot snapshot, int window) {
    diagnostics.recordStep(pnl.getStepPnl(), pnl.getTargetHoldings(), regimeOf(pnl.getRegime()), window);
    diagnostics.recordRollingRisk(snapshot.getCvar95());
    snapshot.setRegime(pnl.getRegime());
    snapshot.setLiquidityTag(pnl.getLiquidityTag());
    snapshot.setTurnoverRatio(RiskReporter.ratio(sum(diagnostics.recentTurnover()),
        sum(diagnostics.recentHoldingsNorm())));
    snapshot.setCumulativeMean(diagnostics.mean());
    snapshot.setCumulativeStd(diagnostics.std());
    double downside = diagnostics.downsideDeviation();
    snapshot.setCumulativeSortino(downside > 0 ? diagnostics.mean() / downside : null);
    double cvar = diagnostics.losses().cvar95();
    snapshot.setCumulativeVar95(diagnostics.losses().var95());
    snapshot.setCumulativeCvar95(cvar);
    snapshot.setCumulativeEfficiencyRatio(RiskReporter.ratio(diagnostics.mean(), cvar));
    snapshot.setCumulativeTurnoverRatio(RiskReporter.ratio(diagnostics.turnoverSum(), diagnostics.holdingsNormSum()));
    regimes(diagnostics, snapshot);
    snapshot.setVolatilityRatio(diagnostics.riskSteps() < 2 ? null
        : RiskReporter.ratio(diagnostics.riskStd(), diagnostics.riskMean()));
    return snapshot;
  }

  private static void regimes(BookDiagnostics diagnostics, RiskSnapshot snapshot) {
    Map<String, Double> cvars = new TreeMap<>();
    Map<String, Long> steps = new TreeMap<>();
    double worst = Double.NEGATIVE_INFINITY;
    double best = Double.POSITIVE_INFINITY;
    for (Map.Entry<VolRegime, TailSketch> entry : diagnostics.regimeLosses().entrySet()) {
      double cvar = entry.getValue().cvar95();
      cvars.put(entry.getKey().name(), cvar);
      steps.put(entry.getKey().name(), entry.getValue().count());
      worst = Math.max(worst, cvar);
      best = Math.min(best, cvar);
    }
    snapshot.setRegimeCvar95(cvars);
    snapshot.setRegimeSteps(steps);
    snapshot.setWorstGroup(cvars.isEmpty() ? null : worst);
    snapshot.setInvarianceGap(cvars.size() < 2 ? null : worst - best);
  }

  private static VolRegime regimeOf(String name) {
    for (VolRegime regime : VolRegime.values()) {
      if (regime.name().equals(name)) {
        return regime;
      }
    }
    return VolRegime.UNKNOWN;
  }

  private static double sum(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum;
  }
}
