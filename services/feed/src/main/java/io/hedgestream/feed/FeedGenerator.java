package io.hedgestream.feed;

import io.hedgestream.feed.flow.ClientOrderFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every symbol's simulated market and client flow, stepped together on one grid of simulated time. A pure
 * function of the configuration and start instant: two generators built alike yield equal records.
 */
public final class FeedGenerator {

  private final List<SymbolFeed> feeds;
  private final Instant start;
  private final long stepMicros;
  private long steps;

  /**
   * A generator for {@code config}'s symbols whose first tick is at {@code start}.
   *
   * @param config the feed configuration (seed, symbols, market, order flow, step)
   * @param start event time of the first tick
   */
  public FeedGenerator(FeedConfig config, Instant start) {
    this.start = start;
    this.stepMicros = config.stepMicros();
    ClientOrderFactory orders = new ClientOrderFactory(config.orderFlow(), config.runId());
    List<SymbolFeed> list = new ArrayList<>();
    for (String symbol : config.symbols()) {
      list.add(new SymbolFeed(symbol, config.seed(), config.market(), config.orderFlow().ratePerDay(),
          config.orderFlow().tenorYears(), orders, start, config.stepMicros()));
    }
    this.feeds = List.copyOf(list);
  }

  /**
   * The next step: per symbol, in configuration order, the client orders that arrived since its previous
   * tick followed by its new tick. The first call returns each symbol's opening tick and no orders.
   */
  public List<SymbolStep> next() {
    List<SymbolStep> out = new ArrayList<>(feeds.size());
    for (SymbolFeed feed : feeds) {
      out.add(feed.next());
    }
    steps++;
    return out;
  }

  /** Steps taken so far. */
  public long steps() {
    return steps;
  }

  /** Event time of the tick of step {@code k} (k = 0 is the first tick). */
  public Instant timeOfStep(long k) {
    return start.plus(k * stepMicros, java.time.temporal.ChronoUnit.MICROS);
  }
}
