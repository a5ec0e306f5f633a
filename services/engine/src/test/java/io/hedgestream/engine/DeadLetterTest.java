package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.avro.Side;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reason a record is dead-lettered: the dead letter carries the source coordinates, the exact key
 * and value bytes and the stable code, and the next good record is processed as usual.
 */
class DeadLetterTest {

  private EngineDriver engine;
  private final Map<String, Long> offsets = new java.util.HashMap<>();

  @BeforeEach
  void start() {
    engine = EngineDriver.create("engine.decision.interval", "PT1M");
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private <V> void send(Topic<String, V> topic, String key, byte[] value) {
    engine.raw(topic).pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    offsets.merge(topic.name(), 1L, Long::sum);
  }

  private <V> byte[] send(Topic<String, V> topic, String key, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    send(topic, key, bytes);
    return bytes;
  }

  private void assertDeadLetter(Topic<String, ?> source, String key, byte[] value, String code) {
    var records = engine.deadLetters(source).readRecordsToList();
    assertThat(records).as("dead letters on %s.dlq", source.name()).hasSize(1);
    DeadLetter dead = records.get(0).value();
    assertThat(records.get(0).key()).isEqualTo(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
    assertThat(dead.getSourceTopic()).isEqualTo(source.name());
    assertThat(dead.getPartition()).isZero();
    assertThat(dead.getOffset()).isEqualTo(offsets.get(source.name()) - 1);
    assertThat(bytes(dead.getKey())).isEqualTo(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(dead.getValue())).isEqualTo(value);
    assertThat(dead.getErrorType()).isEqualTo(code);
    assertThat(dead.getError()).isNotBlank();
    assertThat(dead.getService()).isEqualTo("engine");
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return copy;
  }

  /** A client order waiting for the first market: a good tick then makes exactly one hedge order. */
  private void orderWaitingForAMarket() {
    send(Topics.ORDERS_CLIENT, SPY, clientBuysCalls("c1", 10, T0));
  }

  private void goodTickStillHedges() {
    send(Topics.MD_TICKS, SPY, tick(minutes(1), 100));
    assertThat(engine.drainOrders()).as("the next good tick is processed").hasSize(1);
  }

  private void goodOrderStillHedges() {
    send(Topics.MD_TICKS, SPY, tick(T0, 100));
    send(Topics.ORDERS_CLIENT, SPY, clientBuysCalls("good", 10, T0));
    assertThat(engine.drainOrders()).as("the next good order is processed").hasSize(1);
  }

  private HedgeOrder pendingHedge() {
    send(Topics.MD_TICKS, SPY, tick(T0, 100));
    send(Topics.ORDERS_CLIENT, SPY, clientBuysCalls("c1", 10, T0));
    return engine.drainOrders().get(0);
  }

  private void goodFillStillBooks(HedgeOrder order) {
    send(Topics.FILLS_HEDGE, SPY, fillOf(order, "good-fill", order.getQuantity(), 100, 0));
    send(Topics.MD_TICKS, SPY, tick(minutes(1), 100));
    assertThat(engine.drainPnl()).last()
        .satisfies(pnl -> assertThat(pnl.getPositions()).containsEntry(SPY, order.getQuantity()));
  }

  // ---- md.ticks -------------------------------------------------------------------------------------

  @Test
  void garbageTickBytesAreUndecodable() {
    orderWaitingForAMarket();
    byte[] garbage = {1, 2, 3, 4, 5};
    send(Topics.MD_TICKS, SPY, garbage);
    assertDeadLetter(Topics.MD_TICKS, SPY, garbage, "UNDECODABLE");
    goodTickStillHedges();
  }

  @Test
  void unknownSchemaFingerprintIsRejected() {
    orderWaitingForAMarket();
    ByteBuffer unknown = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
    unknown.put((byte) 0xC3).put((byte) 0x01).putLong(0x1234_5678_9abc_def0L).putInt(42);
    send(Topics.MD_TICKS, SPY, unknown.array());
    assertDeadLetter(Topics.MD_TICKS, SPY, unknown.array(), "UNKNOWN_SCHEMA");
    goodTickStillHedges();
  }

  static Stream<MarketTick> invalidPrices() {
    return Stream.of(
        Samples.tickBuilder(SPY, T0, 100).setBid(Double.NaN).build(),
        Samples.tickBuilder(SPY, T0, 100).setAsk(Double.POSITIVE_INFINITY).build(),
        Samples.tickBuilder(SPY, T0, 100).setLast(0).build(),
        Samples.tickBuilder(SPY, T0, 100).setBid(-1).build(),
        Samples.tickBuilder(SPY, T0, 100).setAtmImpliedVol(0).build(),
        Samples.tickBuilder(SPY, T0, 100).setAtmImpliedVol(Double.NaN).build(),
        Samples.tickBuilder(SPY, T0, 100).setRate(Double.NaN).build(),
        Samples.tickBuilder(SPY, T0, 100).setSabr(new SabrParams(0.3, 1.0, 1.5, 0.8)).build());
  }

  @ParameterizedTest
  @MethodSource("invalidPrices")
  void unusablePricesAndVolsAreInvalidPrice(MarketTick bad) {
    orderWaitingForAMarket();
    byte[] value = send(Topics.MD_TICKS, SPY, bad);
    assertDeadLetter(Topics.MD_TICKS, SPY, value, "INVALID_PRICE");
    goodTickStillHedges();
  }

  @Test
  void bidAboveAskIsACrossedQuote() {
    orderWaitingForAMarket();
    byte[] value = send(Topics.MD_TICKS, SPY, Samples.tickBuilder(SPY, T0, 100).setBid(101).setAsk(100).build());
    assertDeadLetter(Topics.MD_TICKS, SPY, value, "CROSSED_QUOTE");
    goodTickStillHedges();
  }

  @Test
  void tickKeyedByAnotherSymbolIsAKeyMismatch() {
    orderWaitingForAMarket();
    byte[] value = send(Topics.MD_TICKS, "QQQ", tick(T0, 100));
    assertDeadLetter(Topics.MD_TICKS, "QQQ", value, "KEY_MISMATCH");
    goodTickStillHedges();
  }

  @Test
  void tickOlderThanTheLatestIsOutOfOrder() {
    send(Topics.MD_TICKS, SPY, tick(minutes(5), 100));
    byte[] value = send(Topics.MD_TICKS, SPY, tick(minutes(4), 100));
    assertDeadLetter(Topics.MD_TICKS, SPY, value, "OUT_OF_ORDER");
    send(Topics.ORDERS_CLIENT, SPY, clientBuysCalls("c1", 10, minutes(5)));
    assertThat(engine.drainOrders()).hasSize(1);
  }

  // ---- orders.client --------------------------------------------------------------------------------

  @Test
  void optionExpiringBeforeTheOrderIsExpired() {
    ClientOrder expired = clientBuysCalls("late", 10, Samples.EXPIRY.plusSeconds(1));
    byte[] value = send(Topics.ORDERS_CLIENT, SPY, expired);
    assertDeadLetter(Topics.ORDERS_CLIENT, SPY, value, "EXPIRED_OPTION");
    goodOrderStillHedges();
  }

  @Test
  void nonPositiveStrikeOrMultiplierIsMalformed() {
    ClientOrder zeroStrike = Samples.orderBuilder("bad", OptionType.CALL, 0, 10, T0).build();
    byte[] value = send(Topics.ORDERS_CLIENT, SPY, zeroStrike);
    assertDeadLetter(Topics.ORDERS_CLIENT, SPY, value, "MALFORMED_OPTION");
    ClientOrder negativeMultiplier = Samples.orderBuilder("bad2", OptionType.CALL, 100, 10, T0)
        .setOption(new OptionSpec(OptionType.CALL, 100.0, Samples.EXPIRY, -100.0)).build();
    byte[] second = send(Topics.ORDERS_CLIENT, SPY, negativeMultiplier);
    assertDeadLetter(Topics.ORDERS_CLIENT, SPY, second, "MALFORMED_OPTION");
    goodOrderStillHedges();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {0.0, Double.NaN, Double.NEGATIVE_INFINITY})
  void zeroOrNonFiniteQuantityIsZeroQuantity(double quantity) {
    byte[] value = send(Topics.ORDERS_CLIENT, SPY, clientBuysCalls("zero", quantity, T0));
    assertDeadLetter(Topics.ORDERS_CLIENT, SPY, value, "ZERO_QUANTITY");
    goodOrderStillHedges();
  }

  @Test
  void negativePremiumIsInvalidPremium() {
    ClientOrder order = Samples.orderBuilder("neg", OptionType.CALL, 100, 10, T0).setPremium(-1).build();
    byte[] value = send(Topics.ORDERS_CLIENT, SPY, order);
    assertDeadLetter(Topics.ORDERS_CLIENT, SPY, value, "INVALID_PREMIUM");
    goodOrderStillHedges();
  }

  @Test
  void blankOrderIdIsMissingId() {
    byte[] value = send(Topics.ORDERS_CLIENT, SPY, clientBuysCalls(" ", 10, T0));
    assertDeadLetter(Topics.ORDERS_CLIENT, SPY, value, "MISSING_ID");
    goodOrderStillHedges();
  }

  @Test
  void orderWithoutKeyIsAKeyMismatch() {
    byte[] value = send(Topics.ORDERS_CLIENT, null, clientBuysCalls("nokey", 10, T0));
    assertDeadLetter(Topics.ORDERS_CLIENT, null, value, "KEY_MISMATCH");
    goodOrderStillHedges();
  }

  // ---- fills.hedge ----------------------------------------------------------------------------------

  @Test
  void fillForAnOrderNotPendingIsUnknownOrder() {
    HedgeOrder order = pendingHedge();
    byte[] value = send(Topics.FILLS_HEDGE, SPY, Samples.fill("no-such-order", Side.BUY, 10, 100));
    assertDeadLetter(Topics.FILLS_HEDGE, SPY, value, "UNKNOWN_ORDER");
    goodFillStillBooks(order);
  }

  @Test
  void fillOnTheWrongSideIsAFillMismatch() {
    HedgeOrder order = pendingHedge();
    Fill wrongSide = Fill.newBuilder(fillOf(order, "wrong", 10, 100, 0)).setSide(Side.SELL).build();
    byte[] value = send(Topics.FILLS_HEDGE, SPY, wrongSide);
    assertDeadLetter(Topics.FILLS_HEDGE, SPY, value, "FILL_MISMATCH");
    goodFillStillBooks(order);
  }

  @Test
  void negativeFillQuantityIsInvalidQuantity() {
    HedgeOrder order = pendingHedge();
    byte[] value = send(Topics.FILLS_HEDGE, SPY, fillOf(order, "neg", -5, 100, 0));
    assertDeadLetter(Topics.FILLS_HEDGE, SPY, value, "INVALID_QUANTITY");
    goodFillStillBooks(order);
  }

  @Test
  void zeroFillQuantityIsZeroQuantity() {
    HedgeOrder order = pendingHedge();
    byte[] value = send(Topics.FILLS_HEDGE, SPY, fillOf(order, "zero", 0, 100, 0));
    assertDeadLetter(Topics.FILLS_HEDGE, SPY, value, "ZERO_QUANTITY");
    goodFillStillBooks(order);
  }

  @Test
  void nonPositiveFillPriceIsInvalidPrice() {
    HedgeOrder order = pendingHedge();
    byte[] value = send(Topics.FILLS_HEDGE, SPY, fillOf(order, "free", 10, 0, 0));
    assertDeadLetter(Topics.FILLS_HEDGE, SPY, value, "INVALID_PRICE");
    goodFillStillBooks(order);
  }

  @Test
  void negativeOrNaNFeeIsInvalidFee() {
    HedgeOrder order = pendingHedge();
    byte[] value = send(Topics.FILLS_HEDGE, SPY, fillOf(order, "fee", 10, 100, Double.NaN));
    assertDeadLetter(Topics.FILLS_HEDGE, SPY, value, "INVALID_FEE");
    goodFillStillBooks(order);
  }

  // ---- policy.control -------------------------------------------------------------------------------

  @Test
  void unknownLimitIsAnInvalidCommand() {
    PolicyControl command = Samples.command("l1", ControlCommand.SET_LIMITS, Map.of("maxNotional", 5.0));
    byte[] value = send(Topics.POLICY_CONTROL, SPY, command);
    assertDeadLetter(Topics.POLICY_CONTROL, SPY, value, "INVALID_COMMAND");
    goodOrderStillHedges();
  }

  @Test
  void aTradingStateWithoutAStateIsAnInvalidCommandAndOneWithAStateChangesNothingInTheEngine() {
    PolicyControl bare = Samples.command("t1", ControlCommand.SET_TRADING_STATE, Map.of());
    byte[] value = send(Topics.POLICY_CONTROL, SPY, bare);
    assertDeadLetter(Topics.POLICY_CONTROL, SPY, value, "INVALID_COMMAND");
    PolicyControl halt = PolicyControl.newBuilder(Samples.command("t2", ControlCommand.SET_TRADING_STATE, Map.of()))
        .setTradingState(io.hedgestream.avro.TradingState.HALTED).build();
    send(Topics.POLICY_CONTROL, "*", halt);
    assertThat(engine.deadLetters(Topics.POLICY_CONTROL).readValuesToList()).as("accepted").isEmpty();
    goodOrderStillHedges();
  }

  @Test
  void garbageControlBytesAreUndecodable() {
    byte[] garbage = "kill everything".getBytes(StandardCharsets.UTF_8);
    send(Topics.POLICY_CONTROL, "*", garbage);
    assertDeadLetter(Topics.POLICY_CONTROL, "*", garbage, "UNDECODABLE");
    goodOrderStillHedges();
  }
}
