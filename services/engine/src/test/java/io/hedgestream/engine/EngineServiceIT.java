package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.policy.onnx.ModelFiles;
import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.engine.processor.BroadcastPartitioner;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a real broker with exactly-once processing and two partitions per topic: a client order
 * and ticks make a hedge order and PnL events, a fill shows up in the next step, garbage goes to the DLQ;
 * an operator activates the shipped model over policy.control and the next decision is the model's; after a
 * restart with the local state wiped (restored from the changelogs) the book continues where it was,
 * still with the activated model and without a duplicate order, and a kill switch for every symbol crosses the control broadcast and
 * flattens the book.
 */
@ExtendWith(KafkaFixture.class)
class EngineServiceIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path stateDir;

  @Test
  void hedgesRestartsAndIsKilledOnARealBrokerWithExactlyOnce() throws Exception {
    KafkaFixture.createTopics(2, Topics.allNames());
    EngineConfig config = EngineConfig.of(
        "engine.bootstrap.servers", KafkaFixture.bootstrapServers(),
        "engine.application.id", "engine-it-" + UUID.randomUUID(),
        "engine.state.dir", Files.createDirectories(stateDir.resolve("state")).toString(),
        "engine.processing.guarantee", "exactly_once_v2",
        "engine.commit.interval.ms", "100",
        "engine.decision.interval", "PT1M");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaFixture.producerProps());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaFixture.consumerProps("it-" + UUID.randomUUID()))) {
      consumer.subscribe(List.of(Topics.ORDERS_HEDGE.name(), Topics.PNL_EVENTS.name(),
          Topics.deadLetterOf(Topics.MD_TICKS).name()));
      Collected seen = new Collected(consumer);
      HedgeOrder hedge;
      String model;
      try (EngineService engine = EngineService.start(config)) {
        assertThat(engine.awaitRunning(WAIT)).isTrue();
        hedge = hedgeAFillAndAGarbageTick(producer, seen);
        model = activateTheShippedModel(producer, seen, config.applicationId());
      }

      deleteRecursively(config.stateDir());
      try (EngineService engine = EngineService.start(config)) {
        assertThat(engine.awaitRunning(WAIT)).as("restarted from the changelogs alone").isTrue();
        send(producer, Topics.MD_TICKS, tick(minutes(3), 101));
        PnlEvent fourth = seen.await(Topics.PNL_EVENTS, pnl -> pnl.getStep() == 4).stream()
            .filter(pnl -> pnl.getStep() == 4).findFirst().orElseThrow();
        assertThat(fourth.getPositions()).containsEntry(SPY, hedge.getQuantity());
        assertThat(fourth.getDecisionId()).isEqualTo("desk-1:SPY:4");
        assertThat(fourth.getPolicyVersion()).as("the activation was restored with the state").isEqualTo(model);
        assertThat(seen.values(Topics.ORDERS_HEDGE)).extracting(HedgeOrder::getOrderId).doesNotHaveDuplicates();

        send(producer, Topics.POLICY_CONTROL, "*", Samples.command("kill-all", ControlCommand.KILL_SWITCH, Map.of()));
        HedgeOrder flatten = seen.await(Topics.ORDERS_HEDGE, order -> order.getReason() == HedgeReason.KILL).stream()
            .filter(order -> order.getReason() == HedgeReason.KILL).findFirst().orElseThrow();
        assertThat(flatten.getSide()).isEqualTo(Side.SELL);
        assertThat(flatten.getQuantity()).isEqualTo(hedge.getQuantity() + ordersAfterFirst(seen));
        assertThat(engine.state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    }
  }

  /** First life of the engine: a hedge, its fill booked at the next step, a garbage tick dead-lettered. */
  private static HedgeOrder hedgeAFillAndAGarbageTick(KafkaProducer<byte[], byte[]> producer, Collected seen)
      throws Exception {
    send(producer, Topics.MD_TICKS, tick(T0, 100));
    send(producer, Topics.ORDERS_CLIENT, clientBuysCalls("c1", 10, T0));
    HedgeOrder hedge = seen.await(Topics.ORDERS_HEDGE, order -> true).get(0);
    double ttm = EpochMicros.yearsBetween(EpochMicros.of(T0), EpochMicros.of(Samples.EXPIRY));
    double delta = BlackScholes.greeks(PutCall.CALL, 100, 100, ttm, 0.2, 0, 0).delta();
    assertThat(hedge.getQuantity()).isEqualTo(Math.round(delta * 1000));
    assertThat(hedge.getSide()).isEqualTo(Side.BUY);
    assertThat(hedge.getOrderId()).isEqualTo("desk-1:SPY:1:SPY");

    byte[] garbage = "not a tick".getBytes(StandardCharsets.UTF_8);
    producer.send(new ProducerRecord<>(Topics.MD_TICKS.name(), SPY.getBytes(StandardCharsets.UTF_8), garbage)).get();
    send(producer, Topics.FILLS_HEDGE, fillOf(hedge, "f1", hedge.getQuantity(), 100.01, 0.5));
    send(producer, Topics.MD_TICKS, tick(minutes(1), 101));

    List<PnlEvent> steps = seen.await(Topics.PNL_EVENTS, pnl -> pnl.getStep() == 2);
    PnlEvent second = steps.stream().filter(pnl -> pnl.getStep() == 2).findFirst().orElseThrow();
    assertThat(second.getPositions()).containsEntry(SPY, hedge.getQuantity());
    assertThat(second.getCosts()).isCloseTo(0.5 + 0.01 * hedge.getQuantity(), org.assertj.core.data.Offset.offset(1e-6));
    DeadLetter dead = seen.await(Topics.deadLetterOf(Topics.MD_TICKS), letter -> true).get(0);
    assertThat(dead.getErrorType()).isEqualTo("UNDECODABLE");
    assertThat(bytes(dead.getValue())).isEqualTo(garbage);
    return hedge;
  }

  private static void deleteRecursively(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /**
   * Activates the shipped model for every symbol over policy.control and waits for the next decision
   * (step 3) to be made by it.
   *
   * @return the model's policy version
   */
  private static String activateTheShippedModel(KafkaProducer<byte[], byte[]> producer, Collected seen,
      String applicationId) throws Exception {
    Path shipped = ModelFixtures.shipped();
    String sha256 = ModelFiles.read(shipped).sha256();
    send(producer, Topics.POLICY_CONTROL, "*", PolicyControl.newBuilder(
        Samples.command("activate-1", ControlCommand.ACTIVATE_MODEL, Map.of()))
        .setModelPath(shipped.toString()).setSha256(sha256).build());
    awaitBroadcastConsumed(applicationId);
    send(producer, Topics.MD_TICKS, tick(minutes(2), 100.5));
    PnlEvent third = seen.await(Topics.PNL_EVENTS, pnl -> pnl.getStep() == 3).stream()
        .filter(pnl -> pnl.getStep() == 3).findFirst().orElseThrow();
    assertThat(third.getPolicyVersion()).endsWith("#" + sha256.substring(0, 12));
    assertThat(third.getReason()).startsWith(HedgeReason.POLICY.name());
    return third.getPolicyVersion();
  }

  /**
   * Waits until the engine has committed its consumption of every broadcast control record: the command
   * reaches the books through an internal topic, so without this a tick sent next could overtake it.
   */
  private static void awaitBroadcastConsumed(String applicationId) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers()))) {
      Instant deadline = Instant.now().plus(WAIT);
      while (Instant.now().isBefore(deadline)) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> broadcast = new HashMap<>();
        committed.keySet().stream().filter(partition -> partition.topic().contains(BroadcastPartitioner.CONTROL_BROADCAST))
            .forEach(partition -> broadcast.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(broadcast).all().get();
        boolean done = !broadcast.isEmpty() && ends.entrySet().stream()
            .allMatch(end -> committed.get(end.getKey()).offset() >= end.getValue().offset());
        if (done) {
          return;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("the engine did not consume the control broadcast within " + WAIT);
    }
  }

  /** Net quantity the decisions after the first bought (re-hedges after the moves, by delta and the model). */
  private static double ordersAfterFirst(Collected seen) {
    return seen.values(Topics.ORDERS_HEDGE).stream()
        .filter(order -> order.getReason() == HedgeReason.POLICY && !order.getDecisionId().endsWith(":1"))
        .mapToDouble(order -> order.getSide() == Side.BUY ? order.getQuantity() : -order.getQuantity()).sum();
  }

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, V value)
      throws Exception {
    String key = SPY;
    send(producer, topic, key, value);
  }

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
        topic.valueSerde().serializer().serialize(topic.name(), value))).get();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return copy;
  }

  /** Everything read so far from the subscribed topics, decoded with each topic's serde. */
  private static final class Collected {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    Collected(KafkaConsumer<byte[], byte[]> consumer) {
      this.consumer = consumer;
    }

    <V> List<V> values(Topic<?, V> topic) {
      List<V> values = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        if (record.topic().equals(topic.name())) {
          values.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
        }
      }
      return values;
    }

    <V> List<V> await(Topic<?, V> topic, Predicate<V> wanted) {
      Instant deadline = Instant.now().plus(WAIT);
      while (Instant.now().isBefore(deadline)) {
        List<V> values = values(topic);
        if (values.stream().anyMatch(wanted)) {
          return values;
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      throw new AssertionError("nothing wanted on " + topic.name() + " within " + WAIT + "; got " + values(topic));
    }
  }
}
