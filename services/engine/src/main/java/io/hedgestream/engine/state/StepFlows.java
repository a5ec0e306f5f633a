package io.hedgestream.engine.state;

/**
 * Cash flows of a book since its last decision step, split by cause so the step's PnL can be attributed.
 * Every field is money in the underlying's currency, signed as seen by the desk (+ = cash in).
 */
public final class StepFlows {

  private double premium;
  private double settlements;
  private double fillCash;
  private double fees;
  private double executionCost;

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

  /** Adds client premium. */
  public void addPremium(double cash) {
    premium += cash;
  }

  /** Adds an expiry settlement. */
  public void addSettlement(double cash) {
    settlements += cash;
  }

  /** Adds one fill's cash at its price, its fee and its cost against the mid. */
  public void addFill(double cashBeforeFees, double fee, double costVersusMid) {
    fillCash += cashBeforeFees;
    fees += fee;
    executionCost += costVersusMid;
  }

  /** Adds the cash settlement of an expired hedge option series to the hedge cash. */
  public void addHedgeSettlement(double cash) {
    fillCash += cash;
  }

  /** Forgets the flows once a step has booked them. */
  public void reset() {
    premium = 0;
    settlements = 0;
    fillCash = 0;
    fees = 0;
    executionCost = 0;
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

  @Override
  public boolean equals(Object other) {
    return other instanceof StepFlows that && Double.compare(premium, that.premium) == 0
        && Double.compare(settlements, that.settlements) == 0 && Double.compare(fillCash, that.fillCash) == 0
        && Double.compare(fees, that.fees) == 0 && Double.compare(executionCost, that.executionCost) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(premium + settlements + fillCash + fees + executionCost);
  }
}
