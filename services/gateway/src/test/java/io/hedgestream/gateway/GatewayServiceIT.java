package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.Side;
import io.hedgestream.avro.TradingState;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Publishes ticks and hedge orders to a real broker and reads back the gateway's fills and dead letters. */
@ExtendWith(KafkaFixture.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class GatewayServiceIT {

  private static final Topic<byte[], DeadLetter> ORDERS_DLQ = Topics.deadLetterOf(Topics.ORDERS_HEDGE);

  @Test
  @org.junit.jupiter.api.Order(1) // first: it counts every order record the gateway reads on the shared topics
  void fillsOrdersOnceDeadLettersInvalidOnesAndCommitsEverything() throws Exception {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(), ORDERS_DLQ.name()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String symbol = "GW" + run;
    HedgeOrder buy = TestRecords.order(run + "-buy", symbol, Side.BUY, 250);
    publish(List.of(
        record(Topics.ORDERS_HEDGE, symbol, buy),
        record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-sell", symbol, Side.SELL, 40)),
        record(Topics.ORDERS_HEDGE, symbol, buy),
        record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-nan", symbol, Side.BUY, Double.NaN)),
        record(Topics.MD_TICKS, symbol, TestRecords.tick(symbol, 99.5, 100.5))));

    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("gateway.group-id", "gateway-it-" + run);
    props.setProperty("gateway.paper.fee-bps", "2");
    props.setProperty("gateway.paper.latency-ms", "50");
    props.setProperty("gateway.paper.max-fill-quantity", "100");
    props.setProperty("gateway.commit-interval-ms", "100");
    GatewayConfig config = GatewayConfig.from(props);

    List<Fill> fills;
    List<DeadLetter> letters;
    List<OrderStatus> statuses;
    try (GatewayService gateway = GatewayService.start(config)) {
      fills = read(Topics.FILLS_HEDGE.name(), "fills-" + run, 4, symbol).stream()
          .map(r -> decode(Topics.FILLS_HEDGE, r.value())).toList();
      letters = read(ORDERS_DLQ.name(), "dlq-" + run, 1, symbol).stream()
          .map(r -> decode(ORDERS_DLQ, r.value())).toList();
      statuses = read(Topics.ORDERS_STATUS.name(), "status-" + run, 6, symbol).stream()
          .map(r -> decode(Topics.ORDERS_STATUS, r.value())).toList();
      assertThat(gateway.ordersReceived()).isEqualTo(4);
      assertThat(gateway.counters().duplicateOrders()).isEqualTo(1);
    }

    assertThat(fills).extracting(Fill::getFillId)
        .containsExactlyInAnyOrder(run + "-buy-1", run + "-buy-2", run + "-buy-3", run + "-sell-1");
    assertThat(fills.stream().filter(f -> f.getSide() == Side.BUY).mapToDouble(Fill::getQuantity).sum())
        .isEqualTo(250);
    for (Fill fill : fills) {
      double price = fill.getSide() == Side.BUY ? 100.5 : 99.5;
      assertThat(fill.getPrice()).isEqualTo(price);
      assertThat(fill.getFee()).isCloseTo(price * fill.getQuantity() * 2e-4, within(1e-9));
    }
    assertThat(letters).singleElement().satisfies(letter -> {
      assertThat(letter.getErrorType()).isEqualTo(Rejection.INVALID_QUANTITY);
      assertThat(letter.getSourceTopic()).isEqualTo(Topics.ORDERS_HEDGE.name());
    });
    assertThat(statuses.stream().filter(st -> st.getOrderId().equals(run + "-buy")))
        .extracting(OrderStatus::getStatus, OrderStatus::getCumulativeQuantity)
        .containsExactly(tuple(OrderState.NEW, 0.0), tuple(OrderState.PARTIALLY_FILLED, 100.0),
            tuple(OrderState.PARTIALLY_FILLED, 200.0), tuple(OrderState.FILLED, 250.0));
    assertThat(statuses.stream().filter(st -> st.getOrderId().equals(run + "-sell")))
        .extracting(OrderStatus::getStatus).containsExactly(OrderState.NEW, OrderState.FILLED);
    assertThat(statuses).as("no status for the invalid order").hasSize(6);
    assertThat(committed(config, Topics.ORDERS_HEDGE.name())).isEqualTo(endOffset(Topics.ORDERS_HEDGE.name()));
  }

  @Test
  void anOrderWhoseMarketNeverComesExpiresAfterTheTimeout() throws Exception {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(), ORDERS_DLQ.name()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String symbol = "NT" + run;
    publish(List.of(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-lonely", symbol, Side.BUY, 5))));
    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("gateway.group-id", "gateway-timeout-it-" + run);
    props.setProperty("gateway.order-timeout", "PT1S");
    GatewayConfig config = GatewayConfig.from(props);
    List<OrderStatus> statuses;
    try (GatewayService gateway = GatewayService.start(config)) {
      statuses = read(Topics.ORDERS_STATUS.name(), "status-" + run, 2, symbol).stream()
          .map(r -> decode(Topics.ORDERS_STATUS, r.value())).toList();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (committed(config, Topics.ORDERS_HEDGE.name()) < endOffset(Topics.ORDERS_HEDGE.name())
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    assertThat(statuses).extracting(OrderStatus::getStatus).containsExactly(OrderState.NEW, OrderState.EXPIRED);
    assertThat(statuses.get(1).getReasonCode()).isEqualTo("ORDER_TIMEOUT");
    assertThat(committed(config, Topics.ORDERS_HEDGE.name())).as("the expired order is handled")
        .isEqualTo(endOffset(Topics.ORDERS_HEDGE.name()));
  }

  /**
   * Position and Greek limits and REDUCING over the broker, against the engine's book reports on pnl.events:
   * an order that takes the book's delta beyond its limit is refused, a smaller one fills; under REDUCING only
   * an order that brings the book's delta closer to 0 goes out.
   */
  @Test
  void theBookReportsOnPnlEventsDriveTheDeltaLimitAndReducing() throws Exception {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(), Topics.FILLS_HEDGE.name(),
        Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(), Topics.PNL_EVENTS.name(), ORDERS_DLQ.name()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String symbol = "EX" + run;
    String book = symbol + "-book-1";
    java.time.Instant reportTime = TestRecords.T0;
    publish(List.of(record(Topics.MD_TICKS, symbol, TestRecords.tick(symbol, 99.5, 100.5)),
        record(Topics.PNL_EVENTS, symbol, io.hedgestream.gateway.risk.ExposureLimitsTest.report(symbol, book,
            reportTime, Map.of(), 500, 0))));
    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("gateway.group-id", "gateway-exposure-it-" + run);
    props.setProperty("gateway.risk.max-book-delta", "600");
    try (KafkaConsumer<byte[], byte[]> statuses = new KafkaConsumer<>(KafkaFixture.consumerProps("exposure-" + run));
        GatewayService gateway = GatewayService.start(GatewayConfig.from(props))) {
      statuses.subscribe(List.of(Topics.ORDERS_STATUS.name()));
      // One order at a time: awaitStatus drops what it polled after the status it waits for.
      publish(List.of(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-1", symbol, Side.BUY, 150))));
      assertThat(awaitStatus(statuses, symbol, run + "-1", OrderState.REJECTED).getReasonCode())
          .as("delta 500 + 150 > 600").isEqualTo("RISK_DELTA_LIMIT");
      publish(List.of(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-2", symbol, Side.BUY, 50))));
      awaitStatus(statuses, symbol, run + "-2", OrderState.FILLED);
      try {
        publish(List.of(trading(symbol, TradingState.REDUCING)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!gateway.tradingStates().contains(symbol + "=REDUCING") && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        publish(List.of(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-3", symbol, Side.BUY, 10))));
        assertThat(awaitStatus(statuses, symbol, run + "-3", OrderState.REJECTED).getReasonCode())
            .as("under REDUCING, delta 550 -> 560").isEqualTo("RISK_REDUCING");
        publish(List.of(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-4", symbol, Side.SELL, 300))));
        awaitStatus(statuses, symbol, run + "-4", OrderState.FILLED);
      } finally {
        publish(List.of(trading(symbol, TradingState.ACTIVE)));
      }
    }
  }

  /**
   * Trading states over the broker: a halt cancels the order the gateway holds and refuses new ones, ACTIVE
   * trades again, and a gateway started while its symbols are HALTED reads that before its first order.
   */
  @Test
  void aHaltedSymbolTradesNothingUntilActiveAgainAcrossARestart() throws Exception {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(), ORDERS_DLQ.name()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String symbol = "HT" + run;
    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("gateway.group-id", "gateway-halt-it-" + run);
    GatewayConfig config = GatewayConfig.from(props);
    try (KafkaConsumer<byte[], byte[]> statuses = new KafkaConsumer<>(KafkaFixture.consumerProps("halt-" + run))) {
      statuses.subscribe(List.of(Topics.ORDERS_STATUS.name()));
      try (GatewayService gateway = GatewayService.start(config)) {
        publish(List.of(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-1", symbol, Side.BUY, 5))));
        awaitStatus(statuses, symbol, run + "-1", OrderState.NEW);
        publish(List.of(trading(symbol, TradingState.HALTED)));
        assertThat(awaitStatus(statuses, symbol, run + "-1", OrderState.CANCELED).getReasonCode())
            .isEqualTo("HALTED");
        publish(List.of(record(Topics.MD_TICKS, symbol, TestRecords.tick(symbol, 99.5, 100.5)),
            record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-2", symbol, Side.BUY, 5))));
        assertThat(awaitStatus(statuses, symbol, run + "-2", OrderState.REJECTED).getReasonCode())
            .isEqualTo("RISK_HALTED");
        publish(List.of(trading(symbol, TradingState.ACTIVE)));
        // Commands and orders are two topics: wait until the gateway has read the command.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gateway.tradingStates().contains(symbol) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(gateway.tradingStates()).doesNotContain(symbol);
        publish(List.of(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-3", symbol, Side.BUY, 5))));
        awaitStatus(statuses, symbol, run + "-3", OrderState.FILLED);
      }
      publish(List.of(trading("*", TradingState.HALTED)));
      try (GatewayService gateway = GatewayService.start(config)) {
        publish(List.of(record(Topics.MD_TICKS, symbol, TestRecords.tick(symbol, 99.5, 100.5)),
            record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-4", symbol, Side.BUY, 5))));
        assertThat(awaitStatus(statuses, symbol, run + "-4", OrderState.REJECTED).getReasonCode())
            .as("the restarted gateway read the halt before its first order").isEqualTo("RISK_HALTED");
      } finally {
        publish(List.of(trading("*", TradingState.ACTIVE)));
      }
    }
  }

  private static ProducerRecord<byte[], byte[]> trading(String key, TradingState state) {
    return record(Topics.POLICY_CONTROL, key, PolicyControl.newBuilder().setCommandId("t-" + UUID.randomUUID())
        .setCommand(ControlCommand.SET_TRADING_STATE).setTradingState(state).setOperator("it")
        .setEventTimeMicros(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS)).build());
  }

  private static OrderStatus awaitStatus(KafkaConsumer<byte[], byte[]> consumer, String symbol, String orderId,
      OrderState state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        OrderStatus status = decode(Topics.ORDERS_STATUS, r.value());
        if (symbol.equals(status.getSymbol()) && orderId.equals(status.getOrderId()) && status.getStatus() == state) {
          return status;
        }
      }
    }
    throw new AssertionError("no " + state + " status of " + orderId + " within 30 s");
  }

  static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  static void publish(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaFixture.producerProps())) {
      for (ProducerRecord<byte[], byte[]> record : records) {
        producer.send(record).get();
      }
    }
  }

  static List<ConsumerRecord<byte[], byte[]>> read(String topic, String group, int expected, String key) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaFixture.consumerProps(group))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (new String(r.key(), StandardCharsets.UTF_8).equals(key)) {
            out.add(r);
          }
        });
      }
      consumer.poll(Duration.ofMillis(500)).forEach(r -> {
        if (new String(r.key(), StandardCharsets.UTF_8).equals(key)) {
          out.add(r);
        }
      });
    }
    return out;
  }

  static long committed(GatewayConfig config, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config.consumerProperties())) {
      Map<TopicPartition, OffsetAndMetadata> offsets = consumer.committed(Set.of(new TopicPartition(topic, 0)));
      return offsets.get(new TopicPartition(topic, 0)).offset();
    }
  }

  static long endOffset(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(KafkaFixture.consumerProps("end-" + UUID.randomUUID()))) {
      TopicPartition partition = new TopicPartition(topic, 0);
      return consumer.endOffsets(List.of(partition)).get(partition);
    }
  }

  static <V> V decode(Topic<?, V> topic, byte[] bytes) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
  }
}
