package io.hedgestream.engine.marking;

import java.util.List;

/**
 * The options of a book marked at one market: the liability options and the listed option series the
 * book holds as hedges (each hedge mark's {@code deskQuantity} is the contracts held).
 *
 * @param market the market they were marked at
 * @param options each liability option's mark, in book order
 * @param optionGreeks Greeks of all liability options together
 * @param optionValue value of all liability options together
 * @param hedgeOptions each held hedge option series' mark, in option id order
 * @param hedgeOptionGreeks Greeks of the hedge option holdings together
 * @param hedgeOptionValue value of the hedge option holdings together
 */
public record BookMarks(MarketSnapshot market, List<OptionMark> options, BookGreeks optionGreeks,
    double optionValue, List<HedgeMark> hedgeOptions, BookGreeks hedgeOptionGreeks, double hedgeOptionValue) {

  /** Copies the option lists. */
  public BookMarks {
    options = List.copyOf(options);
    hedgeOptions = List.copyOf(hedgeOptions);
  }

  /** Marks of a book without hedge options. */
  public BookMarks(MarketSnapshot market, List<OptionMark> options, BookGreeks optionGreeks, double optionValue) {
    this(market, options, optionGreeks, optionValue, List.of(), BookGreeks.ZERO, 0);
  }

  /** True when some option kept a stale mark. */
  public boolean anyStale() {
    return options.stream().anyMatch(OptionMark::stale);
  }
}
