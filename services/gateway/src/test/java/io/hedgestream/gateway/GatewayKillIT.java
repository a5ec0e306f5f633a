package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.Side;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gateway killed with SIGKILL three times while orders and ticks are still arriving loses no fill and
 * repeats none: read with read_committed, every order has exactly its fills, once, at the price of its mode
 * (its own tick with fill-at=order-time; the touch of the quote it executed at with fill-at=latest).
 */
@ExtendWith(KafkaFixture.class)
class GatewayKillIT {

  private static final int DAYS = 400;
  private static final int ORDERS_PER_DAY = 2;
  private static final Instant T0 = Instant.parse("2026-03-02T21:00:00Z");

  @ParameterizedTest(name = "fill-at={0}")
  @ValueSource(strings = {"order-time", "latest"})
  void killedThreeTimesTheGatewayFillsEveryOrderExactlyOnce(String fillAt) throws Exception {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(), Topics.deadLetterOf(Topics.ORDERS_HEDGE).name(),
        Topics.deadLetterOf(Topics.MD_TICKS).name()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String symbol = "K" + run;
    Path dir = Files.createTempDirectory("gateway-kill");
    Path log = dir.resolve("gateway.log");
    Properties properties = new Properties();
    properties.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    properties.setProperty("gateway.group-id", "gateway-kill-" + run);
    properties.setProperty("gateway.paper.fill-at", fillAt);
    properties.setProperty("gateway.paper.fee-bps", "1");
    if (fillAt.equals("latest")) {
      properties.setProperty("gateway.paper.max-fill-quantity", "40");
    }

    AtomicReference<Exception> publishFailure = new AtomicReference<>();
    Thread publisher = new Thread(() -> publishDays(symbol, publishFailure), "publisher");
    Process gateway = GatewayProcess.start(properties, dir, log);
    publisher.start();
    Map<String, Integer> fills = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(KafkaFixture.consumerProps("read-" + run))) {
      reader.assign(List.of(new TopicPartition(Topics.FILLS_HEDGE.name(), 0),
          new TopicPartition(Topics.ORDERS_STATUS.name(), 0)));
      reader.seekToBeginning(reader.assignment());
      for (int kill = 1; kill <= 3; kill++) {
        int threshold = kill * DAYS * ORDERS_PER_DAY / 5;
        await(() -> readFills(reader, symbol, fills) >= threshold, "fills before kill " + kill, log);
        GatewayProcess.kill9(gateway);
        gateway = GatewayProcess.start(properties, dir, log);
      }
      publisher.join(120_000);
      assertThat(publishFailure.get()).isNull();
      int expectedOrders = DAYS * ORDERS_PER_DAY;
      try {
        await(() -> {
          readFills(reader, symbol, fills);
          return lastFillOfOrder.size() >= expectedOrders && filledStatuses.size() >= expectedOrders;
        }, "every order filled and reported FILLED", log);
      } catch (AssertionError e) {
        Process threads = new ProcessBuilder("jcmd", Long.toString(gateway.pid()), "Thread.print")
            .redirectErrorStream(true).start();
        String dump = new String(threads.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        throw new AssertionError(e.getMessage() + "\n" + lastFillOfOrder.size() + " orders filled, "
            + filledStatuses.size() + " reported FILLED; gateway alive " + gateway.isAlive() + "\n"
            + dump.substring(0, Math.min(dump.length(), 12_000)), e);
      }
      Thread.sleep(1_000); // anything duplicated would arrive now
      readFills(reader, symbol, fills);
    } finally {
      GatewayProcess.kill9(gateway);
    }

    try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(KafkaFixture.consumerProps("dlq-" + run))) {
      TopicPartition partition = new TopicPartition(Topics.deadLetterOf(Topics.ORDERS_HEDGE).name(), 0);
      dlq.assign(List.of(partition));
      dlq.seekToBeginning(List.of(partition));
      List<String> refused = new ArrayList<>();
      long end = dlq.endOffsets(List.of(partition)).get(partition);
      while (dlq.position(partition) < end) {
        for (ConsumerRecord<byte[], byte[]> record : dlq.poll(Duration.ofMillis(200))) {
          if (symbol.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            refused.add(Topics.deadLetterOf(Topics.ORDERS_HEDGE).valueSerde().deserializer()
                .deserialize(record.topic(), record.value()).getErrorType());
          }
        }
      }
      assertThat(refused).as("orders refused after restarts (e.g. by a pre-trade check)").isEmpty();
    }
    List<String> duplicated = fills.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertThat(duplicated).as("fill ids published twice").isEmpty();
    assertThat(lastFillOfOrder).as("orders with a complete fill").hasSize(DAYS * ORDERS_PER_DAY);
    assertThat(filledStatuses).as("orders reported FILLED").hasSize(DAYS * ORDERS_PER_DAY);
    assertThat(filledStatuses.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList())
        .as("orders reported FILLED more than once").isEmpty();
  }

  private final Map<String, Fill> lastFillOfOrder = new HashMap<>();
  private final Map<String, Integer> filledStatuses = new HashMap<>();

  /** Reads what is committed so far; returns the number of fill records of {@code symbol} seen. */
  private int readFills(KafkaConsumer<byte[], byte[]> reader, String symbol, Map<String, Integer> fills) {
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
      if (!symbol.equals(new String(record.key(), StandardCharsets.UTF_8))) {
        continue;
      }
      if (record.topic().equals(Topics.ORDERS_STATUS.name())) {
        OrderStatus status = Topics.ORDERS_STATUS.valueSerde().deserializer().deserialize(record.topic(),
            record.value());
        if (status.getStatus() == OrderState.FILLED) {
          filledStatuses.merge(status.getOrderId(), 1, Integer::sum);
          assertThat(status.getCumulativeQuantity()).isEqualTo(status.getOrderQuantity());
        }
        continue;
      }
      Fill fill = Topics.FILLS_HEDGE.valueSerde().deserializer().deserialize(record.topic(), record.value());
      fills.merge(fill.getFillId(), 1, Integer::sum);
      if (fill.getLeavesQuantity() == 0) {
        lastFillOfOrder.put(fill.getOrderId(), fill);
      }
      checkPrice(fill);
    }
    return fills.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Day d's tick is bid 100 + d, ask 100.5 + d; a buy fills at an ask, a sell at a bid, never elsewhere. */
  private static void checkPrice(Fill fill) {
    double offset = fill.getSide() == Side.BUY ? 100.5 : 100;
    double day = fill.getPrice() - offset;
    assertThat(day).as("fill %s at %s is at a quote of the tape", fill.getFillId(), fill.getPrice())
        .isEqualTo(Math.rint(day));
  }

  private static void publishDays(String symbol, AtomicReference<Exception> failure) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaFixture.producerProps())) {
      for (int day = 0; day < DAYS; day++) {
        Instant time = T0.plus(Duration.ofDays(day));
        MarketTick tick = TestRecords.tick(symbol, 100 + day, 100.5 + day, time);
        producer.send(record(Topics.MD_TICKS, symbol, tick));
        for (int n = 0; n < ORDERS_PER_DAY; n++) {
          HedgeOrder order = TestRecords.order(symbol + "-" + day + "-" + n, symbol, n == 0 ? Side.BUY : Side.SELL,
              100 + day % 7);
          order.setEventTimeMicros(time);
          producer.send(record(Topics.ORDERS_HEDGE, symbol, order));
        }
        if (day % 20 == 19) {
          producer.flush();
          Thread.sleep(300);
        }
      }
      producer.flush();
    } catch (Exception e) {
      failure.set(e);
    }
  }

  private static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  private static void await(BooleanSupplier condition, String what, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        List<String> lines = Files.readAllLines(log);
        throw new AssertionError("timed out waiting for " + what + "; gateway log tail:\n"
            + String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 40), lines.size()))));
      }
    }
  }
}
