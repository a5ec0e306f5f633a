package io.hedgestream.engine.decision;

import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.engine.input.EpochMicros;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.risk.RollingPnlWindow;
import java.util.Map;

/**
 * Online risk of a book's step PnL over its last {@code window} steps: mean, sample std, VaR95 and
 * CVaR95 of the step loss (core's {@link RollingPnlWindow}), and the maximum drawdown of cumulative PnL
 * since the book started. Fields that later issues fill (Sortino, turnover, efficiency, per-regime risk,
 * invariance gap) are left null or empty.
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
        .setSortino(null)
        .setMaxDrawdown(finite(book.ledger().maxDrawdown()))
        .setTurnoverRatio(null)
        .setEfficiencyRatio(null)
        .setRegimeCvar95(Map.of())
        .setInvarianceGap(null)
        .build();
  }

  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalStateException("non-finite risk figure " + value);
    }
    return value;
  }
}
