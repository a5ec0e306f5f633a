package io.hedgestream.launcher.status;

import java.time.Duration;
import java.util.Locale;

/** Formats the demo's one-line status from two consecutive snapshots. */
public final class StatusLine {

  private StatusLine() {}

  /**
   * One status line, e.g.
   * {@code [  12s] ticks/s 180 | client orders 24 | decisions 312 (fallback 2) | hedge orders 45 | fills 45 |
   * delta -12.3 | PnL +1234.56 | CVaR95 310.20 | dlq 0}.
   *
   * @param elapsed time since the demo started
   * @param previous the snapshot of the previous line
   * @param current the snapshot now
   * @param interval wall time between the two snapshots
   */
  public static String format(Duration elapsed, StatusSnapshot previous, StatusSnapshot current,
      Duration interval) {
    double seconds = Math.max(1e-3, interval.toNanos() / 1e9);
    double ticksPerSecond = (current.ticks() - previous.ticks()) / seconds;
    String cvar = Double.isNaN(current.worstCvar95()) ? "n/a" : String.format(Locale.ROOT, "%.2f",
        current.worstCvar95());
    return String.format(Locale.ROOT,
        "[%5ds] ticks/s %,6.0f | client orders %,d | decisions %,d (fallback %,d) | hedge orders %,d | fills %,d"
            + " | books %d | delta %+,.1f | PnL %+,.2f | CVaR95 %s | dlq %d",
        elapsed.toSeconds(), ticksPerSecond, current.clientOrders(), current.decisions(),
        current.fallbacks(), current.hedgeOrders(), current.fills(), current.books(), current.netDelta(),
        current.cumulativePnl(), cvar, current.deadLetters());
  }
}
