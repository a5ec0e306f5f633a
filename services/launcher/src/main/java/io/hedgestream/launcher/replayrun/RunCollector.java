package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads what the engine and gateway publish during a run (pnl.events, orders.hedge, fills.hedge, risk.metrics,
 * regime.events and every dead-letter topic) on its own thread, from the topics' ends at start-up, and lets
 * the driver wait for conditions on it. No consumer group: it assigns every partition itself.
 */
final class RunCollector implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaConsumer<byte[], byte[]> endOffsetsReader;
  private final List<TopicPartition> outputPartitions = new ArrayList<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private final Map<TopicPartition, Long> lastFillOffsets = new HashMap<>();
  private final Thread thread;
  private final List<PnlEvent> pnl = new ArrayList<>();
  private final List<RiskSnapshot> risk = new ArrayList<>();
  private final Map<String, HedgeOrder> orders = new HashMap<>();
  private final Set<String> filledOrders = new HashSet<>();
  private final Map<String, Set<String>> hedgeInstruments = new HashMap<>();
  private final Map<String, Long> counts = new HashMap<>();
  private long deadLetters;
  private long maxTimestamp;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  RunCollector(String bootstrapServers, Map<String, ?> passThrough) {
    Map<String, Object> props = KafkaClients.consumer(bootstrapServers, "replay-run-collector", passThrough);
    props.remove("group.id");
    props.put("fetch.max.wait.ms", 5);
    consumer = new KafkaConsumer<>(props);
    endOffsetsReader = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topicNames()) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    for (TopicPartition partition : partitions) {
      if (partition.topic().equals(Topics.PNL_EVENTS.name()) || partition.topic().equals(Topics.ORDERS_HEDGE.name())) {
        outputPartitions.add(partition);
      }
    }
    consumer.assign(partitions);
    endOffsetsReader.assign(outputPartitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(partition -> nextOffsets.put(partition, consumer.position(partition)));
    thread = new Thread(this::loop, "replay-run-collector");
    thread.setDaemon(true);
    thread.start();
  }

  private static List<String> topicNames() {
    List<String> names = new ArrayList<>(List.of(Topics.PNL_EVENTS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.RISK_METRICS.name(), Topics.REGIME_EVENTS.name()));
    for (Topic<String, ?> topic : Topics.ALL) {
      names.add(Topics.deadLetterOf(topic).name());
    }
    return names;
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          accept(record);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
      synchronized (this) {
        notifyAll();
      }
    }
  }

  private synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    TopicPartition partition = new TopicPartition(topic, record.partition());
    nextOffsets.put(partition, record.offset() + 1);
    maxTimestamp = Math.max(maxTimestamp, record.timestamp());
    counts.merge(topic, 1L, Long::sum);
    if (topic.equals(Topics.PNL_EVENTS.name())) {
      pnl.add(decode(Topics.PNL_EVENTS, record.value()));
    } else if (topic.equals(Topics.ORDERS_HEDGE.name())) {
      HedgeOrder order = decode(Topics.ORDERS_HEDGE, record.value());
      orders.put(order.getOrderId(), order);
    } else if (topic.equals(Topics.FILLS_HEDGE.name())) {
      Fill fill = decode(Topics.FILLS_HEDGE, record.value());
      lastFillOffsets.merge(partition, record.offset(), Math::max);
      hedgeInstruments.computeIfAbsent(fill.getBook(), b -> new HashSet<>()).add(fill.getInstrument());
      if (fill.getLeavesQuantity() == 0) {
        filledOrders.add(fill.getOrderId());
      }
    } else if (topic.equals(Topics.RISK_METRICS.name())) {
      risk.add(decode(Topics.RISK_METRICS, record.value()));
    } else if (topic.endsWith(".dlq")) {
      deadLetters++;
    }
    notifyAll();
  }

  private static <V> V decode(Topic<String, V> topic, byte[] value) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), value);
  }

  /**
   * Waits until {@code condition} (evaluated under this collector's lock) holds.
   *
   * @throws IllegalStateException after {@code timeout} naming {@code what}, or when the consumer failed
   */
  synchronized void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (failure != null) {
        throw new IllegalStateException("collector failed", failure);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("replay run: timed out after " + timeout + " waiting for " + what);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /**
   * Waits until this collector has read pnl.events and orders.hedge up to their current ends. Called once the
   * engine has committed past a tick ({@link EngineProgress}), it makes the PnL events and hedge orders of
   * that tick's decisions complete here: they were on the broker before the commit. Driver thread only.
   */
  void awaitOutputsOnBroker(Duration timeout) throws InterruptedException {
    Map<TopicPartition, Long> ends = endOffsetsReader.endOffsets(outputPartitions);
    await(() -> ends.entrySet().stream().allMatch(end -> nextOffsets.get(end.getKey()) >= end.getValue()),
        timeout, "the engine's outputs up to " + ends);
  }

  /** The offset of the last fill read, per fills.hedge partition: inputs the engine must process. */
  synchronized Map<TopicPartition, Long> lastFillOffsets() {
    return Map.copyOf(lastFillOffsets);
  }

  /** PnL events of books at {@code time}. */
  synchronized Set<String> booksDecidedAt(Instant time) {
    Set<String> books = new HashSet<>();
    for (int i = pnl.size() - 1; i >= 0 && !pnl.get(i).getEventTimeMicros().isBefore(time); i--) {
      if (pnl.get(i).getEventTimeMicros().equals(time)) {
        books.add(pnl.get(i).getBook());
      }
    }
    return books;
  }

  /** Hedge orders stamped {@code time}. */
  synchronized List<HedgeOrder> ordersAt(Instant time) {
    return orders.values().stream().filter(order -> order.getEventTimeMicros().equals(time)).toList();
  }

  /** Whether every order stamped {@code time} has its last fill. */
  synchronized boolean allFilledAt(Instant time) {
    return ordersAt(time).stream().allMatch(order -> filledOrders.contains(order.getOrderId()));
  }

  /** The PnL event of {@code book} at {@code time}, or null. */
  synchronized PnlEvent pnlOf(String book, Instant time) {
    for (int i = pnl.size() - 1; i >= 0; i--) {
      PnlEvent event = pnl.get(i);
      if (event.getBook().equals(book) && event.getEventTimeMicros().equals(time)) {
        return event;
      }
    }
    return null;
  }

  /** Every PnL event so far, in arrival order. */
  synchronized List<PnlEvent> pnlEvents() {
    return List.copyOf(pnl);
  }

  /**
   * Waits until a risk snapshot has been read for every PnL event read (the engine writes both for each
   * book decision), so the run's diagnostics are complete.
   */
  void awaitRiskSnapshots(Duration timeout) throws InterruptedException {
    await(() -> risk.size() >= pnl.size(), timeout, "a risk.metrics record for every PnL event");
  }

  /** Every risk snapshot (the engine's online diagnostics, one per book decision) read so far. */
  synchronized List<RiskSnapshot> riskSnapshots() {
    return List.copyOf(risk);
  }

  /** Every hedge order so far. */
  synchronized List<HedgeOrder> hedgeOrders() {
    return List.copyOf(orders.values());
  }

  /** Instruments each book has had fills in (its hedge instruments), plus the symbol itself. */
  synchronized Set<String> hedgeInstrumentsOf(String book, String symbol) {
    Set<String> instruments = new HashSet<>(hedgeInstruments.getOrDefault(book, Set.of()));
    instruments.add(symbol);
    return instruments;
  }

  /** Records read per topic. */
  synchronized Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  /** Dead letters read (any *.dlq topic). */
  synchronized long deadLetters() {
    return deadLetters;
  }

  /** The largest record timestamp read (ms): the next input's timestamp must exceed it. */
  synchronized long maxTimestamp() {
    return maxTimestamp;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(2));
    endOffsetsReader.close(Duration.ofSeconds(2));
  }
}
