package io.hedgestream.engine.instruments;

import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a target that names listed families ({@code CALL_ATM_30D} -> option units, i.e. contracts x
 * multiplier) into a target of concrete instruments ({@code SPY-20250620-C-450} -> contracts). Other keys
 * (the underlying's symbol, concrete option ids of a flatten) pass through unchanged.
 *
 * <p>Series are sticky: a book keeps the current series of a family until its time to expiry falls below
 * {@link ListedOptionRules#rollThresholdDays}; then the family is resolved afresh
 * ({@link ListedSeriesResolver}), the target moves to the new series and the old one is closed (target 0)
 * in the same decision. So a book trades a family's series once when it opens, once per roll, and
 * otherwise only to follow the model's size, not every time the spot crosses a strike.
 */
public final class ListedTargets {

  private final ListedOptionRules rules;

  /**
   * Creates the translator.
   *
   * @param rules the listed-option rules
   */
  public ListedTargets(ListedOptionRules rules) {
    this.rules = rules;
  }

  /**
   * A concrete target and what was rolled on the way.
   *
   * @param target target holdings by instrument id (contracts for option series)
   * @param notes one note per roll or first resolution, for the PnL event's reason
   */
  public record Concrete(TargetHoldings target, List<String> notes) {}

  /**
   * Resolves the families of {@code target} for {@code book}, making the resolved series current on the book.
   *
   * @param book the book (its current series may change)
   * @param target the chosen target, possibly naming families
   * @param market the decision's market
   * @return the concrete target
   */
  public Concrete concretise(BookState book, TargetHoldings target, MarketSnapshot market) {
    Map<String, Double> concrete = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, Double> entry : target.units().entrySet()) {
      ListedFamily family = ListedFamily.parse(entry.getKey()).orElse(null);
      if (family == null) {
        concrete.merge(entry.getKey(), entry.getValue(), (a, b) -> a);
        continue;
      }
      HedgeSeries series = seriesFor(book, family, market, concrete, notes);
      concrete.put(series.optionId(), entry.getValue() / series.multiplier());
    }
    return new Concrete(new TargetHoldings(concrete), notes);
  }

  /**
   * The series a family's target trades at a decision, without changing any book: the current series while
   * its time to expiry is at least {@link ListedOptionRules#rollThresholdDays}, otherwise (or when there is
   * none) the family resolved afresh. The contract's {@code *_traded_*} features describe this series.
   *
   * @param current the book's current series of the family, or null
   * @param family the family
   * @param market the decision's market
   * @param rules the listed-option rules
   * @return the series the target of {@code family} goes to
   */
  public static HedgeSeries tradedSeries(HedgeSeries current, ListedFamily family, MarketSnapshot market,
      ListedOptionRules rules) {
    if (current != null
        && ListedSeriesResolver.daysToExpiry(current, market.eventMicros()) >= rules.rollThresholdDays(family)) {
      return current;
    }
    HedgeSeries fresh = ListedSeriesResolver.resolve(family, market, rules);
    return current != null && current.optionId().equals(fresh.optionId()) ? current : fresh;
  }

  private HedgeSeries seriesFor(BookState book, ListedFamily family, MarketSnapshot market,
      Map<String, Double> concrete, List<String> notes) {
    HedgeSeries current = book.currentSeries(family.name());
    HedgeSeries fresh = tradedSeries(current, family, market, rules);
    if (fresh == current) {
      return current;
    }
    book.useSeries(fresh);
    if (current == null) {
      notes.add(family.name() + " is " + fresh.optionId());
    } else {
      concrete.put(current.optionId(), 0.0);
      notes.add("rolled " + family.name() + " from " + current.optionId() + " to " + fresh.optionId());
    }
    return fresh;
  }
}
