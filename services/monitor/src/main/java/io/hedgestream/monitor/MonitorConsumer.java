package io.hedgestream.monitor;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the desk's output topics into a {@link MonitorView}. It reads committed records only
 * ({@code read_committed}), assigns itself every partition and commits nothing: it takes no part in any
 * group the services use and cannot hold them back. On start it rebuilds the view from the beginning of
 * each topic, or from the configured look-back, so a restarted monitor shows the whole day.
 */
final class MonitorConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MonitorConsumer.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final MonitorView view;
  private final MonitorMetrics metrics;
  private final Map<String, BiConsumer<ConsumerRecord<byte[], byte[]>, String>> handlers = new HashMap<>();
  private final Set<String> deadLetterTopics;
  private final Deserializer<DeadLetter> deadLetters;
  private final Map<TopicPartition, Long> endsAtStart;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  private MonitorConsumer(KafkaConsumer<byte[], byte[]> consumer, MonitorView view, MonitorMetrics metrics,
      Map<TopicPartition, Long> endsAtStart) {
    this.consumer = consumer;
    this.view = view;
    this.metrics = metrics;
    this.endsAtStart = new HashMap<>(endsAtStart);
    this.deadLetterTopics = Topics.ALL.stream().map(t -> Topics.deadLetterOf(t).name()).collect(Collectors.toSet());
    Topic<byte[], DeadLetter> anyDlq = Topics.deadLetterOf(Topics.PNL_EVENTS);
    this.deadLetters = anyDlq.valueSerde().deserializer();
    on(Topics.PNL_EVENTS, view::onPnl);
    on(Topics.RISK_METRICS, view::onRisk);
    on(Topics.REGIME_EVENTS, view::onRegime);
    on(Topics.ORDERS_HEDGE, view::onOrder);
    on(Topics.FILLS_HEDGE, view::onFill);
    on(Topics.ORDERS_STATUS, view::onStatus);
    Deserializer<io.hedgestream.avro.PolicyControl> control = Topics.POLICY_CONTROL.valueSerde().deserializer();
    handlers.put(Topics.POLICY_CONTROL.name(), (r, topic) -> view.onControl(
        r.key() == null ? "*" : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
        control.deserialize(topic, r.value())));
    this.thread = new Thread(this::pollLoop, "monitor-consumer");
    this.thread.setDaemon(true);
  }

  /** The topics the monitor reads: the services' outputs, the operator's commands and every dead-letter topic. */
  static List<String> watchedTopics() {
    List<String> names = new ArrayList<>(List.of(Topics.PNL_EVENTS.name(), Topics.RISK_METRICS.name(),
        Topics.REGIME_EVENTS.name(), Topics.ORDERS_HEDGE.name(), Topics.FILLS_HEDGE.name(),
        Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name()));
    Topics.ALL.forEach(t -> names.add(Topics.deadLetterOf(t).name()));
    return names;
  }

  /**
   * Assigns the watched topics' partitions, positions them (start or look-back) and starts reading.
   * Topics the cluster does not have are skipped with a warning.
   */
  static MonitorConsumer start(MonitorConfig config, MonitorView view, MonitorMetrics metrics) {
    Map<String, Object> props = new HashMap<>(KafkaClients.consumer(config.bootstrapServers(), "unused",
        config.kafkaOverrides()));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hedgestream-monitor");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(30));
      for (String topic : watchedTopics()) {
        List<PartitionInfo> infos = all.get(topic);
        if (infos == null) {
          LOG.warn("monitor: the cluster has no topic {}; it is not shown", topic);
          continue;
        }
        infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      if (config.lookBack().isPresent()) {
        long since = Instant.now().minus(config.lookBack().get()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition p : partitions) {
          OffsetAndTimestamp at = found.get(p);
          consumer.seek(p, at == null ? ends.get(p) : at.offset());
        }
      } else {
        consumer.seekToBeginning(partitions);
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      metrics.bindConsumer(consumer);
      MonitorConsumer monitor = new MonitorConsumer(consumer, view, metrics, ends);
      monitor.thread.start();
      return monitor;
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  /** Waits until the view holds everything the topics held when the monitor started. */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the rebuild of the history is done. */
  boolean caughtUp() {
    return caughtUp.getCount() == 0;
  }

  /** Why the consumer stopped, if it failed. */
  java.util.Optional<Throwable> failure() {
    return java.util.Optional.ofNullable(failure);
  }

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

  private <V> void on(Topic<String, V> topic, java.util.function.Consumer<V> sink) {
    Deserializer<V> deserializer = topic.valueSerde().deserializer();
    handlers.put(topic.name(), (r, name) -> sink.accept(deserializer.deserialize(name, r.value())));
  }

  private void pollLoop() {
    try {
      checkCaughtUp();
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          apply(r);
        }
        checkCaughtUp();
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.error("monitor: the consumer stopped", e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    String topic = r.topic();
    view.countRecord(topic);
    try {
      if (deadLetterTopics.contains(topic)) {
        view.onDeadLetter(topic, r.partition(), r.offset(), deadLetters.deserialize(topic, r.value()));
      } else {
        BiConsumer<ConsumerRecord<byte[], byte[]>, String> handler = handlers.get(topic);
        if (handler != null) {
          handler.accept(r, topic);
        }
      }
      metrics.applied(topic, r.timestamp());
      if (topic.equals(Topics.PNL_EVENTS.name())) {
        view.pnlWrittenAt(r.timestamp());
      }
    } catch (RuntimeException e) {
      // A record the services wrote that the monitor cannot read (a newer schema, corruption): counted and
      // shown, never fatal; the services dead-letter what they cannot read themselves.
      metrics.undecodable(topic);
      if (deadLetterTopics.contains(topic)) {
        view.onUndecodableDeadLetter(topic, r.partition(), r.offset(), String.valueOf(e));
      }
      LOG.warn("monitor: cannot read {}/{}/{}: {}", topic, r.partition(), r.offset(), e.toString());
    }
  }

  private void checkCaughtUp() {
    if (caughtUp.getCount() == 0) {
      return;
    }
    endsAtStart.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    if (endsAtStart.isEmpty()) {
      caughtUp.countDown();
    }
  }
}
