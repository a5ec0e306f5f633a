package io.hedgestream.engine.policy;

import io.hedgestream.engine.instruments.ListedOptionRules;
import io.hedgestream.engine.marking.BookGreeks;
import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.HedgeMark;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.marking.OptionMark;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.market.RollingFeatures;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a policy sees of one book at one decision: the market, the marked liability options, the hedge
 * holdings and the quantities still pending. Immutable.
 *
 * @param book book id
 * @param symbol underlying symbol (also the instrument id of the underlying)
 * @param market the market the book is marked at
 * @param options the marked liability options
 * @param optionGreeks Greeks of the options alone
 * @param holdings filled hedge holdings by instrument id, units
 * @param pending signed units still pending by instrument id
 * @param hedgeOptions the listed option series held as hedges, marked, with their families
 * @param hedgeOptionGreeks Greeks of the hedge option holdings together
 * @param rolling the symbol's rolling market features as of {@code market} (trailing windows only;
 *     {@link RollingFeatures#NONE} when the caller keeps no rolling state)
 * @param currentSeries the book's current (sticky) series of each listed family, by family name
 * @param listedRules the engine's listed-option rules, with {@code currentSeries} what decides which series a
 *     family's target trades at this decision ({@code ListedTargets.tradedSeries})
 */
public record DecisionContext(String book, String symbol, MarketSnapshot market, List<OptionMark> options,
    BookGreeks optionGreeks, Map<String, Double> holdings, Map<String, Double> pending,
    List<HedgeMark> hedgeOptions, BookGreeks hedgeOptionGreeks, RollingFeatures rolling,
    Map<String, HedgeSeries> currentSeries, ListedOptionRules listedRules) {

  /** Copies the collections. */
  public DecisionContext {
    options = List.copyOf(options);
    hedgeOptions = List.copyOf(hedgeOptions);
    holdings = Map.copyOf(holdings);
    pending = Map.copyOf(pending);
    currentSeries = Map.copyOf(currentSeries);
    Objects.requireNonNull(rolling, "rolling");
    Objects.requireNonNull(listedRules, "listedRules");
  }

  /**
   * This context with the book's listed-option state: which series each family holds and the rules that
   * roll it (without them a context has no current series and the default rules).
   *
   * @param series the book's current series by family name
   * @param rules the engine's listed-option rules
   * @return the context
   */
  public DecisionContext withListed(Map<String, HedgeSeries> series, ListedOptionRules rules) {
    return new DecisionContext(book, symbol, market, options, optionGreeks, holdings, pending, hedgeOptions,
        hedgeOptionGreeks, rolling, series, rules);
  }

  /**
   * The context of a book marked at {@code marks}, without rolling market features (each is undefined).
   *
   * @param book book id
   * @param marks the book's options marked at the market
   * @param holdings filled holdings by instrument
   * @param pending pending signed units by instrument
   * @return the context
   */
  public static DecisionContext of(String book, BookMarks marks, Map<String, Double> holdings,
      Map<String, Double> pending) {
    return of(book, marks, holdings, pending, RollingFeatures.NONE);
  }

  /**
   * The context of a book marked at {@code marks}, with its symbol's rolling market features.
   *
   * @param book book id
   * @param marks the book's options marked at the market
   * @param holdings filled holdings by instrument
   * @param pending pending signed units by instrument
   * @param rolling the symbol's rolling features as of the market
   * @return the context
   */
  public static DecisionContext of(String book, BookMarks marks, Map<String, Double> holdings,
      Map<String, Double> pending, RollingFeatures rolling) {
    return new DecisionContext(book, marks.market().symbol(), marks.market(), marks.options(),
        marks.optionGreeks(), holdings, pending, marks.hedgeOptions(), marks.hedgeOptionGreeks(), rolling,
        Map.of(), ListedOptionRules.DEFAULTS);
  }

  /** Event time of the decision, epoch microseconds. */
  public long eventMicros() {
    return market.eventMicros();
  }

  /** Filled holding of an instrument, 0 when none. */
  public double holding(String instrument) {
    return holdings.getOrDefault(instrument, 0.0);
  }

  /**
   * The book's scale in the feature contract's sense: gross liability units
   * {@code sum |deskQuantity x multiplier|}.
   */
  public double bookScale() {
    double scale = 0;
    for (OptionMark option : options) {
      scale += Math.abs(option.units());
    }
    return scale;
  }
}
