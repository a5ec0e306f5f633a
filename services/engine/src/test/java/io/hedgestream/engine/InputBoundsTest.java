package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.orderBuilder;
import static io.hedgestream.engine.Samples.tick;
import static io.hedgestream.engine.Samples.tickBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantic bounds of {@code engine.input.*}: each absurd but schema-valid record is dead-lettered with
 * its code and the setting it broke, makes no order, and leaves the book and the symbol's clock as they
 * were, so the next valid record decides as if it had never come.
 */
class InputBoundsTest {

  private static final Instant YEAR_2200 = Instant.parse("2200-01-01T00:00:00Z");

  private EngineDriver engine;

  @BeforeEach
  void start() {
    engine = EngineDriver.create("engine.decision.interval", "PT1M");
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  static Stream<Arguments> absurdTicks() {
    return Stream.of(
        absurdTick("price 1e300", t -> t.setBid(1e300).setAsk(1e300).setLast(1e300), "PRICE_OUT_OF_RANGE",
            "max-price"),
        absurdTick("price 1e-300", t -> t.setBid(1e-300).setAsk(1e-300).setLast(1e-300), "PRICE_OUT_OF_RANGE",
            "min-price"),
        absurdTick("vol 1e6", t -> t.setAtmImpliedVol(1e6), "VOL_OUT_OF_RANGE", "max-vol"),
        absurdTick("rate 1e6", t -> t.setRate(1e6), "RATE_OUT_OF_RANGE", "max-abs-rate"),
        absurdTick("dividend yield -5", t -> t.setDividendYield(-5), "RATE_OUT_OF_RANGE", "max-abs-rate"),
        absurdTick("last outside bid/ask", t -> t.setLast(150), "PRICE_OUT_OF_RANGE", "last-band"),
        absurdTick("negative volume", t -> t.setVolume(-1), "INVALID_VOLUME", "volume"),
        absurdTick("spread of 80%", t -> t.setBid(70).setAsk(130), "PRICE_OUT_OF_RANGE", "max-spread"),
        absurdTick("mid jump x3", t -> t.setBid(299.99).setAsk(300.01).setLast(300), "PRICE_JUMP", "max-price-jump"),
        absurdTick("year 2200", t -> t.setEventTimeMicros(YEAR_2200), "EVENT_TIME_OUT_OF_RANGE", "max-event-time"),
        absurdTick("a week ahead", t -> t.setEventTimeMicros(T0.plus(Duration.ofDays(8))), "EVENT_TIME_OUT_OF_RANGE",
            "max-event-lead"),
        absurdTick("before the floor", t -> t.setEventTimeMicros(Instant.parse("1970-01-02T00:00:00Z")),
            "EVENT_TIME_OUT_OF_RANGE", "min-event-time"));
  }

  private static Arguments absurdTick(String name, UnaryOperator<MarketTick.Builder> change, String code,
      String setting) {
    return Arguments.of(name, change, code, setting);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("absurdTicks")
  void shouldDeadLetterAnAbsurdTickAndDecideTheNextGoodOne(String name, UnaryOperator<MarketTick.Builder> change,
      String code, String setting) {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
    List<HedgeOrder> first = engine.drainOrders();
    assertThat(first).hasSize(1);
    engine.drainPnl();

    engine.tick(change.apply(tickBuilder(SPY, minutes(1), 100)).build());
    assertDeadLetter(Topics.MD_TICKS, code, setting);
    assertThat(engine.drainOrders()).as("no order from an absurd tick").isEmpty();
    assertThat(engine.drainPnl()).as("no step at an absurd tick").isEmpty();

    engine.tick(tick(minutes(2), 101));
    assertThat(engine.drainPnl()).as("the next good tick decides").hasSize(1);
  }

  @Test
  void shouldNeverLetAFarFutureTickStallItsSymbol() {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
    engine.drainOrders();
    engine.drainPnl();
    engine.tick(tick(T0.plus(Duration.ofDays(30)), 100));
    engine.tick(tickBuilder(SPY, T0.plusSeconds(1), 100)
        .setEventTimeMicros(Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000 - 1)).build());
    List<DeadLetter> dead = engine.deadLetters(Topics.MD_TICKS).readValuesToList();
    assertThat(dead).extracting(DeadLetter::getErrorType).containsOnly("EVENT_TIME_OUT_OF_RANGE");
    assertThat(dead).extracting(DeadLetter::getError)
        .anySatisfy(reason -> assertThat(reason).contains("max-event-lead"))
        .anySatisfy(reason -> assertThat(reason).contains("max-event-time"));
    engine.tick(tick(minutes(2), 101));
    assertThat(engine.drainPnl()).as("later valid ticks of the symbol still decide").hasSize(1);
  }

  @Test
  void shouldRefuseATickAheadOfTheWallClockInLiveMode() {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    EngineDriver live = EngineDriver.create("engine.decision.interval", "PT1M",
        "engine.input.wall-clock-lead", "PT5M");
    try {
      live.tick(tick(now, 100));
      live.tick(tick(now.plus(Duration.ofHours(1)), 100));
      List<DeadLetter> dead = live.deadLetters(Topics.MD_TICKS).readValuesToList();
      assertThat(dead).singleElement().satisfies(letter -> {
        assertThat(letter.getErrorType()).isEqualTo("EVENT_TIME_OUT_OF_RANGE");
        assertThat(letter.getError()).contains("wall-clock-lead");
      });
    } finally {
      live.close();
    }
  }

  static Stream<Arguments> absurdClientOrders() {
    return Stream.of(
        absurdOrder("quantity 1e12", o -> o.setQuantity(1e12), "QUANTITY_OUT_OF_RANGE", "max-client-contracts"),
        absurdOrder("quantity -1e12", o -> o.setQuantity(-1e12), "QUANTITY_OUT_OF_RANGE", "max-client-contracts"),
        absurdOrder("multiplier 1e9", o -> o.setOption(option(100, T0.plus(Duration.ofDays(30)), 1e9)),
            "MULTIPLIER_OUT_OF_RANGE", "max-multiplier"),
        absurdOrder("premium 1e15", o -> o.setPremium(1e15), "PREMIUM_OUT_OF_RANGE", "premium-tolerance"),
        absurdOrder("expiry in year 9999", o -> o.setOption(option(100, Instant.parse("9999-01-01T00:00:00Z"), 100)),
            "EXPIRY_OUT_OF_RANGE", "max-expiry-horizon"),
        absurdOrder("order time in 2200", o -> o.setEventTimeMicros(YEAR_2200), "EVENT_TIME_OUT_OF_RANGE",
            "max-event-time"),
        absurdOrder("order time a week after the market", o -> o.setEventTimeMicros(T0.plus(Duration.ofDays(8))),
            "EVENT_TIME_OUT_OF_RANGE", "max-event-lead"),
        absurdOrder("strike 1e6", o -> o.setOption(option(1e6, T0.plus(Duration.ofDays(30)), 100)),
            "STRIKE_OUT_OF_RANGE", "strike-range"),
        absurdOrder("strike 1e-6", o -> o.setOption(option(1e-6, T0.plus(Duration.ofDays(30)), 100)),
            "STRIKE_OUT_OF_RANGE", "strike-range"));
  }

  private static Arguments absurdOrder(String name, UnaryOperator<ClientOrder.Builder> change, String code,
      String setting) {
    return Arguments.of(name, change, code, setting);
  }

  private static OptionSpec option(double strike, Instant expiry, double multiplier) {
    return new OptionSpec(OptionType.CALL, strike, expiry, multiplier);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("absurdClientOrders")
  void shouldDeadLetterAnAbsurdClientOrderAndBookNothing(String name, UnaryOperator<ClientOrder.Builder> change,
      String code, String setting) {
    engine.tick(tick(T0, 100));
    engine.order(change.apply(orderBuilder("absurd", OptionType.CALL, 100, 10, T0)).build());
    assertDeadLetter(Topics.ORDERS_CLIENT, code, setting);
    assertThat(engine.drainOrders()).as("no hedge order from an absurd client order").isEmpty();
    assertThat(engine.drainPnl()).as("the book was never opened").isEmpty();
  }

  @Test
  void shouldCheckAnOrderThatArrivesBeforeAnyTickAtTheFirstTick() {
    engine.order(orderBuilder("absurd", OptionType.CALL, 1e6, 10, T0).build());
    engine.order(clientBuysCalls("good", 10, T0));
    assertThat(engine.deadLetters(Topics.ORDERS_CLIENT).readValuesToList()).as("nothing to check against yet")
        .isEmpty();

    engine.tick(tick(T0, 100));
    assertDeadLetter(Topics.ORDERS_CLIENT, "STRIKE_OUT_OF_RANGE", "strike-range");
    List<HedgeOrder> orders = engine.drainOrders();
    assertThat(orders).as("only the good order is hedged").hasSize(1);
    assertThat(orders.get(0).getQuantity()).isEqualTo(hedgeOfTenCalls());
  }

  /**
   * An order stamped after the latest tick is priced at the market of its own time: an ATM call at 110 for
   * 2.50 is fair once the spot is 110, but worth 0.12 at the previous tick's 100 (further from it than the
   * premium tolerance). It waits for the tick of its time and is checked and booked there.
   */
  @Test
  void shouldCheckAnOrderStampedAfterTheLatestTickAtTheMarketOfItsTime() {
    engine.tick(tick(T0, 100));
    engine.order(orderBuilder("fair-at-110", OptionType.CALL, 110, 10, minutes(1)).build());
    engine.order(orderBuilder("absurd-at-110", OptionType.CALL, 110, 10, minutes(1)).setPremium(25).build());
    assertThat(engine.deadLetters(Topics.ORDERS_CLIENT).readValuesToList()).as("its market is yet to come")
        .isEmpty();
    assertThat(engine.drainOrders()).as("nothing decided at an older market").isEmpty();

    engine.tick(tick(minutes(1), 110));
    assertDeadLetter(Topics.ORDERS_CLIENT, "PREMIUM_OUT_OF_RANGE", "premium-tolerance");
    List<HedgeOrder> orders = engine.drainOrders();
    assertThat(orders).as("the fair order is booked and hedged at the tick of its time").hasSize(1);
    assertThat(orders.get(0).getEventTimeMicros()).isEqualTo(minutes(1));
  }

  @Test
  void shouldDeadLetterAnOverfillAndKeepTheHoldingUnchanged() {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
    HedgeOrder order = engine.drainOrders().get(0);
    engine.fill(fillOf(order, "over", order.getQuantity() * 1e6, 100, 0));
    assertDeadLetter(Topics.FILLS_HEDGE, "OVERFILL", "left of order");
    engine.fill(fillOf(order, "good", order.getQuantity(), 100, 0));
    engine.tick(tick(minutes(1), 100));
    assertThat(engine.drainPnl()).last()
        .satisfies(pnl -> assertThat(pnl.getPositions()).containsEntry(SPY, order.getQuantity()));
  }

  @Test
  void shouldDeadLetterAFillAtAnAbsurdPriceOrFee() {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
    HedgeOrder order = engine.drainOrders().get(0);
    engine.fill(fillOf(order, "price", order.getQuantity(), 1e6, 0));
    assertDeadLetter(Topics.FILLS_HEDGE, "FILL_PRICE_OUT_OF_RANGE", "fill-price-tolerance");
    engine.fill(fillOf(order, "fee", order.getQuantity(), 100, 1e9));
    assertDeadLetter(Topics.FILLS_HEDGE, "FEE_OUT_OF_RANGE", "max-fee-fraction");
  }

  @Test
  void shouldAcceptTheDailyGapsOfHistoricalData() {
    EngineDriver daily = EngineDriver.create("engine.decision.interval", "PT1S");
    try {
      daily.tick(tick(T0, 100));
      daily.order(clientBuysCalls("c1", 10, T0));
      daily.tick(tick(T0.plus(Duration.ofDays(5)), 103));
      assertThat(daily.deadLetters(Topics.MD_TICKS).readValuesToList()).as("a 5-day market closure").isEmpty();
      assertThat(daily.drainPnl()).hasSize(2);
    } finally {
      daily.close();
    }
  }

  /** The whole-share delta hedge of the desk's short 10 calls at 100 (test defaults). */
  private double hedgeOfTenCalls() {
    EngineDriver reference = EngineDriver.create("engine.decision.interval", "PT1M");
    try {
      reference.tick(tick(T0, 100));
      reference.order(clientBuysCalls("good", 10, T0));
      return reference.drainOrders().get(0).getQuantity();
    } finally {
      reference.close();
    }
  }

  private void assertDeadLetter(Topic<String, ?> source, String code, String reasonFragment) {
    List<DeadLetter> dead = engine.deadLetters(source).readValuesToList();
    assertThat(dead).as("dead letters on %s.dlq", source.name()).hasSize(1);
    assertThat(dead.get(0).getErrorType()).isEqualTo(code);
    assertThat(dead.get(0).getError()).contains(reasonFragment);
  }
}
