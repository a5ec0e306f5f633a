package io.hedgestream.gateway;

import static io.hedgestream.gateway.GatewayServiceIT.publish;
import static io.hedgestream.gateway.GatewayServiceIT.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.Side;
import io.hedgestream.gateway.fix.FixTestKit;
import io.hedgestream.gateway.fix.ScriptedVenue;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.OrdStatus;

/**
 * The FIX route across a kill -9 between send and acknowledgement: a gateway process sends orders over FIX
 * to a scripted venue that does not answer, dies by SIGKILL, and a new gateway process takes over. The venue
 * counts NewOrderSingles by ClOrdID (none twice, none missing), and what reaches fills.hedge equals what the
 * venue filled.
 */
@ExtendWith(KafkaFixture.class)
class FixGatewayKillIT {

  private static final int ORDERS = 20;

  @TempDir
  Path dir;

  @Test
  void aGatewayKilledBetweenSendAndAcknowledgementNeverSendsAnOrderTwiceAndBooksEveryFillOnce() throws Exception {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(),
        Topics.deadLetterOf(Topics.ORDERS_HEDGE).name()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String symbol = "FK" + run;
    int port = FixTestKit.freePort();
    List<String> ids = new ArrayList<>();
    List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    records.add(record(Topics.MD_TICKS, symbol, TestRecords.tick(symbol, 99.5, 100.5)));
    for (int i = 0; i < ORDERS; i++) {
      ids.add(run + "-" + i);
      records.add(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-" + i, symbol, Side.BUY, 10 + i)));
    }

    Map<String, Double> venueFilled = new java.util.concurrent.ConcurrentHashMap<>();
    try (ScriptedVenue venue = new ScriptedVenue(FixTestKit.acceptorFile(dir, port), dir.resolve("venue-store"))) {
      venue.onOrder = (order, v) -> { };
      Properties properties = new Properties();
      properties.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
      properties.setProperty("gateway.group-id", "gateway-fix-kill-" + run);
      properties.setProperty("gateway.route", "fix");
      properties.setProperty("gateway.fix.session-file", FixTestKit.initiatorFile(dir, port, FixTestKit.VENUE).toString());
      properties.setProperty("gateway.fix.state-dir", dir.resolve("gateway-state").toString());
      startAtTheEnd(properties.getProperty("gateway.group-id"));
      publish(records);
      Path log = dir.resolve("gateway.log");
      Process gateway = GatewayProcess.start(properties, dir, log);
      try {
        await(() -> ids.stream().allMatch(id -> venue.newOrders(id) == 1), "every order at the venue", log);
        GatewayProcess.kill9(gateway);

        // The venue now fills every order when asked for its state (and any order sent again, which it counts).
        ScriptedVenue.Script fillIt = (message, v) -> {
          String id = message.getString(ClOrdID.FIELD);
          if (!ids.contains(id)) {
            return;
          }
          double quantity = 10 + Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
          v.send(v.report(message, ExecType.NEW, OrdStatus.NEW, 0, quantity, 0, "N-" + id));
          v.send(v.fill(message, quantity, 100.25, quantity, quantity, "F-" + id));
          venueFilled.merge(id, quantity, Double::sum);
        };
        venue.onStatus = fillIt;
        venue.onOrder = fillIt;
        gateway = GatewayProcess.start(properties, dir, log);

        Map<String, Integer> fillCount = new HashMap<>();
        Map<String, Double> booked = new HashMap<>();
        Map<String, Integer> filledStatuses = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(KafkaFixture.consumerProps("read-" + run))) {
          reader.assign(List.of(new TopicPartition(Topics.FILLS_HEDGE.name(), 0),
              new TopicPartition(Topics.ORDERS_STATUS.name(), 0)));
          reader.seekToBeginning(reader.assignment());
          await(() -> {
            read(reader, symbol, fillCount, booked, filledStatuses);
            return filledStatuses.size() == ORDERS;
          }, "every order FILLED on orders.status", log);
          Thread.sleep(1_000);
          read(reader, symbol, fillCount, booked, filledStatuses);
        }
        for (String id : ids) {
          assertThat(venue.newOrders(id)).as("NewOrderSingles of %s", id).isEqualTo(1);
        }
        assertThat(fillCount.values()).as("each fill published once").containsOnly(1);
        assertThat(booked).as("booked equals what the venue filled").isEqualTo(venueFilled);
        assertThat(filledStatuses.values()).as("FILLED once per order").containsOnly(1);
      } finally {
        GatewayProcess.kill9(gateway);
      }
    }
  }

  /**
   * Orders partly filled and booked, the gateway killed, the venue filling more while it is down: the new
   * gateway knows from its commit what it booked, books only the rest the venue reports (one catch-up fill),
   * then the last fills; every order ends booked exactly as the venue filled it.
   */
  @Test
  void aGatewayKilledWithOrdersPartlyFilledBooksOnlyWhatItHadNotBooked() throws Exception {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(),
        Topics.deadLetterOf(Topics.ORDERS_HEDGE).name()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String symbol = "FP" + run;
    int port = FixTestKit.freePort();
    List<String> ids = new ArrayList<>();
    List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    records.add(record(Topics.MD_TICKS, symbol, TestRecords.tick(symbol, 99.5, 100.5)));
    for (int i = 0; i < ORDERS; i++) {
      ids.add(run + "-" + i);
      records.add(record(Topics.ORDERS_HEDGE, symbol, TestRecords.order(run + "-" + i, symbol, Side.BUY, 10)));
    }
    Map<String, Double> venueNotional = new java.util.concurrent.ConcurrentHashMap<>();
    try (ScriptedVenue venue = new ScriptedVenue(FixTestKit.acceptorFile(dir, port), dir.resolve("venue-store"))) {
      venue.onOrder = (order, v) -> {
        String id = order.getString(ClOrdID.FIELD);
        if (ids.contains(id)) {
          v.send(v.fill(order, 4, 100.0, 4, 10, "P1-" + id));
          venueNotional.merge(id, 400.0, Double::sum);
        }
      };
      Properties properties = new Properties();
      properties.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
      properties.setProperty("gateway.group-id", "gateway-fix-partial-" + run);
      properties.setProperty("gateway.route", "fix");
      properties.setProperty("gateway.fix.session-file", FixTestKit.initiatorFile(dir, port, FixTestKit.VENUE).toString());
      properties.setProperty("gateway.fix.state-dir", dir.resolve("gateway-state").toString());
      startAtTheEnd(properties.getProperty("gateway.group-id"));
      publish(records);
      Path log = dir.resolve("gateway.log");
      Process gateway = GatewayProcess.start(properties, dir, log);
      Map<String, Integer> fillCount = new HashMap<>();
      Map<String, Double> booked = new HashMap<>();
      Map<String, Integer> filledStatuses = new HashMap<>();
      Map<String, Double> bookedNotional = new HashMap<>();
      try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(KafkaFixture.consumerProps("read-" + run))) {
        reader.assign(List.of(new TopicPartition(Topics.FILLS_HEDGE.name(), 0),
            new TopicPartition(Topics.ORDERS_STATUS.name(), 0)));
        reader.seekToBeginning(reader.assignment());
        await(() -> {
          read(reader, symbol, fillCount, booked, filledStatuses, bookedNotional);
          return booked.size() == ORDERS;
        }, "the first fill of every order booked", log);
        Thread.sleep(300); // a commit or two more: the notes of the last fills
        GatewayProcess.kill9(gateway);

        // While the gateway is down the venue fills 3 more of each order (reports the gateway never gets), and
        // answers its status request with the total; the last 3 follow.
        venue.onStatus = (request, v) -> {
          String id = request.getString(ClOrdID.FIELD);
          if (ids.contains(id)) {
            v.send(v.report(request, ExecType.ORDER_STATUS, OrdStatus.PARTIALLY_FILLED, 7, 3, (400.0 + 303.0) / 7,
                "S-" + id));
            v.send(v.fill(request, 3, 102.0, 10, 10, "P3-" + id));
            venueNotional.merge(id, 303.0 + 306.0, Double::sum);
          }
        };
        gateway = GatewayProcess.start(properties, dir, log);
        await(() -> {
          read(reader, symbol, fillCount, booked, filledStatuses, bookedNotional);
          return filledStatuses.size() == ORDERS;
        }, "every order FILLED", log);
        Thread.sleep(1_000);
        read(reader, symbol, fillCount, booked, filledStatuses, bookedNotional);
      } finally {
        GatewayProcess.kill9(gateway);
      }
      for (String id : ids) {
        assertThat(venue.newOrders(id)).as("NewOrderSingles of %s", id).isEqualTo(1);
        assertThat(booked.get(id)).as("quantity booked of %s", id).isEqualTo(10.0);
        assertThat(bookedNotional.get(id)).as("notional booked of %s", id)
            .isCloseTo(venueNotional.get(id), org.assertj.core.data.Offset.offset(1e-6));
      }
      assertThat(fillCount.values()).as("each fill published once").containsOnly(1);
      assertThat(fillCount.keySet().stream().filter(id -> id.contains("/reconciled@7.0")).count())
          .as("one catch-up fill per order").isEqualTo(ORDERS);
      assertThat(filledStatuses.values()).as("FILLED once per order").containsOnly(1);
      assertThat(Files.readString(dir.resolve("gateway.log"))).doesNotContain("IN DOUBT");
    }
  }

  /**
   * Commits the current ends of orders.hedge and md.ticks for the gateway's group, so it reads this run's records
   * only: other tests' orders on the shared topics would reach this venue too and fill the commit's metadata
   * (which names the orders in flight) beyond what it holds.
   */
  private static void startAtTheEnd(String groupId) {
    try (KafkaConsumer<byte[], byte[]> group = new KafkaConsumer<>(KafkaFixture.consumerProps(groupId))) {
      List<TopicPartition> partitions = List.of(new TopicPartition(Topics.ORDERS_HEDGE.name(), 0),
          new TopicPartition(Topics.MD_TICKS.name(), 0));
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> ends = new HashMap<>();
      group.endOffsets(partitions).forEach((partition, end) ->
          ends.put(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(end)));
      group.commitSync(ends);
    }
  }

  private static void read(KafkaConsumer<byte[], byte[]> reader, String symbol, Map<String, Integer> fills,
      Map<String, Double> booked, Map<String, Integer> filled) {
    read(reader, symbol, fills, booked, filled, new HashMap<>());
  }

  private static void read(KafkaConsumer<byte[], byte[]> reader, String symbol, Map<String, Integer> fills,
      Map<String, Double> booked, Map<String, Integer> filled, Map<String, Double> notional) {
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
      if (!symbol.equals(new String(record.key(), StandardCharsets.UTF_8))) {
        continue;
      }
      if (record.topic().equals(Topics.ORDERS_STATUS.name())) {
        OrderStatus status = Topics.ORDERS_STATUS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (status.getStatus() == OrderState.FILLED) {
          filled.merge(status.getOrderId(), 1, Integer::sum);
        }
      } else {
        Fill fill = Topics.FILLS_HEDGE.valueSerde().deserializer().deserialize(record.topic(), record.value());
        fills.merge(fill.getFillId(), 1, Integer::sum);
        booked.merge(fill.getOrderId(), fill.getQuantity(), Double::sum);
        notional.merge(fill.getOrderId(), fill.getQuantity() * fill.getPrice(), Double::sum);
      }
    }
  }

  private static void await(BooleanSupplier condition, String what, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String tail = Files.exists(log) ? Files.readString(log) : "";
        throw new AssertionError("timed out waiting for " + what + "\n"
            + tail.substring(Math.max(0, tail.length() - 6_000)));
      }
      Thread.sleep(50);
    }
  }
}
