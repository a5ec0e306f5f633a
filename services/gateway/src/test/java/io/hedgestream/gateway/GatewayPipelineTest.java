package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.Side;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class GatewayPipelineTest {

  private static final String ORDERS = Topics.ORDERS_HEDGE.name();
  private static final String TICKS = Topics.MD_TICKS.name();
  private static final String ORDERS_DLQ = Topics.deadLetterOf(Topics.ORDERS_HEDGE).name();

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final Outbox outbox = new Outbox(() -> { });
  private final GatewayCounters counters = new GatewayCounters();
  private final GatewayPipeline pipeline = new GatewayPipeline(1_000, outbox, counters,
      listener -> new PaperExchange(new PaperExchangeConfig(1.0, 0, 0, 10), listener));
  private long offset;

  @Test
  void fillsAValidOrderKeyedBySymbol() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("o1", "ACME", Side.SELL, 40)));
    List<ProducerRecord<byte[], byte[]>> fills = sentTo(Topics.FILLS_HEDGE.name());
    assertThat(fills).hasSize(1);
    assertThat(new String(fills.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("ACME");
    Fill fill = decode(Topics.FILLS_HEDGE, fills.get(0).value());
    assertThat(fill.getPrice()).isEqualTo(99);
    assertThat(counters.ordersAccepted()).isEqualTo(1);
  }

  @Test
  void aDuplicateOrderIdIsFilledOnce() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    HedgeOrder order = TestRecords.order("dup", "ACME", Side.BUY, 10);
    pipeline.accept(orderRecord("ACME", order));
    pipeline.accept(orderRecord("ACME", order));
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).hasSize(1);
    assertThat(counters.duplicateOrders()).isEqualTo(1);
    assertThat(sentTo(ORDERS_DLQ)).isEmpty();
    assertThat(committedPosition(ORDERS)).isEqualTo(3);
  }

  @Test
  void shouldDeadLetterGarbageAsUndecodable() {
    pipeline.accept(raw(ORDERS, "ACME", new byte[] {1, 2, 3}));
    assertThat(deadLetterCodes()).containsExactly(Rejection.UNDECODABLE);
    DeadLetter letter = decode(Topics.deadLetterOf(Topics.ORDERS_HEDGE), sentTo(ORDERS_DLQ).get(0).value());
    assertThat(letter.getValue().array()).containsExactly(1, 2, 3);
    assertThat(letter.getSourceTopic()).isEqualTo(ORDERS);
    assertThat(letter.getService()).isEqualTo("gateway");
  }

  @Test
  void shouldDeadLetterAnUnknownSchemaFingerprint() {
    byte[] bytes = encode(Topics.ORDERS_HEDGE, TestRecords.order("o", "ACME", Side.BUY, 1));
    bytes[5] ^= 0x5A; // inside the 8-byte fingerprint that follows the 2-byte single-object marker
    pipeline.accept(raw(ORDERS, "ACME", bytes));
    assertThat(deadLetterCodes()).containsExactly(Rejection.UNKNOWN_SCHEMA);
  }

  @Test
  void shouldDeadLetterTombstones() {
    pipeline.accept(raw(ORDERS, "ACME", null));
    assertThat(deadLetterCodes()).containsExactly(Rejection.UNDECODABLE);
  }

  @Test
  void shouldDeadLetterNaNZeroAndNegativeQuantities() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("nan", "ACME", Side.BUY, Double.NaN)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("zero", "ACME", Side.BUY, 0)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("neg", "ACME", Side.BUY, -5)));
    assertThat(deadLetterCodes()).containsOnly(Rejection.INVALID_QUANTITY).hasSize(3);
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).isEmpty();
    assertThat(counters.ordersRejected()).isEqualTo(3);
  }

  @Test
  void shouldFillAListedOptionOrder() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", TestRecords.optionOrder("opt", "ACME")));
    assertThat(deadLetterCodes()).isEmpty();
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).hasSize(1);
  }

  @Test
  void shouldDeadLetterAnOptionOrderWithBadTerms() {
    HedgeOrder order = TestRecords.optionOrder("opt", "ACME");
    order.getOption().setStrike(-1);
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", order));
    assertThat(deadLetterCodes()).containsExactly(Rejection.INVALID_OPTION);
  }

  @Test
  void shouldDeadLetterAnOrderWhoseKeyIsNotItsSymbol() {
    pipeline.accept(orderRecord("OTHER", TestRecords.order("k", "ACME", Side.BUY, 1)));
    assertThat(deadLetterCodes()).containsExactly(Rejection.INVALID_ORDER);
  }

  @Test
  void shouldDeadLetterCrossedAndUndecodableTicksToTheTickDlq() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 101, 99)));
    pipeline.accept(tickRecord(TestRecords.tick("ACME", Double.NaN, 99)));
    pipeline.accept(raw(TICKS, "ACME", new byte[] {9}));
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(Topics.MD_TICKS);
    assertThat(sentTo(dlq.name())).extracting(r -> decode(dlq, r.value()).getErrorType())
        .containsExactly(Rejection.CROSSED_QUOTE, Rejection.INVALID_PRICE, Rejection.UNDECODABLE);
    assertThat(counters.ticksRejected()).isEqualTo(3);
  }

  @Test
  void anOrderIsHandledOnlyOnceItsFillIsInTheTransaction() {
    Outbox pending = new Outbox(() -> { });
    GatewayPipeline slow = new GatewayPipeline(10, pending, counters,
        listener -> new PaperExchange(new PaperExchangeConfig(0, 0, 0, 10), listener));
    slow.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    ConsumerRecord<byte[], byte[]> order = orderRecord("ACME", TestRecords.order("o", "ACME", Side.BUY, 1));
    slow.accept(order);
    TopicPartition partition = new TopicPartition(ORDERS, 0);
    assertThat(slow.committable().get(partition).offset()).isEqualTo(order.offset());
    assertThat(pending.drainTo(producer).fills()).as("fills sent into the transaction").isEqualTo(1);
    assertThat(slow.committable().get(partition).offset()).isEqualTo(order.offset() + 1);
  }

  @Test
  void allPartialFillsOfAnExecutionGoOutTogether() {
    Outbox pending = new Outbox(() -> { });
    GatewayPipeline split = new GatewayPipeline(10, pending, counters,
        listener -> new PaperExchange(new PaperExchangeConfig(0, 0, 4, 10), listener));
    split.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    split.accept(orderRecord("ACME", TestRecords.order("big", "ACME", Side.BUY, 10)));
    assertThat(pending.drainTo(producer).fills()).as("one execution, three fills").isEqualTo(3);
    assertThat(pending.isEmpty()).isTrue();
  }

  @Test
  void everyFillIsFollowedByTheStatusItLeadsToInOneGroup() {
    Outbox pending = new Outbox(() -> { });
    GatewayPipeline split = new GatewayPipeline(10, pending, counters,
        listener -> new PaperExchange(new PaperExchangeConfig(0, 0, 4, 10), listener));
    split.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    split.accept(orderRecord("ACME", TestRecords.order("big", "ACME", Side.BUY, 10)));
    pending.drainTo(producer);
    List<String> topics = producer.history().stream().map(ProducerRecord::topic).toList();
    String fills = Topics.FILLS_HEDGE.name();
    String statuses = Topics.ORDERS_STATUS.name();
    assertThat(topics).containsExactly(statuses, fills, statuses, fills, statuses, fills, statuses);
    List<OrderStatus> life = statuses();
    assertThat(life).extracting(OrderStatus::getStatus).containsExactly(OrderState.NEW,
        OrderState.PARTIALLY_FILLED, OrderState.PARTIALLY_FILLED, OrderState.FILLED);
    assertThat(life).extracting(OrderStatus::getCumulativeQuantity).containsExactly(0.0, 4.0, 8.0, 10.0);
    assertThat(life).extracting(OrderStatus::getLeavesQuantity).containsExactly(10.0, 6.0, 2.0, 0.0);
    assertThat(life.get(3).getAveragePrice()).isEqualTo(101);
    assertThat(life).allSatisfy(status -> {
      assertThat(status.getOrderId()).isEqualTo("big");
      assertThat(status.getVenue()).isEqualTo("paper");
    });
    assertThat(producer.history()).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
        .isEqualTo("ACME"));
  }

  @Test
  void aRouteRefusalIsReportedRejectedWithItsDeadLetter() {
    HedgeOrder order = TestRecords.optionOrder("opt", "ACME");
    order.getOption().setStrike(-1);
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", order));
    assertThat(deadLetterCodes()).containsExactly(Rejection.INVALID_OPTION);
    assertThat(statuses()).singleElement().satisfies(status -> {
      assertThat(status.getStatus()).isEqualTo(OrderState.REJECTED);
      assertThat(status.getReasonCode()).isEqualTo(Rejection.INVALID_OPTION);
      assertThat(status.getReasonText()).contains("strike");
      assertThat(status.getLeavesQuantity()).isZero();
    });
  }

  @Test
  void aLateRejectionIsReportedRejected() {
    Outbox pending = new Outbox(() -> { });
    GatewayPipeline replay = new GatewayPipeline(10, pending, counters,
        listener -> new PaperExchange(PaperExchangeConfig.orderTime(0), listener));
    replay.accept(tickRecord(TestRecords.tick("SPY", 100, 100, TestRecords.T0.plusSeconds(60))));
    HedgeOrder old = TestRecords.order("old", "SPY", Side.BUY, 1);
    old.setEventTimeMicros(TestRecords.T0);
    replay.accept(orderRecord("SPY", old));
    pending.drainTo(producer);
    assertThat(statuses()).extracting(OrderStatus::getStatus, OrderStatus::getReasonCode)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OrderState.REJECTED, Rejection.NO_MARKET));
    assertThat(statuses().get(0).getEventTimeMicros()).as("the order's time, not the wall clock")
        .isEqualTo(TestRecords.T0);
  }

  @Test
  void anInvalidOrDuplicateOrderGetsNoStatus() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("neg", "ACME", Side.BUY, -5)));
    HedgeOrder order = TestRecords.order("dup", "ACME", Side.BUY, 10);
    pipeline.accept(orderRecord("ACME", order));
    pipeline.accept(orderRecord("ACME", order));
    assertThat(statuses()).extracting(OrderStatus::getOrderId).containsExactly("dup", "dup");
    assertThat(statuses()).extracting(OrderStatus::getStatus).containsExactly(OrderState.NEW, OrderState.FILLED);
  }

  @Test
  void anOrderBreakingAPreTradeLimitIsReportedRejectedWithTheLimitsCode() {
    io.hedgestream.gateway.risk.PreTradeRisk risk = new io.hedgestream.gateway.risk.PreTradeRisk(
        io.hedgestream.gateway.risk.PreTradeLimits.defaults());
    GatewayPipeline checked = new GatewayPipeline(10, outbox, counters, listener ->
        new io.hedgestream.gateway.risk.RiskCheckedRoute(risk, listener,
            new PaperExchange(new PaperExchangeConfig(1.0, 0, 0, 10), listener)));
    checked.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    checked.accept(orderRecord("ACME", TestRecords.order("huge", "ACME", Side.BUY, 100_001)));
    checked.accept(orderRecord("ACME", TestRecords.order("fine", "ACME", Side.BUY, 100)));
    assertThat(deadLetterCodes()).containsExactly(io.hedgestream.gateway.risk.RiskCode.ORDER_QUANTITY);
    assertThat(statuses()).extracting(OrderStatus::getOrderId, OrderStatus::getStatus, OrderStatus::getReasonCode)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("huge", OrderState.REJECTED, "RISK_ORDER_QUANTITY"),
            org.assertj.core.groups.Tuple.tuple("fine", OrderState.NEW, null),
            org.assertj.core.groups.Tuple.tuple("fine", OrderState.FILLED, null));
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).extracting(r -> decode(Topics.FILLS_HEDGE, r.value()).getOrderId())
        .containsExactly("fine");
  }

  @Test
  void anOrderWaitingPastTheTimeoutExpiresAndIsHandled() {
    pipeline.accept(orderRecord("ACME", TestRecords.order("waits", "ACME", Side.BUY, 10)));
    assertThat(pipeline.expireWaiting(java.time.Duration.ofMinutes(1))).as("not yet").isZero();
    assertThat(committedPosition(ORDERS)).as("in flight").isZero();
    assertThat(pipeline.expireWaiting(java.time.Duration.ZERO)).isEqualTo(1);
    assertThat(statuses()).extracting(OrderStatus::getStatus, OrderStatus::getReasonCode).containsExactly(
        org.assertj.core.groups.Tuple.tuple(OrderState.NEW, null),
        org.assertj.core.groups.Tuple.tuple(OrderState.EXPIRED, GatewayPipeline.ORDER_TIMEOUT));
    assertThat(committedPosition(ORDERS)).as("handled").isEqualTo(1);
    assertThat(sentTo(ORDERS_DLQ)).isEmpty();
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).as("an expired order never fills").isEmpty();
    assertThat(pipeline.openOrders()).isZero();
  }

  @Test
  void aHaltCancelsTheHeldOrdersOfItsSymbolOnly() {
    pipeline.accept(orderRecord("ACME", TestRecords.order("acme", "ACME", Side.BUY, 10)));
    pipeline.accept(orderRecord("OTHER", TestRecords.order("other", "OTHER", Side.BUY, 10)));
    assertThat(pipeline.cancelWaiting("ACME")).isEqualTo(1);
    assertThat(statuses()).filteredOn(status -> status.getStatus() == OrderState.CANCELED)
        .extracting(OrderStatus::getOrderId, OrderStatus::getReasonCode)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acme", GatewayPipeline.HALTED));
    assertThat(pipeline.openOrders()).as("OTHER still waits").isEqualTo(1);
    assertThat(pipeline.cancelWaiting("*")).isEqualTo(1);
    assertThat(committedPosition(ORDERS)).as("both handled").isEqualTo(2);
  }

  private List<OrderStatus> statuses() {
    return sentTo(Topics.ORDERS_STATUS.name()).stream().map(r -> decode(Topics.ORDERS_STATUS, r.value())).toList();
  }

  @Test
  void theLatestQuoteOfASymbolStaysInFlightUntilANewerOneReplacesIt() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(tickRecord(TestRecords.tick("OTHER", 9, 11)));
    assertThat(committedPosition(TICKS)).as("both quotes may still be filled at").isZero();
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 100, 102)));
    assertThat(committedPosition(TICKS)).as("ACME's first quote is replaced; OTHER's is still needed").isEqualTo(1);
    assertThat(pipeline.committable().get(new TopicPartition(TICKS, 0)).metadata())
        .as("the newer ACME quote above the position is in flight too").isEqualTo("v1 next=3 inflight=1");
  }

  @Test
  void orderTimeFillsKeepOnlyTheQuoteInForceAtTheLatestOrder() {
    Outbox pending = new Outbox(() -> { });
    GatewayPipeline replay = new GatewayPipeline(10, pending, counters,
        listener -> new PaperExchange(PaperExchangeConfig.orderTime(0), listener));
    replay.accept(tickRecord(TestRecords.tick("SPY", 100, 100, TestRecords.T0)));
    replay.accept(tickRecord(TestRecords.tick("SPY", 101, 101, TestRecords.T0.plusSeconds(60))));
    replay.accept(tickRecord(TestRecords.tick("SPY", 102, 102, TestRecords.T0.plusSeconds(120))));
    TopicPartition ticks = new TopicPartition(TICKS, 0);
    assertThat(replay.committable().get(ticks).offset()).as("no order yet: every quote may be needed").isZero();
    HedgeOrder order = TestRecords.order("o", "SPY", Side.BUY, 1);
    order.setEventTimeMicros(TestRecords.T0.plusSeconds(60));
    replay.accept(orderRecord("SPY", order));
    pending.drainTo(producer);
    assertThat(replay.committable().get(ticks).offset()).as("quotes before the one in force at the order").isEqualTo(1);
    assertThat(decode(Topics.FILLS_HEDGE, sentTo(Topics.FILLS_HEDGE.name()).get(0).value()).getPrice()).isEqualTo(101);
  }

  @Test
  void aNewSessionSkipsWhatTheCommitSaysWasHandledAndRebuildsItsQuotes() {
    Outbox first = new Outbox(() -> { });
    GatewayPipeline before = new GatewayPipeline(10, first, counters,
        listener -> new PaperExchange(PaperExchangeConfig.orderTime(0), listener));
    List<ConsumerRecord<byte[], byte[]>> log = new java.util.ArrayList<>();
    log.add(tickRecord(TestRecords.tick("SPY", 100, 100, TestRecords.T0)));
    HedgeOrder waits = TestRecords.order("waits", "SPY", Side.BUY, 1);
    waits.setEventTimeMicros(TestRecords.T0.plusSeconds(60));
    log.add(orderRecord("SPY", waits));
    log.add(raw(TICKS, "SPY", new byte[] {7}));
    HedgeOrder filled = TestRecords.order("filled", "SPY", Side.BUY, 2);
    filled.setEventTimeMicros(TestRecords.T0);
    log.add(orderRecord("SPY", filled));
    log.forEach(before::accept);
    first.drainTo(producer);
    var committed = before.committable();
    assertThat(committed.get(new TopicPartition(ORDERS, 0)).offset()).as("the waiting order").isEqualTo(1);
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).hasSize(1);
    assertThat(sentTo(Topics.deadLetterOf(Topics.MD_TICKS).name())).hasSize(1);

    // The gateway dies; a new session re-reads from the committed positions.
    Outbox second = new Outbox(() -> { });
    GatewayPipeline after = new GatewayPipeline(10, second, counters,
        listener -> new PaperExchange(PaperExchangeConfig.orderTime(0), listener));
    committed.forEach(after::restore);
    log.stream().filter(r -> r.offset() >= committed.get(new TopicPartition(r.topic(), 0)).offset())
        .forEach(after::accept);
    after.accept(tickRecord(TestRecords.tick("SPY", 101, 101, TestRecords.T0.plusSeconds(60))));
    second.drainTo(producer);

    List<Fill> fills = sentTo(Topics.FILLS_HEDGE.name()).stream()
        .map(r -> decode(Topics.FILLS_HEDGE, r.value())).toList();
    assertThat(fills).extracting(Fill::getOrderId).as("each order filled once").containsExactly("filled", "waits");
    assertThat(sentTo(Topics.deadLetterOf(Topics.MD_TICKS).name())).as("the bad tick is not dead-lettered twice")
        .hasSize(1);
    assertThat(after.committable().get(new TopicPartition(ORDERS, 0)).offset()).isEqualTo(log.size());
  }

  private long committedPosition(String topic) {
    outbox.drainTo(producer);
    return pipeline.committable().get(new TopicPartition(topic, 0)).offset();
  }

  private List<String> deadLetterCodes() {
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(Topics.ORDERS_HEDGE);
    return sentTo(dlq.name()).stream().map(r -> decode(dlq, r.value()).getErrorType()).toList();
  }

  private List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
    outbox.drainTo(producer);
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private ConsumerRecord<byte[], byte[]> tickRecord(MarketTick tick) {
    return raw(TICKS, tick.getSymbol(), encode(Topics.MD_TICKS, tick));
  }

  private ConsumerRecord<byte[], byte[]> orderRecord(String key, HedgeOrder order) {
    return raw(ORDERS, key, encode(Topics.ORDERS_HEDGE, order));
  }

  private ConsumerRecord<byte[], byte[]> raw(String topic, String key, byte[] value) {
    return new ConsumerRecord<>(topic, 0, offset++, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static <V> byte[] encode(Topic<?, V> topic, V value) {
    return topic.valueSerde().serializer().serialize(topic.name(), value);
  }

  private static <V> V decode(Topic<?, V> topic, byte[] bytes) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
  }
}
