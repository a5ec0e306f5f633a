package io.hedgestream.bench;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's market and books: {@code symbols} underlyings, each with {@code booksPerSymbol} books that
 * hold one client trade of 10 at-the-money calls (the client buys or sells at random), and a mean-reverting
 * random walk of mid prices around 100 with a 2-cent spread and a 20% ATM vol.
 */
final class BookSetup {

  /** Spot the walk starts from and reverts to. */
  static final double SPOT = 100.0;
  private static final double VOL = 0.2;
  private static final double HALF_SPREAD = 0.01;
  private static final double CONTRACTS = 10;
  private static final double MULTIPLIER = 100;
  private static final double REVERSION = 0.001;

  private final int symbols;
  private final int booksPerSymbol;
  private final double stepStdDev;
  private final double[] mids;
  private final SplittableRandom random;

  /**
   * Creates the setup.
   *
   * @param symbols number of underlyings
   * @param booksPerSymbol books per underlying
   * @param stepStdDev standard deviation of one tick's price change, in price units
   * @param seed seed of the walk and of the clients' sides
   */
  BookSetup(int symbols, int booksPerSymbol, double stepStdDev, long seed) {
    this.symbols = symbols;
    this.booksPerSymbol = booksPerSymbol;
    this.stepStdDev = stepStdDev;
    this.mids = new double[symbols];
    java.util.Arrays.fill(mids, SPOT);
    this.random = new SplittableRandom(seed);
  }

  /** Number of underlyings. */
  int symbols() {
    return symbols;
  }

  /** Books over all underlyings. */
  int books() {
    return symbols * booksPerSymbol;
  }

  /** The symbol of underlying {@code index}: {@code S00}, {@code S01}, ... */
  static String symbol(int index) {
    return String.format("S%02d", index);
  }

  /** The record key of underlying {@code index} (its symbol, as the topics' key serde writes it). */
  static byte[] key(int index) {
    return symbol(index).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The client trades that create the books of underlying {@code index}: one per book, expiring
   * {@code expiryDays} after {@code nowMicros}, at the Black-Scholes premium.
   *
   * @param index underlying
   * @param nowMicros event time of the trades, epoch microseconds
   * @param expiryDays days to expiry
   * @return encoded client orders, one per book
   */
  List<byte[]> clientOrders(int index, long nowMicros, int expiryDays) {
    double ttm = expiryDays / 365.0;
    double premium = BlackScholes.price(PutCall.CALL, SPOT, SPOT, ttm, VOL, 0, 0);
    List<byte[]> orders = new ArrayList<>(booksPerSymbol);
    for (int book = 0; book < booksPerSymbol; book++) {
      ClientOrder order = ClientOrder.newBuilder()
          .setOrderId(symbol(index) + "-client-" + book)
          .setBook(String.format("book-%02d", index * booksPerSymbol + book))
          .setClient("bench")
          .setSymbol(symbol(index))
          .setOption(OptionSpec.newBuilder().setOptionType(OptionType.CALL).setStrike(SPOT)
              .setExpiryMicros(instant(nowMicros + expiryDays * 86_400_000_000L)).setMultiplier(MULTIPLIER).build())
          .setQuantity(random.nextBoolean() ? CONTRACTS : -CONTRACTS)
          .setPremium(premium)
          .setEventTimeMicros(instant(nowMicros))
          .build();
      orders.add(Topics.ORDERS_CLIENT.valueSerde().serializer().serialize(Topics.ORDERS_CLIENT.name(), order));
    }
    return orders;
  }

  /**
   * The next tick of underlying {@code index}: the walk moves one step and the tick quotes it.
   *
   * @param index underlying
   * @param eventMicros event time, epoch microseconds
   * @return the encoded tick
   */
  byte[] nextTick(int index, long eventMicros) {
    double mid = mids[index];
    mid += stepStdDev * gaussian() - REVERSION * (mid - SPOT);
    mids[index] = mid;
    MarketTick tick = MarketTick.newBuilder()
        .setSymbol(symbol(index))
        .setEventTimeMicros(instant(eventMicros))
        .setBid(mid - HALF_SPREAD)
        .setAsk(mid + HALF_SPREAD)
        .setLast(mid)
        .setVolume(100)
        .setAtmImpliedVol(VOL)
        .setRate(0)
        .setDividendYield(0)
        .setSabr(null)
        .setSource("bench")
        .build();
    return Topics.MD_TICKS.valueSerde().serializer().serialize(Topics.MD_TICKS.name(), tick);
  }

  private double gaussian() {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The instant of epoch microseconds. */
  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** Epoch microseconds of the wall clock now. */
  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
