package io.hedgestream.engine.state;

import io.hedgestream.market.VolRegime;
import io.hedgestream.risk.PnlStatistics;
import io.hedgestream.risk.TailSketch;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A book's cumulative diagnostics state, fed one decision step at a time and stored next to the book
 * (store {@code book-diagnostics}): Welford moments and the downside sum of step PnL, a {@link TailSketch}
 * of all steps and one per volatility regime, turnover sums and the previous target holdings, the last
 * {@code window} turnover terms, and Welford moments of the rolling-CVaR95 series (for VR). Per step the
 * work is O(window + instruments + centroids), and nothing here grows with the number of steps.
 * Definitions: services/engine/README.md, Diagnostics. Mutable; not thread-safe.
 */
public final class BookDiagnostics {

  private long steps;
  private double pnlMean;
  private double pnlSquares;
  private double downsideSquares;
  private double turnoverSum;
  private double holdingsNormSum;
  private Map<String, Double> previousTarget = new TreeMap<>();
  private double[] recentTurnover = new double[0];
  private double[] recentHoldingsNorm = new double[0];
  private long riskSteps;
  private double riskMean;
  private double riskSquares;
  private TailSketch losses = new TailSketch();
  private final EnumMap<VolRegime, TailSketch> regimeLosses = new EnumMap<>(VolRegime.class);

  /**
   * Records one decision step.
   *
   * @param stepPnl the step's PnL
   * @param target a_t, the book's target holdings after the decision (instrument id to units)
   * @param regime the symbol's regime at the step ({@link VolRegime#UNKNOWN} steps are in no regime)
   * @param window steps kept for the rolling turnover ratio
   */
  public void recordStep(double stepPnl, Map<String, Double> target, VolRegime regime, int window) {
    steps++;
    double delta = stepPnl - pnlMean;
    pnlMean += delta / steps;
    pnlSquares += delta * (stepPnl - pnlMean);
    double downside = Math.min(stepPnl, 0);
    downsideSquares += downside * downside;
    losses.add(stepPnl);
    if (regime != VolRegime.UNKNOWN) {
      regimeLosses.computeIfAbsent(regime, r -> new TailSketch()).add(stepPnl);
    }
    double turnover = PnlStatistics.holdingsDistance(target, previousTarget);
    double norm = PnlStatistics.holdingsDistance(target, Map.of());
    turnoverSum += turnover;
    holdingsNormSum += norm;
    previousTarget = new TreeMap<>(target);
    recentTurnover = append(recentTurnover, turnover, window);
    recentHoldingsNorm = append(recentHoldingsNorm, norm, window);
  }

  /**
   * Records the rolling CVaR95 published at a step: one value of the series R_t whose VR is reported.
   *
   * @param rollingCvar95 the step's rolling CVaR95
   */
  public void recordRollingRisk(double rollingCvar95) {
    riskSteps++;
    double delta = rollingCvar95 - riskMean;
    riskMean += delta / riskSteps;
    riskSquares += delta * (rollingCvar95 - riskMean);
  }

  /** Steps recorded. */
  public long steps() {
    return steps;
  }

  /** Mean step PnL over every step (0 before the first). */
  public double mean() {
    return pnlMean;
  }

  /** Sample standard deviation (n - 1) of step PnL; 0 before two steps. */
  public double std() {
    return steps < 2 ? 0 : Math.sqrt(Math.max(pnlSquares, 0) / (steps - 1));
  }

  /** Downside deviation sqrt(sum(min(PnL, 0)^2) / n); 0 before the first step. */
  public double downsideDeviation() {
    return steps == 0 ? 0 : Math.sqrt(downsideSquares / steps);
  }

  /** Sum over every step of ||a_t - a_{t-1}||_2 (a_0 = 0). */
  public double turnoverSum() {
    return turnoverSum;
  }

  /** Sum over every step of ||a_t||_2. */
  public double holdingsNormSum() {
    return holdingsNormSum;
  }

  /** The last {@code window} turnover terms ||a_t - a_{t-1}||_2, oldest first (a copy). */
  public double[] recentTurnover() {
    return recentTurnover.clone();
  }

  /** The last {@code window} holdings norms ||a_t||_2, oldest first (a copy). */
  public double[] recentHoldingsNorm() {
    return recentHoldingsNorm.clone();
  }

  /** Values in the rolling-CVaR95 series. */
  public long riskSteps() {
    return riskSteps;
  }

  /** Mean of the rolling-CVaR95 series. */
  public double riskMean() {
    return riskMean;
  }

  /** Sample standard deviation (n - 1) of the rolling-CVaR95 series; 0 before two values. */
  public double riskStd() {
    return riskSteps < 2 ? 0 : Math.sqrt(Math.max(riskSquares, 0) / (riskSteps - 1));
  }

  /** The sketch of every step's loss. */
  public TailSketch losses() {
    return losses;
  }

  /** The sketch of the losses per regime, for the regimes the book has stepped in (ordered by regime). */
  public Map<VolRegime, TailSketch> regimeLosses() {
    return regimeLosses;
  }

  private static double[] append(double[] recent, double value, int window) {
    int kept = Math.min(recent.length, window - 1);
    double[] next = new double[kept + 1];
    System.arraycopy(recent, recent.length - kept, next, 0, kept);
    next[kept] = value;
    return next;
  }

  void writeTo(StateWriter out) {
    out.writeVarLong(steps);
    out.writeDouble(pnlMean);
    out.writeDouble(pnlSquares);
    out.writeDouble(downsideSquares);
    out.writeDouble(turnoverSum);
    out.writeDouble(holdingsNormSum);
    out.writeInt(previousTarget.size());
    previousTarget.forEach((instrument, units) -> {
      out.writeString(instrument);
      out.writeDouble(units);
    });
    out.writeInt(recentTurnover.length);
    for (int i = 0; i < recentTurnover.length; i++) {
      out.writeDouble(recentTurnover[i]);
      out.writeDouble(recentHoldingsNorm[i]);
    }
    out.writeVarLong(riskSteps);
    out.writeDouble(riskMean);
    out.writeDouble(riskSquares);
    writeSketch(losses, out);
    out.writeByte(regimeLosses.size());
    regimeLosses.forEach((regime, sketch) -> {
      out.writeByte(regime.ordinal());
      writeSketch(sketch, out);
    });
  }

  static BookDiagnostics readFrom(StateReader in) {
    BookDiagnostics d = new BookDiagnostics();
    d.steps = in.readVarLong();
    d.pnlMean = in.readDouble();
    d.pnlSquares = in.readDouble();
    d.downsideSquares = in.readDouble();
    d.turnoverSum = in.readDouble();
    d.holdingsNormSum = in.readDouble();
    int instruments = in.readCount();
    for (int i = 0; i < instruments; i++) {
      d.previousTarget.put(in.readString(), in.readDouble());
    }
    int recent = in.readCount();
    d.recentTurnover = new double[recent];
    d.recentHoldingsNorm = new double[recent];
    for (int i = 0; i < recent; i++) {
      d.recentTurnover[i] = in.readDouble();
      d.recentHoldingsNorm[i] = in.readDouble();
    }
    d.riskSteps = in.readVarLong();
    d.riskMean = in.readDouble();
    d.riskSquares = in.readDouble();
    d.losses = readSketch(in);
    int regimes = in.readByte();
    for (int i = 0; i < regimes; i++) {
      int ordinal = in.readByte();
      if (ordinal >= VolRegime.values().length) {
        throw new SerializationException("corrupt diagnostics: regime " + ordinal);
      }
      d.regimeLosses.put(VolRegime.values()[ordinal], readSketch(in));
    }
    return d;
  }

  /** A sketch: min, max, centroid count, the means (raw bits), then the weights as var-longs. */
  private static void writeSketch(TailSketch sketch, StateWriter out) {
    TailSketch.Centroids centroids = sketch.centroids();
    out.writeDouble(centroids.min());
    out.writeDouble(centroids.max());
    out.writeInt(centroids.means().length);
    for (double mean : centroids.means()) {
      out.writeDouble(mean);
    }
    for (long weight : centroids.weights()) {
      out.writeVarLong(weight);
    }
  }

  private static TailSketch readSketch(StateReader in) {
    double min = in.readDouble();
    double max = in.readDouble();
    int count = in.readCount();
    double[] means = new double[count];
    long[] weights = new long[count];
    for (int i = 0; i < count; i++) {
      means[i] = in.readDouble();
    }
    for (int i = 0; i < count; i++) {
      weights[i] = in.readVarLong();
    }
    return TailSketch.restore(new TailSketch.Centroids(min, max, means, weights));
  }

  @Override
  public String toString() {
    return "BookDiagnostics[steps=" + steps + ", regimes=" + regimeLosses.keySet() + "]";
  }
}
