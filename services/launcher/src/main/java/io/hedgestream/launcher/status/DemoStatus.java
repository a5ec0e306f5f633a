package io.hedgestream.launcher.status;

import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A console consumer that watches the pipeline's topics for the demo's status line. It reads committed
 * records only ({@code read_committed}: what downstream systems would see), starts at the end of every
 * topic so an external cluster's history is not counted, takes no consumer-group membership and commits
 * nothing.
 */
public final class DemoStatus implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final StatusBoard board = new StatusBoard();
  private final Thread thread;
  private final Deserializer<PnlEvent> pnl = Topics.PNL_EVENTS.valueSerde().deserializer();
  private final Deserializer<RiskSnapshot> risk = Topics.RISK_METRICS.valueSerde().deserializer();
  private final Set<String> deadLetterTopics =
      Topics.ALL.stream().map(t -> Topics.deadLetterOf(t).name()).collect(Collectors.toSet());
  private volatile boolean running = true;

  private DemoStatus(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
    this.thread = new Thread(this::pollLoop, "demo-status");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching. The topics must exist; positions are fixed at their current ends before this returns,
   * so everything produced afterwards is counted.
   *
   * @param bootstrapServers the cluster
   * @param passThrough client settings (security etc.)
   */
  public static DemoStatus start(String bootstrapServers, Map<String, ?> passThrough) {
    Map<String, Object> props = new HashMap<>(KafkaClients.consumer(bootstrapServers, "unused", passThrough));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hedge-demo-status");
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
    try {
      List<TopicPartition> partitions = partitionsOf(consumer, watchedTopics());
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
    DemoStatus status = new DemoStatus(consumer);
    status.thread.start();
    return status;
  }

  /** The totals so far. */
  public StatusSnapshot snapshot() {
    return board.snapshot();
  }

  /** Stops the consumer thread and closes the consumer (waiting up to 10 s). */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> watchedTopics() {
    List<String> names = new ArrayList<>(List.of(Topics.MD_TICKS.name(), Topics.ORDERS_CLIENT.name(),
        Topics.ORDERS_HEDGE.name(), Topics.FILLS_HEDGE.name(), Topics.PNL_EVENTS.name(),
        Topics.RISK_METRICS.name()));
    Topics.ALL.forEach(t -> names.add(Topics.deadLetterOf(t).name()));
    return names;
  }

  private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, List<String> topics) {
    List<TopicPartition> out = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic).forEach(p -> out.add(new TopicPartition(topic, p.partition())));
    }
    return out;
  }

  private void pollLoop() {
    try {
      while (running) {
        record(consumer.poll(POLL));
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void record(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
      String topic = tp.topic();
      if (topic.equals(Topics.MD_TICKS.name())) {
        board.addTicks(batch.size());
      } else if (topic.equals(Topics.ORDERS_CLIENT.name())) {
        board.addClientOrders(batch.size());
      } else if (topic.equals(Topics.ORDERS_HEDGE.name())) {
        board.addHedgeOrders(batch.size());
      } else if (topic.equals(Topics.FILLS_HEDGE.name())) {
        board.addFills(batch.size());
      } else if (topic.equals(Topics.PNL_EVENTS.name())) {
        batch.forEach(r -> decode(Topics.PNL_EVENTS, pnl, r.value(), board::onPnl));
      } else if (topic.equals(Topics.RISK_METRICS.name())) {
        batch.forEach(r -> decode(Topics.RISK_METRICS, risk, r.value(), board::onRisk));
      } else if (deadLetterTopics.contains(topic)) {
        board.addDeadLetters(batch.size());
      }
    }
  }

  private static <V> void decode(Topic<?, V> topic, Deserializer<V> deserializer, byte[] bytes,
      java.util.function.Consumer<V> sink) {
    try {
      sink.accept(deserializer.deserialize(topic.name(), bytes));
    } catch (SerializationException e) {
      // Not ours to judge: the engine dead-letters bad input; the status line just skips it.
    }
  }
}
