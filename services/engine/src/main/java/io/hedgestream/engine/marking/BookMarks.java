package io.hedgestream.engine.marking;

import java.util.List;

/**
 * The liability options of a book marked at one market.
 *
 * @param market the market they were marked at
 * @param options each option's mark, in book order
 * @param optionGreeks Greeks of all options together
 * @param optionValue value of all options together
 */
public record BookMarks(MarketSnapshot market, List<OptionMark> options, BookGreeks optionGreeks,
    double optionValue) {

  /** Copies the option list. */
  public BookMarks {
    options = List.copyOf(options);
  }

  /** True when some option kept a stale mark. */
  public boolean anyStale() {
    return options.stream().anyMatch(OptionMark::stale);
  }
}
