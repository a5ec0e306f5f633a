package io.hedgestream.feed;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.feed.flow.PoissonArrivals;
import io.hedgestream.feed.sabr.SabrBookSettings;
import io.hedgestream.feed.sabr.SabrMarket;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.pricing.SabrSmile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One symbol of the {@code sabr-book} scenario: day {@code k} moves the SABR market one step (none on day
 * 0), then yields the day's client orders and the day's tick, both stamped at the tick's event time
 * {@code start + k * step}.
 *
 * <ul>
 *   <li>Tick: bid = ask = last = S (the mid is exactly S), the day's SABR parameters, atmImpliedVol = the
 *       SABR ATM vol of {@code atmVolDays}, rate = dividend yield = 0.
 *   <li>Orders: a Poisson number (rate {@code ordersPerDay}) of ATM European calls, strike = S exactly,
 *       multiplier {@code unitsPerOrder}, expiry {@code bookMaturityDays} steps after the tick, the client
 *       long (+1 contract) or short (-1) with probability 1/2, premium = Black-Scholes at the SABR vol of
 *       that strike and expiry (the engine's mark, so booking leaves the book's value unchanged, as in the
 *       environment). Published before the tick, they are priced at it: the engine books them and decides
 *       the book at the day's tick.
 * </ul>
 * The path, the arrivals and the order sides draw from three independent streams split from one seed of
 * the feed seed and the symbol.
 */
final class SabrBookFeed implements SymbolStream {

  private static final double SECONDS_PER_DAY = 86_400.0;
  private static final double MICROS_PER_YEAR = 365.0 * SabrBookSettings.MICROS_PER_DAY;

  private final String symbol;
  private final SabrBookSettings settings;
  private final SabrMarket market;
  private final String book;
  private final String runId;
  private final Instant start;
  private final double volumePerStep;
  private final SplittableRandom pathRandom;
  private final PoissonArrivals arrivals;
  private final SplittableRandom sideRandom;
  private SabrMarket.State state;
  private long day = -1;
  private long orderSequence;

  SabrBookFeed(String symbol, long seed, SabrBookSettings settings, String book, String runId, Instant start,
      double volumePerDay) {
    this.symbol = symbol;
    this.settings = settings;
    this.market = SabrMarket.of(settings);
    this.book = book;
    this.runId = runId;
    this.start = start;
    this.volumePerStep = Math.floor(volumePerDay * settings.stepMicros() / (double) SabrBookSettings.MICROS_PER_DAY);
    SplittableRandom root = new SplittableRandom(SymbolFeed.symbolSeed(seed, symbol));
    this.pathRandom = root.split();
    this.arrivals = new PoissonArrivals(settings.ordersPerDay(), root.split());
    this.sideRandom = root.split();
    this.state = new SabrMarket.State(settings.s0(), settings.alpha0());
  }

  @Override
  public SymbolStep next() {
    day++;
    if (day > 0) {
      state = market.step(state, pathRandom);
    }
    Instant now = start.plus(day * settings.stepMicros(), ChronoUnit.MICROS);
    SabrSmile smile = market.smile(state);
    List<ClientOrder> orders = new ArrayList<>(0);
    // Arrivals in (day, day + 1] of the Poisson clock, in days: a Poisson(ordersPerDay) count per day.
    double until = (day + 1) * SECONDS_PER_DAY;
    for (double t = arrivals.pollUntil(until); !Double.isNaN(t); t = arrivals.pollUntil(until)) {
      if (settings.episodeDays() == 0 || day < settings.episodeDays()) {
        orders.add(order(now, smile));
      }
    }
    return new SymbolStep(orders, tick(now, smile));
  }

  private ClientOrder order(Instant now, SabrSmile smile) {
    double spot = state.spot();
    long maturityMicros = settings.bookMaturityDays() * settings.stepMicros();
    double ttm = maturityMicros / MICROS_PER_YEAR;
    double premium = BlackScholes.price(PutCall.CALL, spot, spot, ttm, smile.volAt(spot, spot, ttm, 0, 0), 0, 0);
    OptionSpec option = OptionSpec.newBuilder()
        .setOptionType(OptionType.CALL)
        .setStrike(spot)
        .setExpiryMicros(now.plus(maturityMicros, ChronoUnit.MICROS))
        .setMultiplier(settings.unitsPerOrder())
        .build();
    return ClientOrder.newBuilder()
        .setOrderId(runId + "-" + symbol + "-" + ++orderSequence)
        .setBook(book)
        .setClient("client-1")
        .setSymbol(symbol)
        .setOption(option)
        .setQuantity(sideRandom.nextBoolean() ? 1.0 : -1.0)
        .setPremium(premium)
        .setEventTimeMicros(now)
        .build();
  }

  private MarketTick tick(Instant now, SabrSmile smile) {
    double spot = state.spot();
    double atmTtm = settings.atmVolDays() * settings.stepMicros() / MICROS_PER_YEAR;
    return MarketTick.newBuilder()
        .setSymbol(symbol)
        .setEventTimeMicros(now)
        .setBid(spot)
        .setAsk(spot)
        .setLast(spot)
        .setVolume(volumePerStep)
        .setAtmImpliedVol(smile.volAt(spot, spot, atmTtm, 0, 0))
        .setRate(0)
        .setDividendYield(0)
        .setSabr(new SabrParams(smile.alpha(), smile.beta(), smile.rho(), smile.nu()))
        .setSource("feed-sabr-book")
        .build();
  }
}
