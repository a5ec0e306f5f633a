package io.hedgestream.engine.state;

import java.util.Arrays;

/**
 * What a book remembers of its previous decision step: the values it was marked at, its cumulative PnL
 * and drawdown, and the recent step PnLs that the rolling risk window is rebuilt from.
 */
public final class Ledger {

  private double previousMarkToMarket;
  private double previousOptionValue;
  private double previousHedgeValue;
  private double cumulativePnl;
  private double peakCumulativePnl;
  private double maxDrawdown;
  private double[] recentStepPnl = new double[0];

  /** Mark-to-market at the previous step (0 before the first). */
  public double previousMarkToMarket() {
    return previousMarkToMarket;
  }

  /** Value of the options at the previous step's marks. */
  public double previousOptionValue() {
    return previousOptionValue;
  }

  /** Value of the hedge holdings at the previous step's mid. */
  public double previousHedgeValue() {
    return previousHedgeValue;
  }

  /** Sum of step PnLs so far. */
  public double cumulativePnl() {
    return cumulativePnl;
  }

  /** Largest cumulative PnL reached so far (0 at the start). */
  public double peakCumulativePnl() {
    return peakCumulativePnl;
  }

  /** Largest fall of cumulative PnL from a previous peak so far, >= 0. */
  public double maxDrawdown() {
    return maxDrawdown;
  }

  /** The last step PnLs kept for the risk window, oldest first (a copy). */
  public double[] recentStepPnl() {
    return recentStepPnl.clone();
  }

  /**
   * Books one step: remembers the marks, adds the step PnL to the cumulative PnL, the drawdown and the
   * recent window (keeping the last {@code windowSize}).
   *
   * @param markToMarket book value at this step
   * @param optionValue option value at this step
   * @param hedgeValue hedge value at this step
   * @param stepPnl this step's PnL
   * @param windowSize how many recent step PnLs to keep
   */
  public void recordStep(double markToMarket, double optionValue, double hedgeValue, double stepPnl,
      int windowSize) {
    previousMarkToMarket = markToMarket;
    previousOptionValue = optionValue;
    previousHedgeValue = hedgeValue;
    cumulativePnl += stepPnl;
    peakCumulativePnl = Math.max(peakCumulativePnl, cumulativePnl);
    maxDrawdown = Math.max(maxDrawdown, peakCumulativePnl - cumulativePnl);
    int kept = Math.min(recentStepPnl.length, windowSize - 1);
    double[] next = new double[kept + 1];
    System.arraycopy(recentStepPnl, recentStepPnl.length - kept, next, 0, kept);
    next[kept] = stepPnl;
    recentStepPnl = next;
  }

  void writeTo(StateWriter out) {
    out.writeDouble(previousMarkToMarket);
    out.writeDouble(previousOptionValue);
    out.writeDouble(previousHedgeValue);
    out.writeDouble(cumulativePnl);
    out.writeDouble(peakCumulativePnl);
    out.writeDouble(maxDrawdown);
    out.writeInt(recentStepPnl.length);
    for (double pnl : recentStepPnl) {
      out.writeDouble(pnl);
    }
  }

  void readFrom(StateReader in) {
    previousMarkToMarket = in.readDouble();
    previousOptionValue = in.readDouble();
    previousHedgeValue = in.readDouble();
    cumulativePnl = in.readDouble();
    peakCumulativePnl = in.readDouble();
    maxDrawdown = in.readDouble();
    recentStepPnl = new double[in.readCount()];
    for (int i = 0; i < recentStepPnl.length; i++) {
      recentStepPnl[i] = in.readDouble();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Ledger that
        && Double.compare(previousMarkToMarket, that.previousMarkToMarket) == 0
        && Double.compare(previousOptionValue, that.previousOptionValue) == 0
        && Double.compare(previousHedgeValue, that.previousHedgeValue) == 0
        && Double.compare(cumulativePnl, that.cumulativePnl) == 0
        && Double.compare(peakCumulativePnl, that.peakCumulativePnl) == 0
        && Double.compare(maxDrawdown, that.maxDrawdown) == 0
        && Arrays.equals(recentStepPnl, that.recentStepPnl);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(cumulativePnl) * 31 + Arrays.hashCode(recentStepPnl);
  }
}
