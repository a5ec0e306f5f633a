package io.hedgestream.feed;

import io.hedgestream.feed.flow.ClientOrderFactory;
import io.hedgestream.feed.sabr.SabrBookSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every symbol's simulated market and client flow, stepped together on one grid of simulated time. A pure
 * function of the configuration and start instant: two generators built alike yield equal records.
 */
public final class FeedGenerator {

  private final List<SymbolStream> feeds;
  private final Instant start;
  private final long stepMicros;
  private long steps;

  /**
   * A generator for {@code config}'s symbols whose first tick is at {@code start}.
   *
   * @param config the feed configuration (seed, symbols, market, order flow, step)
   * @param start event time of the first tick; for the {@code sabr-book} scenario the first tick is at the
   *     first tick time at or after it ({@link SabrBookSettings#firstTick})
   */
  public FeedGenerator(FeedConfig config, Instant start) {
    boolean sabrBook = config.scenario() == Scenario.SABR_BOOK;
    this.start = sabrBook ? config.sabrBook().firstTick(start) : start;
    this.stepMicros = config.stepMicros();
    ClientOrderFactory orders = new ClientOrderFactory(config.orderFlow(), config.runId());
    List<SymbolStream> list = new ArrayList<>();
    for (String symbol : config.symbols()) {
      list.add(sabrBook
          ? new SabrBookFeed(symbol, config.seed(), config.sabrBook(), config.orderFlow().bookName(symbol, 1),
              config.runId(), this.start, config.market().volumePerDay())
          : new SymbolFeed(symbol, config.seed(), config.market(), config.orderFlow().ratePerDay(),
              config.orderFlow().tenorYears(), orders, this.start, config.stepMicros()));
    }
    this.feeds = List.copyOf(list);
  }

  /**
   * The next step: per symbol, in configuration order, the client orders that arrived since its previous
   * tick followed by its new tick. The first call returns each symbol's opening tick and no orders.
   */
  public List<SymbolStep> next() {
    List<SymbolStep> out = new ArrayList<>(feeds.size());
    for (SymbolStream feed : feeds) {
      out.add(feed.next());
    }
    steps++;
    return out;
  }

  /** Steps taken so far. */
  public long steps() {
    return steps;
  }

  /** Event time of the first tick. */
  public Instant start() {
    return start;
  }

  /** Event time of the tick of step {@code k} (k = 0 is the first tick). */
  public Instant timeOfStep(long k) {
    return start.plus(k * stepMicros, java.time.temporal.ChronoUnit.MICROS);
  }
}
