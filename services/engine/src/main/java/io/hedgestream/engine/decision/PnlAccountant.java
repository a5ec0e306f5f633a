package io.hedgestream.engine.decision;

import io.hedgestream.avro.PnlEvent;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.marking.BookGreeks;
import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.OptionMark;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.Ledger;
import io.hedgestream.engine.state.StepFlows;
import java.util.Map;
import java.util.TreeMap;

/**
 * Books one decision step of a book and writes its ledger line.
 *
 * <p><b>Conventions</b> (money in the underlying's currency, + = gain to the desk):
 * <ul>
 *   <li>MTM = cash + sum(desk contracts x multiplier x option mark) + underlying units x mid
 *       + sum(hedge option contracts x multiplier x model price); hedge options are listed series marked
 *       with Black-Scholes-Merton at the tick's ATM vol.</li>
 *   <li>Cash moves only by: client premium (premium x client quantity x multiplier, when the trade is
 *       booked), expiry settlement (intrinsic at mid x desk contracts x multiplier; hedge option series
 *       likewise, as hedge cash), and fills (-signed units x price - fee; for an option series units =
 *       contracts x multiplier and price is per underlying unit).</li>
 *   <li>optionPnl = change in option value + premium + settlements since the previous step.</li>
 *   <li>hedgePnl = change in hedge value + hedge settlements + fill cash at the engine's price (the mid,
 *       or an option's model price, when the fill was booked): the hedge PnL as if every fill had been done
 *       at that price, i.e. before costs.</li>
 *   <li>costs = fees + execution cost, execution cost = signed units x (fill price - engine mid when the
 *       fill was booked): the half-spread paid, plus any slippage between the gateway's and the engine's
 *       mid (it can be negative when a fill beats the mid).</li>
 *   <li>stepPnl = MTM - previous MTM, computed as that difference; it equals optionPnl + hedgePnl - costs
 *       up to rounding, because every cash movement is one of the flows above.</li>
 *   <li>cumulativePnl = running sum of stepPnl (a book starts with MTM 0, so it tracks MTM).</li>
 *   <li>hedgePnlByInstrument and costsByInstrument split hedgePnl and costs by hedge instrument (the
 *       underlying, each listed series, its expiry settlement included) by the same rules
 *       ({@link HedgeSplit}); their values sum to the totals up to rounding.</li>
 *   <li>releasedOrders: the book's hedge orders whose venue rejected, canceled or expired their unfilled
 *       rest since the previous step, with the final status and reason code.</li>
 * </ul>
 */
public final class PnlAccountant {

  private PnlAccountant() {}

  /**
   * Books the step: computes the ledger line, records it in the book's ledger and clears the flows.
   *
   * @param book the book, marked already (its options carry this step's marks)
   * @param marks this step's option marks
   * @param label who decided, why, when
   * @param reason the step's reason text
   * @param riskWindow steps kept for the rolling risk window
   * @return the PnL event
   * @throws IllegalStateException if a figure is not finite (a bug: inputs are validated)
   */
  public static PnlEvent bookStep(BookState book, BookMarks marks, OrderPlanner.DecisionLabel label, String reason,
      int riskWindow) {
    double mid = marks.market().mid();
    double optionValue = marks.optionValue();
    double hedgeUnits = book.holding(book.symbol());
    double hedgeValue = hedgeUnits * mid + marks.hedgeOptionValue();
    double markToMarket = book.cash() + optionValue + hedgeValue;
    Ledger ledger = book.ledger();
    StepFlows flows = book.flows();
    double optionPnl = optionValue - ledger.previousOptionValue() + flows.premium() + flows.settlements();
    double hedgePnl = hedgeValue - ledger.previousHedgeValue() + flows.fillCash() + flows.executionCost();
    double costs = flows.fees() + flows.executionCost();
    double stepPnl = markToMarket - ledger.previousMarkToMarket();
    HedgeSplit split = HedgeSplit.of(book, marks);
    BookGreeks greeks = marks.optionGreeks().plus(marks.hedgeOptionGreeks()).plusDelta(hedgeUnits);
    requireFinite(book, markToMarket, optionPnl, hedgePnl, costs, stepPnl, greeks.delta(), greeks.gamma(),
        greeks.vega(), greeks.theta());
    ledger.recordStep(markToMarket, optionValue, hedgeValue, stepPnl, riskWindow);
    ledger.recordHedgeValues(split.valueByInstrument());
    flows.reset();
    Map<String, String> released = new TreeMap<>(book.releasedOrders());
    book.clearReleasedOrders();
    return PnlEvent.newBuilder()
        .setBook(book.book())
        .setSymbol(book.symbol())
        .setDecisionId(label.decisionId())
        .setStep(book.sequence())
        .setEventTimeMicros(EpochMicros.toInstant(label.eventMicros()))
        .setSpot(mid)
        .setMarkToMarket(markToMarket)
        .setOptionPnl(optionPnl)
        .setHedgePnl(hedgePnl)
        .setCosts(costs)
        .setStepPnl(stepPnl)
        .setCumulativePnl(ledger.cumulativePnl())
        .setDelta(greeks.delta())
        .setGamma(greeks.gamma())
        .setVega(greeks.vega())
        .setTheta(greeks.theta())
        .setPositions(positions(book, marks))
        .setHedgePnlByInstrument(split.hedgePnlByInstrument())
        .setCostsByInstrument(split.costsByInstrument())
        .setReleasedOrders(released)
        .setPolicyVersion(label.policyVersion())
        .setReason(reason)
        .build();
  }

  /** Hedge holdings by instrument (underlying units, contracts of option series) plus desk contracts by option id. */
  static Map<String, Double> positions(BookState book, BookMarks marks) {
    Map<String, Double> positions = new TreeMap<>(book.holdings());
    for (OptionMark option : marks.options()) {
      positions.merge(option.optionId(), option.deskQuantity(), Double::sum);
    }
    return positions;
  }

  private static void requireFinite(BookState book, double... figures) {
    for (double figure : figures) {
      if (!Double.isFinite(figure)) {
        throw new IllegalStateException("non-finite PnL figure for " + book + ": " + figure);
      }
    }
  }
}
