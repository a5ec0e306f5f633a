package io.hedgestream.engine.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a book remembers of its previous decision step: the values it was marked at (the hedges' per
 * instrument too), its cumulative PnL and drawdown, and the recent step PnLs that the rolling risk window is
 * rebuilt from.
 */
public final class Ledger {

  private double previousMarkToMarket;
  private double previousOptionValue;
  private double previousHedgeValue;
  private double cumulativePnl;
  private double peakCumulativePnl;
  private double maxDrawdown;
  private double[] recentStepPnl = new double[0];
  private final Map<String, Double> previousHedgeValueByInstrument = new TreeMap<>();
  private boolean hedgeSplitKnown = true;

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

  /**
   * Value of each hedge instrument held at the previous step, by instrument id (read-only view; 0 for a
   * holding worth nothing, absent when not held).
   */
  public Map<String, Double> previousHedgeValueByInstrument() {
    return Collections.unmodifiableMap(previousHedgeValueByInstrument);
  }

  /**
   * False when the book was restored from state written before hedge values and flows were kept per
   * instrument and has not booked a step since: the next step's per-instrument split cannot be known.
   */
  public boolean hedgeSplitKnown() {
    return hedgeSplitKnown;
  }

  /**
   * Remembers each hedge instrument's value at this step, for the next step's per-instrument PnL; the
   * split is known from here on.
   *
   * @param valueByInstrument value of each held hedge instrument at this step's marks
   */
  public void recordHedgeValues(Map<String, Double> valueByInstrument) {
    previousHedgeValueByInstrument.clear();
    previousHedgeValueByInstrument.putAll(valueByInstrument);
    hedgeSplitKnown = true;
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

  /** Writes the per-instrument hedge values (a later addition to the book layout, see {@link BookState}). */
  void writeSplitTo(StateWriter out) {
    out.writeBoolean(hedgeSplitKnown);
    StepFlows.writeMap(out, previousHedgeValueByInstrument);
  }

  /** Reads what {@link #writeSplitTo} wrote. */
  void readSplitFrom(StateReader in) {
    hedgeSplitKnown = in.readBoolean();
    StepFlows.readMap(in, previousHedgeValueByInstrument);
  }

  /**
   * For state written before the per-instrument section: the split of the next step is unknown unless the
   * book held no hedge value at its previous step and has booked no hedge flows since (then it is empty).
   */
  void restoreWithoutSplit(StepFlows flows) {
    previousHedgeValueByInstrument.clear();
    hedgeSplitKnown = previousHedgeValue == 0 && flows.noHedgeFlows();
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
        && Arrays.equals(recentStepPnl, that.recentStepPnl)
        && previousHedgeValueByInstrument.equals(that.previousHedgeValueByInstrument)
        && hedgeSplitKnown == that.hedgeSplitKnown;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(cumulativePnl) * 31 + Arrays.hashCode(recentStepPnl);
  }
}
