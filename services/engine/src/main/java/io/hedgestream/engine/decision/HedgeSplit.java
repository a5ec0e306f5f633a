package io.hedgestream.engine.decision;

import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.HedgeMark;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.Ledger;
import io.hedgestream.engine.state.StepFlows;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A step's hedge PnL and costs split by hedge instrument (the underlying's symbol, each listed series'
 * option id), by the same conventions as the book's totals ({@link PnlAccountant}): for instrument i,
 * hedgePnl_i = (value_i - previous value_i) + hedge cash_i, where the hedge cash is the fills' cash at the
 * engine's price plus an expired series' settlement, and costs_i = fees + execution cost of i's fills.
 *
 * <p>Keys are every instrument held at this or the previous step or with flows since, in ascending id
 * order, the same keys in both maps. Summed in that order the maps equal the totals up to floating-point
 * rounding (the totals add the same terms grouped by kind instead of by instrument).
 *
 * @param valueByInstrument each held hedge instrument's value at this step's marks (units x mid for the
 *     underlying, contracts x multiplier x model price for a series), for the next step
 * @param hedgePnlByInstrument step hedge PnL before costs by instrument; empty when the split is unknown
 * @param costsByInstrument step costs by instrument; empty when the split is unknown
 */
record HedgeSplit(Map<String, Double> valueByInstrument, Map<String, Double> hedgePnlByInstrument,
    Map<String, Double> costsByInstrument) {

  /**
   * Splits the step of a marked book, before its flows are reset and its ledger records the step.
   *
   * @param book the book, marked already, with this step's flows
   * @param marks this step's marks
   * @return the split; its PnL and cost maps are empty when {@link Ledger#hedgeSplitKnown()} is false
   */
  static HedgeSplit of(BookState book, BookMarks marks) {
    Map<String, Double> values = values(book, marks);
    Ledger ledger = book.ledger();
    if (!ledger.hedgeSplitKnown()) {
      return new HedgeSplit(values, Map.of(), Map.of());
    }
    StepFlows flows = book.flows();
    Set<String> instruments = new TreeSet<>(values.keySet());
    instruments.addAll(ledger.previousHedgeValueByInstrument().keySet());
    instruments.addAll(flows.hedgeCashByInstrument().keySet());
    instruments.addAll(flows.costsByInstrument().keySet());
    Map<String, Double> pnl = new TreeMap<>();
    Map<String, Double> costs = new TreeMap<>();
    for (String instrument : instruments) {
      double change = values.getOrDefault(instrument, 0.0)
          - ledger.previousHedgeValueByInstrument().getOrDefault(instrument, 0.0);
      pnl.put(instrument, change + flows.hedgeCashByInstrument().getOrDefault(instrument, 0.0));
      costs.put(instrument, flows.costsByInstrument().getOrDefault(instrument, 0.0));
    }
    return new HedgeSplit(values, pnl, costs);
  }

  /** Each held hedge instrument's value at the marks: the parts of the book's hedge value. */
  private static Map<String, Double> values(BookState book, BookMarks marks) {
    Map<String, Double> values = new TreeMap<>();
    double units = book.holding(book.symbol());
    if (units != 0) {
      values.put(book.symbol(), units * marks.market().mid());
    }
    for (HedgeMark hedge : marks.hedgeOptions()) {
      values.put(hedge.mark().optionId(), hedge.mark().value());
    }
    return values;
  }
}
