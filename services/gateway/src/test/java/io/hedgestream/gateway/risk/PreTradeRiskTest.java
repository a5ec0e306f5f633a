package io.hedgestream.gateway.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.Side;
import io.hedgestream.avro.TradingState;
import io.hedgestream.gateway.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pre-trade checks one limit at a time, then a seeded property test: random limits, quotes and orders
 * against an oracle written from the limits' definitions alone (lists, no windows kept incrementally). Every
 * order that breaks a limit is blocked with the code of the first limit it breaks; none that passes every
 * limit is blocked.
 */
class PreTradeRiskTest {

  private static final Instant T0 = Instant.parse("2026-03-02T14:30:00Z");

  @Test
  void eachLimitBlocksWithItsCode() {
    PreTradeLimits limits = new PreTradeLimits(Set.of("BAD"), 1_000, 10, Duration.ofMinutes(5), 50_000, 0.05,
        Duration.ofSeconds(1), 3, 5, 10);
    long[] clock = {0};
    PreTradeRisk risk = new PreTradeRisk(limits, new TradingStates(), () -> clock[0]);
    risk.onQuote(tick("ACME", 99, 101, T0));
    risk.onQuote(tick("BAD", 9, 11, T0));

    assertThat(code(risk, order("BAD", "b1", Side.BUY, 1, null, T0))).isEqualTo(RiskCode.RESTRICTED_SYMBOL);
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 1_001, null, T0))).isEqualTo(RiskCode.ORDER_QUANTITY);
    assertThat(code(risk, option("ACME", "b1", 11, T0))).isEqualTo(RiskCode.ORDER_QUANTITY);
    assertThat(code(risk, order("NEW", "b1", Side.BUY, 1, null, T0))).isEqualTo(RiskCode.NO_REFERENCE);
    clock[0] = Duration.ofMinutes(6).toNanos();
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 1, null, T0))).as("no quote received for 6 minutes")
        .isEqualTo(RiskCode.STALE_REFERENCE);
    risk.onQuote(tick("ACME", 99, 101, T0.minus(Duration.ofDays(3))));
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 1, null, T0))).as("a late, older quote is no reference")
        .isEqualTo(RiskCode.STALE_REFERENCE);
    risk.onQuote(tick("ACME", 99, 101, T0));
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 1, null, T0.plus(Duration.ofDays(3)))))
        .as("received just now: fresh, whatever the event times").isNull();
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 501, null, T0))).isEqualTo(RiskCode.ORDER_NOTIONAL);
    assertThat(code(risk, option("ACME", "b1", 6, T0))).as("600 units x 100").isEqualTo(RiskCode.ORDER_NOTIONAL);
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 1, 106.0, T0))).isEqualTo(RiskCode.PRICE_COLLAR);
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 1, 104.0, T0))).isNull();

    HedgeOrder first = order("ACME", "b1", Side.BUY, 7, null, T0);
    send(risk, first);
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 7, null, T0.plusMillis(500))))
        .isEqualTo(RiskCode.DUPLICATE_ORDER);
    assertThat(code(risk, order("ACME", "b1", Side.SELL, 7, null, T0.plusMillis(500)))).isNull();
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 7, null, T0.plusMillis(1_000)))).as("window passed")
        .isNull();

    send(risk, order("ACME", "b1", Side.BUY, 8, null, T0.plusMillis(100)));
    send(risk, order("ACME", "b1", Side.BUY, 9, null, T0.plusMillis(200)));
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 10, null, T0.plusMillis(300))))
        .isEqualTo(RiskCode.THROTTLE_BOOK);
    risk.onQuote(tick("OTHER", 99, 101, T0));
    assertThat(code(risk, order("OTHER", "b1", Side.BUY, 10, null, T0.plusMillis(300)))).as("another symbol's b1")
        .isNull();
    send(risk, order("ACME", "b2", Side.BUY, 1, null, T0.plusMillis(300)));
    send(risk, order("ACME", "b3", Side.BUY, 1, null, T0.plusMillis(400)));
    assertThat(code(risk, order("ACME", "b4", Side.BUY, 1, null, T0.plusMillis(500))))
        .isEqualTo(RiskCode.THROTTLE_TOTAL);
    assertThat(code(risk, order("ACME", "b4", Side.BUY, 1, null, T0.plusMillis(1_001)))).as("a second later")
        .isNull();
  }

  @Test
  void aHaltedOrReducingSymbolTakesNoNewOrderAndTheStricterStateApplies() {
    TradingStates states = new TradingStates();
    PreTradeRisk risk = new PreTradeRisk(PreTradeLimits.defaults(), states, System::nanoTime);
    risk.onQuote(tick("ACME", 99, 101, T0));
    risk.onQuote(tick("OTHER", 99, 101, T0));
    HedgeOrder acme = order("ACME", "b1", Side.BUY, 1, null, T0);
    HedgeOrder other = order("OTHER", "b1", Side.BUY, 1, null, T0);

    assertThat(states.set("ACME", TradingState.HALTED)).as("newly halted").isTrue();
    assertThat(states.set("ACME", TradingState.HALTED)).as("already halted").isFalse();
    assertThat(code(risk, acme)).isEqualTo(RiskCode.HALTED);
    assertThat(code(risk, other)).isNull();

    assertThat(states.set(TradingStates.ALL, TradingState.REDUCING)).isFalse();
    assertThat(code(risk, acme)).as("HALTED is stricter than * REDUCING").isEqualTo(RiskCode.HALTED);
    assertThat(code(risk, other)).isEqualTo(RiskCode.REDUCING);

    states.set("ACME", TradingState.ACTIVE);
    assertThat(code(risk, acme)).as("* REDUCING still applies").isEqualTo(RiskCode.REDUCING);
    states.set(TradingStates.ALL, TradingState.ACTIVE);
    assertThat(code(risk, acme)).isNull();
    assertThat(states.describe()).isEmpty();
  }

  @Test
  void anAbsurdOrderTimeIsAnsweredNotThrown() {
    PreTradeRisk risk = new PreTradeRisk(PreTradeLimits.defaults());
    risk.onQuote(tick("ACME", 99, 101, T0));
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 1, null, Instant.MAX))).isNull();
    assertThat(code(risk, order("ACME", "b1", Side.BUY, 1, null, Instant.MIN))).isNull();
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 25).mapToObj(i -> 1_000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyOrderBreakingALimitIsBlockedWithTheRightCodeAndNoOtherIs(long seed) {
    Map<String, Integer> outcomes = run(seed);
    assertThat(outcomes.getOrDefault(PASSED, 0)).as("the run accepts orders").isPositive();
    assertThat(outcomes.keySet()).as("and refuses some").hasSizeGreaterThan(1);
  }

  @Test
  void theSeededRunsRefuseOrdersForEveryReason() {
    Map<String, Integer> all = new TreeMap<>();
    seeds().forEach(seed -> run(seed).forEach((code, count) -> all.merge(code, count, Integer::sum)));
    assertThat(all.keySet()).containsExactlyInAnyOrder(PASSED, RiskCode.RESTRICTED_SYMBOL, RiskCode.ORDER_QUANTITY,
        RiskCode.NO_REFERENCE, RiskCode.STALE_REFERENCE, RiskCode.ORDER_NOTIONAL, RiskCode.PRICE_COLLAR,
        RiskCode.DUPLICATE_ORDER, RiskCode.THROTTLE_BOOK, RiskCode.THROTTLE_TOTAL);
  }

  private static final String PASSED = "PASSED";

  /** One seeded run, every answer checked against the oracle; how many orders each outcome had. */
  private static Map<String, Integer> run(long seed) {
    Random random = new Random(seed);
    PreTradeLimits limits = new PreTradeLimits(
        random.nextBoolean() ? Set.of("C") : Set.of(),
        50 + random.nextInt(200), 2 + random.nextInt(10), Duration.ofSeconds(1 + random.nextInt(30)),
        5_000 + random.nextInt(40_000), 0.01 + 0.1 * random.nextDouble(),
        Duration.ofMillis(random.nextBoolean() ? 0 : 200 + random.nextInt(2_000)),
        random.nextInt(6), random.nextInt(10), 100);
    long[] clock = {0};
    PreTradeRisk risk = new PreTradeRisk(limits, new TradingStates(), () -> clock[0]);
    Oracle oracle = new Oracle(limits);
    List<String> symbols = List.of("A", "B", "C", "D");
    Map<String, Integer> outcomes = new TreeMap<>();
    Instant now = T0;
    for (int step = 0; step < 2_000; step++) {
      now = now.plusMillis(random.nextInt(300));
      // The gateway's clock runs with the orders' event times, now and then with a stall of the feed.
      clock[0] += Duration.ofMillis(random.nextInt(300) + (random.nextInt(200) == 0 ? 30_000 : 0)).toNanos();
      String symbol = symbols.get(random.nextInt(symbols.size()));
      if (random.nextInt(4) == 0) {
        double mid = 20 + 180 * random.nextDouble();
        MarketTick quote = tick(symbol, mid - 0.05, mid + 0.05, now.minusMillis(random.nextInt(5_000)));
        risk.onQuote(quote);
        oracle.quote(quote, clock[0]);
        continue;
      }
      String book = "book-" + random.nextInt(3);
      HedgeOrder order = random.nextInt(5) == 0
          ? option(symbol, book, 1 + random.nextInt(15), now)
          : order(symbol, book, random.nextBoolean() ? Side.BUY : Side.SELL, 1 + random.nextInt(300),
              random.nextBoolean() ? null : oracle.mid(symbol) * (0.85 + 0.3 * random.nextDouble()), now);
      String expected = oracle.firstBroken(order, clock[0]);
      Optional<Rejection> actual = risk.check(order);
      assertThat(actual.map(Rejection::code).orElse(null)).as("seed %d step %d: %s", seed, step, order)
          .isEqualTo(expected);
      if (actual.isEmpty()) {
        risk.accepted(order);
        oracle.sent(order);
      }
      outcomes.merge(actual.map(Rejection::code).orElse(PASSED), 1, Integer::sum);
    }
    return outcomes;
  }

  /** The limits' definitions, applied over the whole history kept in lists. */
  private static final class Oracle {
    private final PreTradeLimits limits;
    private final List<MarketTick> quotes = new ArrayList<>();
    private final List<Long> received = new ArrayList<>();
    private final List<HedgeOrder> sent = new ArrayList<>();

    Oracle(PreTradeLimits limits) {
      this.limits = limits;
    }

    void quote(MarketTick tick, long receivedNanos) {
      quotes.add(tick);
      received.add(receivedNanos);
    }

    void sent(HedgeOrder order) {
      sent.add(order);
    }

    /** The reference: the quote of the symbol with the latest event time (the first such, on ties the latest). */
    MarketTick reference(String symbol) {
      MarketTick best = null;
      for (MarketTick quote : quotes) {
        if (quote.getSymbol().equals(symbol)
            && (best == null || !quote.getEventTimeMicros().isBefore(best.getEventTimeMicros()))) {
          best = quote;
        }
      }
      return best;
    }

    double mid(String symbol) {
      MarketTick reference = reference(symbol);
      return reference == null ? 100 : 0.5 * (reference.getBid() + reference.getAsk());
    }

    String firstBroken(HedgeOrder order, long nowNanos) {
      boolean option = order.getInstrumentType() == InstrumentType.OPTION;
      if (limits.restrictedSymbols().contains(order.getSymbol())) {
        return RiskCode.RESTRICTED_SYMBOL;
      }
      if (order.getQuantity() > (option ? limits.maxOptionContracts() : limits.maxOrderQuantity())) {
        return RiskCode.ORDER_QUANTITY;
      }
      MarketTick reference = reference(order.getSymbol());
      if (reference == null) {
        return RiskCode.NO_REFERENCE;
      }
      if (Duration.ofNanos(nowNanos - received.get(quotes.indexOf(reference)))
          .compareTo(limits.maxReferenceAge()) > 0) {
        return RiskCode.STALE_REFERENCE;
      }
      double mid = mid(order.getSymbol());
      if (order.getQuantity() * (option ? order.getOption().getMultiplier() : 1) * mid > limits.maxOrderNotional()) {
        return RiskCode.ORDER_NOTIONAL;
      }
      if (!option && order.getLimitPrice() != null && Math.abs(order.getLimitPrice() / mid - 1) > limits.priceCollar()) {
        return RiskCode.PRICE_COLLAR;
      }
      if (!limits.duplicateWindow().isZero() && sent.stream().anyMatch(s -> s.getBook().equals(order.getBook())
          && s.getInstrument().equals(order.getInstrument()) && s.getSide() == order.getSide()
          && s.getQuantity() == order.getQuantity()
          && Duration.between(s.getEventTimeMicros(), order.getEventTimeMicros()).abs()
              .compareTo(limits.duplicateWindow()) < 0
          && isLatestOfItsKind(s))) {
        return RiskCode.DUPLICATE_ORDER;
      }
      if (limits.maxOrdersPerSecondPerBook() > 0 && sent.stream().filter(s -> s.getBook().equals(order.getBook())
          && s.getSymbol().equals(order.getSymbol()) && withinASecondBefore(s, order)).count()
          >= limits.maxOrdersPerSecondPerBook()) {
        return RiskCode.THROTTLE_BOOK;
      }
      if (limits.maxOrdersPerSecond() > 0
          && sent.stream().filter(s -> withinASecondBefore(s, order)).count() >= limits.maxOrdersPerSecond()) {
        return RiskCode.THROTTLE_TOTAL;
      }
      return null;
    }

    /** The same-order check compares with the latest order of the same kind sent. */
    private boolean isLatestOfItsKind(HedgeOrder candidate) {
      HedgeOrder latest = null;
      for (HedgeOrder s : sent) {
        if (s.getBook().equals(candidate.getBook()) && s.getInstrument().equals(candidate.getInstrument())
            && s.getSide() == candidate.getSide() && s.getQuantity() == candidate.getQuantity()) {
          latest = s;
        }
      }
      return latest == candidate;
    }

    private static boolean withinASecondBefore(HedgeOrder earlier, HedgeOrder order) {
      Duration gap = Duration.between(earlier.getEventTimeMicros(), order.getEventTimeMicros()).abs();
      return gap.compareTo(Duration.ofSeconds(1)) < 0;
    }
  }

  private static String code(PreTradeRisk risk, HedgeOrder order) {
    return risk.check(order).map(Rejection::code).orElse(null);
  }

  private static void send(PreTradeRisk risk, HedgeOrder order) {
    assertThat(risk.check(order)).as("%s passes", order.getQuantity()).isEmpty();
    risk.accepted(order);
  }

  static MarketTick tick(String symbol, double bid, double ask, Instant time) {
    return MarketTick.newBuilder().setSymbol(symbol).setEventTimeMicros(time).setBid(bid).setAsk(ask)
        .setLast(0.5 * (bid + ask)).setVolume(0).setAtmImpliedVol(0.2).setRate(0).setDividendYield(0)
        .setSabr(null).setSource("test").build();
  }

  static HedgeOrder order(String symbol, String book, Side side, double quantity, Double limit, Instant time) {
    return HedgeOrder.newBuilder().setOrderId(book + "-" + time + "-" + quantity).setBook(book).setSymbol(symbol)
        .setInstrument(symbol).setInstrumentType(InstrumentType.UNDERLYING).setOption(null).setSide(side)
        .setQuantity(quantity).setLimitPrice(limit).setReason(HedgeReason.POLICY).setPolicyVersion("test")
        .setDecisionId(book + ":1").setEventTimeMicros(time).build();
  }

  static HedgeOrder option(String symbol, String book, double contracts, Instant time) {
    HedgeOrder order = order(symbol, book, Side.BUY, contracts, null, time);
    order.setInstrumentType(InstrumentType.OPTION);
    order.setInstrument(symbol + "-20260320-C-100");
    order.setOption(new OptionSpec(OptionType.CALL, 100.0, T0.plus(Duration.ofDays(18)), 100.0));
    return order;
  }
}
