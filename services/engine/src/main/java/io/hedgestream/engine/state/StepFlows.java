package io.hedgestream.engine.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cash flows of a book since its last decision step, split by cause so the step's PnL can be attributed,
 * and the hedge flows split by instrument too. Every field is money in the underlying's currency, signed as
 * seen by the desk (+ = cash in).
 */
public final class StepFlows {

  private double premium;
  private double settlements;
  private double fillCash;
  private double fees;
  private double executionCost;
  private final Map<String, Double> hedgeCashByInstrument = new TreeMap<>();
  private final Map<String, Double> costsByInstrument = new TreeMap<>();

  /** Premium of client trades booked: premium x client quantity x multiplier. */
  public double premium() {
    return premium;
  }

  /** Cash settlement of expired options: intrinsic x desk quantity x multiplier. */
  public double settlements() {
    return settlements;
  }

  /**
   * Hedge cash before fees: fills at their prices (-signed units x price) plus expiry settlements of hedge
   * option series (intrinsic x contracts x multiplier).
   */
  public double fillCash() {
    return fillCash;
  }

  /** Fees paid on fills (>= 0). */
  public double fees() {
    return fees;
  }

  /**
   * What fills cost against the mid the engine held when it booked them: signed quantity x (price - mid).
   * Positive when buying above / selling below mid (the half-spread plus any slippage).
   */
  public double executionCost() {
    return executionCost;
  }

  /**
   * Hedge cash of each instrument at the engine's price, by instrument id (read-only view): each fill's cash
   * plus its execution cost (-signed units x engine price), plus an expired series' settlement. Summed over
   * instruments it is {@link #fillCash()} + {@link #executionCost()} up to rounding.
   */
  public Map<String, Double> hedgeCashByInstrument() {
    return Collections.unmodifiableMap(hedgeCashByInstrument);
  }

  /**
   * Fees plus execution cost of each instrument's fills, by instrument id (read-only view). Summed over
   * instruments it is {@link #fees()} + {@link #executionCost()} up to rounding.
   */
  public Map<String, Double> costsByInstrument() {
    return Collections.unmodifiableMap(costsByInstrument);
  }

  /** True when no hedge cash, fee or execution cost was booked since the last step. */
  public boolean noHedgeFlows() {
    return fillCash == 0 && fees == 0 && executionCost == 0 && hedgeCashByInstrument.isEmpty();
  }

  /** Adds client premium. */
  public void addPremium(double cash) {
    premium += cash;
  }

  /** Adds an expiry settlement. */
  public void addSettlement(double cash) {
    settlements += cash;
  }

  /** Adds one fill of {@code instrument}: its cash at its price, its fee and its cost against the mid. */
  public void addFill(String instrument, double cashBeforeFees, double fee, double costVersusMid) {
    fillCash += cashBeforeFees;
    fees += fee;
    executionCost += costVersusMid;
    hedgeCashByInstrument.merge(instrument, cashBeforeFees + costVersusMid, Double::sum);
    costsByInstrument.merge(instrument, fee + costVersusMid, Double::sum);
  }

  /** Adds the cash settlement of an expired hedge option series to the hedge cash, and to that series'. */
  public void addHedgeSettlement(String optionId, double cash) {
    fillCash += cash;
    hedgeCashByInstrument.merge(optionId, cash, Double::sum);
  }

  /** Forgets the flows once a step has booked them. */
  public void reset() {
    premium = 0;
    settlements = 0;
    fillCash = 0;
    fees = 0;
    executionCost = 0;
    hedgeCashByInstrument.clear();
    costsByInstrument.clear();
  }

  void writeTo(StateWriter out) {
    out.writeDouble(premium);
    out.writeDouble(settlements);
    out.writeDouble(fillCash);
    out.writeDouble(fees);
    out.writeDouble(executionCost);
  }

  void readFrom(StateReader in) {
    premium = in.readDouble();
    settlements = in.readDouble();
    fillCash = in.readDouble();
    fees = in.readDouble();
    executionCost = in.readDouble();
  }

  /** Writes the per-instrument flows (a later addition to the book layout, see {@link BookState}). */
  void writeSplitTo(StateWriter out) {
    writeMap(out, hedgeCashByInstrument);
    writeMap(out, costsByInstrument);
  }

  /** Reads what {@link #writeSplitTo} wrote. */
  void readSplitFrom(StateReader in) {
    readMap(in, hedgeCashByInstrument);
    readMap(in, costsByInstrument);
  }

  /** Writes a string-to-double map: its size, then each key and value in the map's order. */
  static void writeMap(StateWriter out, Map<String, Double> map) {
    out.writeInt(map.size());
    for (Map.Entry<String, Double> entry : map.entrySet()) {
      out.writeString(entry.getKey());
      out.writeDouble(entry.getValue());
    }
  }

  /** Replaces {@code map}'s contents with what {@link #writeMap} wrote. */
  static void readMap(StateReader in, Map<String, Double> map) {
    map.clear();
    for (int i = in.readCount(); i > 0; i--) {
      map.put(in.readString(), in.readDouble());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StepFlows that && Double.compare(premium, that.premium) == 0
        && Double.compare(settlements, that.settlements) == 0 && Double.compare(fillCash, that.fillCash) == 0
        && Double.compare(fees, that.fees) == 0 && Double.compare(executionCost, that.executionCost) == 0
        && hedgeCashByInstrument.equals(that.hedgeCashByInstrument) && costsByInstrument.equals(that.costsByInstrument);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(premium + settlements + fillCash + fees + executionCost);
  }
}
