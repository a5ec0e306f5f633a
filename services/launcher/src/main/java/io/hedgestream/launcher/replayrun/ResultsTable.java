package io.hedgestream.launcher.replayrun;

import java.util.Locale;
import java.util.Map;

/** The results as a fixed-width text table, one row per regime and one overall. */
public final class ResultsTable {

  private static final String ROW = "%-9s %6s %12s %12s %12s %12s %12s %9s %9s%n";

  private ResultsTable() {}

  /**
   * Formats the table with a heading line describing the run.
   *
   * @param results the results
   * @return the text, ending with a newline
   */
  public static String format(ReplayResults results) {
    RunDescription run = results.run();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "replay %s (%s..%s), policy %s, flow %s, costs %s bps, %s: %d days (after %d warm-up days), %d steps, "
            + "%d fallbacks, total PnL %.2f%n",
        run.window(), run.from(), run.to(), run.policy(), run.flow(), run.costsBps(), run.pacing(), run.days(),
        run.warmupDays(), results.steps().size(), results.fallbacks(), results.totalPnl()));
    out.append(String.format(Locale.ROOT, ROW, "regime", "steps", "mean", "std", "VaR95", "CVaR95", "maxDD", "TR",
        "ER"));
    for (Map.Entry<String, RiskFigures> entry : results.byRegime().entrySet()) {
      out.append(row(entry.getKey(), entry.getValue()));
    }
    out.append(row("overall", results.overall()));
    return out.toString();
  }

  private static String row(String label, RiskFigures f) {
    return String.format(Locale.ROOT, ROW, label, f.steps(), fixed(f.mean()), fixed(f.std()), fixed(f.var95()),
        fixed(f.cvar95()), fixed(f.maxDrawdown()), ratio(f.turnoverRatio()), ratio(f.efficiency()));
  }

  private static String fixed(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "n/a";
  }

  private static String ratio(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "n/a";
  }
}
