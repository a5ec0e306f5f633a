package io.hedgestream.feed;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.feed.flow.ClientOrderFactory;
import io.hedgestream.feed.flow.PoissonArrivals;
import io.hedgestream.feed.market.MarketSimulator;
import io.hedgestream.feed.market.MarketState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated market and client flow of one symbol, stepped on a fixed grid of simulated time.
 *
 * <p>Step 0 is the tick at the start instant. Step k ≥ 1 first yields the client orders that arrived in
 * (t<sub>k−1</sub>, t<sub>k</sub>], each priced against tick k−1 (the latest market a quoting desk has
 * seen) and stamped with its own arrival time, then tick k. Events therefore come out in event-time order.
 * Path, volume, arrivals and order attributes draw from four independent streams split from one seed
 * derived from the feed seed and the symbol, so adding a symbol does not change another symbol's path.
 */
final class SymbolFeed implements SymbolStream {

  private static final double SECONDS_PER_DAY = 86_400.0;

  private final String symbol;
  private final MarketConfig market;
  private final MarketSimulator simulator;
  private final ClientOrderFactory orders;
  private final double tenorYears;
  private final Instant start;
  private final long stepMicros;
  private final SplittableRandom pathRandom;
  private final SplittableRandom volumeRandom;
  private final SplittableRandom orderRandom;
  private final PoissonArrivals arrivals;
  private MarketState state;
  private MarketTick lastTick;
  private long step = -1;
  private long orderSequence;

  SymbolFeed(String symbol, long seed, MarketConfig market, double ordersPerDay, double tenorYears,
      ClientOrderFactory orders, Instant start, long stepMicros) {
    this.symbol = symbol;
    this.market = market;
    this.simulator = market.simulator();
    this.orders = orders;
    this.tenorYears = tenorYears;
    this.start = start;
    this.stepMicros = stepMicros;
    SplittableRandom root = new SplittableRandom(symbolSeed(seed, symbol));
    this.pathRandom = root.split();
    this.volumeRandom = root.split();
    this.arrivals = new PoissonArrivals(ordersPerDay, root.split());
    this.orderRandom = root.split();
    this.state = simulator.initialState();
  }

  /** The symbol this feed simulates. */
  String symbol() {
    return symbol;
  }

  /** Advances one step and returns its events: the orders of the step (event-time order), then the tick. */
  @Override
  public SymbolStep next() {
    step++;
    if (step == 0) {
      lastTick = tick(start);
      return new SymbolStep(List.of(), lastTick);
    }
    double dtYears = stepMicros / 1e6 / (365.0 * SECONDS_PER_DAY);
    Instant now = start.plus(step * stepMicros, ChronoUnit.MICROS);
    List<ClientOrder> stepOrders = new ArrayList<>(0);
    double untilSeconds = step * (stepMicros / 1e6);
    for (double arrival = arrivals.pollUntil(untilSeconds); !Double.isNaN(arrival);
        arrival = arrivals.pollUntil(untilSeconds)) {
      Instant arrivalTime = start.plus((long) Math.floor(arrival * 1e6), ChronoUnit.MICROS);
      stepOrders.add(orders.create(lastTick, ++orderSequence, arrivalTime, orderRandom));
    }
    state = simulator.step(state, dtYears, pathRandom);
    lastTick = tick(now);
    return new SymbolStep(stepOrders, lastTick);
  }

  private MarketTick tick(Instant time) {
    double mid = state.spot();
    double halfSpread = mid * market.halfSpreadBps() / 10_000.0;
    double expectedVolume = market.volumePerDay() * (stepMicros / 1e6) / SECONDS_PER_DAY;
    // Exponentially distributed volume around its expectation, in whole shares.
    double volume = Math.floor(-expectedVolume * Math.log(1.0 - volumeRandom.nextDouble()));
    return MarketTick.newBuilder()
        .setSymbol(symbol)
        .setEventTimeMicros(time)
        .setBid(mid - halfSpread)
        .setAsk(mid + halfSpread)
        .setLast(mid)
        .setVolume(volume)
        .setAtmImpliedVol(simulator.atmImpliedVol(state, tenorYears))
        .setRate(market.rate())
        .setDividendYield(market.dividendYield())
        .setSabr(null)
        .setSource(simulator.source())
        .build();
  }

  /** A seed for {@code symbol} that depends only on the feed seed and the symbol's name (SplitMix64 mix). */
  static long symbolSeed(long seed, String symbol) {
    long z = seed + 0x9E3779B97F4A7C15L * (symbol.hashCode() + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
