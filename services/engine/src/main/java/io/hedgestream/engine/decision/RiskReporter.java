package io.hedgestream.engine.decision;

import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.risk.PnlStatistics;
import io.hedgestream.risk.RollingPnlWindow;
import java.util.Map;

/**
 * Online risk of a book's step PnL over its last {@code window} steps: mean, sample std, VaR95 and
 * CVaR95 of the step loss (core's {@link RollingPnlWindow}), and the maximum drawdown of cumulative PnL
 * since the book started, plus the window's Sortino, efficiency ratio and maximum drawdown. The
 * turnover, cumulative and per-regime figures are added by {@link DiagnosticsReporter}, which needs the
 * step's regime and target holdings.
 */
public final class RiskReporter {

  private RiskReporter() {}

  /**
   * The snapshot of a book just after a step was booked.
   *
   * @param book the book (its ledger holds the recent step PnLs)
   * @param window capacity of the rolling window
   * @param eventMicros event time of the step
   * @return the snapshot; every figure finite
   */
  public static RiskSnapshot snapshot(BookState book, int window, long eventMicros) {
    RollingPnlWindow rolling = new RollingPnlWindow(window);
    for (double pnl : book.ledger().recentStepPnl()) {
      rolling.add(pnl);
    }
    return RiskSnapshot.newBuilder()
        .setBook(book.book())
        .setSymbol(book.symbol())
        .setEventTimeMicros(EpochMicros.toInstant(eventMicros))
        .setWindowSize(rolling.count())
        .setCount(book.sequence())
        .setMean(finite(rolling.mean()))
        .setStd(finite(rolling.std()))
        .setVar95(finite(rolling.var95()))
        .setCvar95(finite(rolling.cvar95()))
        .setSortino(sortino(rolling.mean(), window(book)))
        .setMaxDrawdown(finite(book.ledger().maxDrawdown()))
        .setRollingMaxDrawdown(finite(PnlStatistics.maxDrawdown(window(book))))
        .setTurnoverRatio(null)
        .setEfficiencyRatio(ratio(rolling.mean(), rolling.cvar95()))
        .setRegimeCvar95(Map.of())
        .setInvarianceGap(null)
        .build();
  }

  private static double[] window(BookState book) {
    return book.ledger().recentStepPnl();
  }

  /**
   * Sortino ratio: mean / downside deviation, downside deviation = sqrt(sum(min(PnL, 0)^2) / n) (target 0,
   * divisor n).
   *
   * @param mean the mean step PnL
   * @param pnl the step PnLs
   * @return the ratio, null when no step lost
   */
  static Double sortino(double mean, double[] pnl) {
    double squares = 0;
    for (double value : pnl) {
      double downside = Math.min(value, 0);
      squares += downside * downside;
    }
    return squares > 0 ? finite(mean / Math.sqrt(squares / pnl.length)) : null;
  }

  /**
   * {@code numerator / denominator}, or null when the denominator is not positive (ER's CVaR95, TR's
   * holdings norm).
   *
   * @param numerator the numerator
   * @param denominator the denominator
   * @return the ratio or null
   */
  static Double ratio(double numerator, double denominator) {
    return denominator > 0 ? finite(numerator / denominator) : null;
  }

  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalStateException("non-finite risk figure " + value);
    }
    return value;
  }
}
