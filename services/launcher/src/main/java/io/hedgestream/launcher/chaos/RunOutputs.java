package io.hedgestream.launcher.chaos;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Everything the engine and the gateway published in a run, read as an outside consumer must read it
 * (read_committed, so records of aborted transactions never show) on a thread of its own, from the beginning
 * of each topic: hedge orders, fills, PnL events and dead letters, with how often each id was seen, so a
 * duplicate is counted rather than hidden.
 */
final class RunOutputs implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaConsumer<byte[], byte[]> endOffsets;
  private final KafkaConsumer<byte[], byte[]> highWatermarks;
  private final List<TopicPartition> decisionPartitions = new ArrayList<>();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final Thread thread;
  private final List<HedgeOrder> orders = new ArrayList<>();
  private final List<Fill> fills = new ArrayList<>();
  private final List<PnlEvent> pnl = new ArrayList<>();
  private final Map<String, Long> deadLetters = new HashMap<>();
  private final Map<String, Double> filledByOrder = new HashMap<>();
  private final Map<TopicPartition, Long> lastFillOffsets = new HashMap<>();
  private volatile boolean running = true;

  RunOutputs(String bootstrapServers) {
    Map<String, Object> props = KafkaClients.consumer(bootstrapServers, "chaos-outputs", Map.of());
    props.remove("group.id");
    props.put("fetch.max.wait.ms", 5);
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topicNames()) {
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    for (TopicPartition partition : partitions) {
      if (partition.topic().equals(Topics.ORDERS_HEDGE.name()) || partition.topic().equals(Topics.PNL_EVENTS.name())) {
        decisionPartitions.add(partition);
      }
    }
    endOffsets = new KafkaConsumer<>(props);
    Map<String, Object> uncommitted = new HashMap<>(props);
    uncommitted.put("isolation.level", "read_uncommitted");
    highWatermarks = new KafkaConsumer<>(uncommitted);
    // Assigned (never polled), so the end-offset lookups have partitions to record their answers for.
    endOffsets.assign(decisionPartitions);
    highWatermarks.assign(decisionPartitions);
    thread = new Thread(this::loop, "chaos-outputs");
    thread.setDaemon(true);
    thread.start();
  }

  private static List<String> topicNames() {
    List<String> names = new ArrayList<>(List.of(Topics.ORDERS_HEDGE.name(), Topics.FILLS_HEDGE.name(),
        Topics.PNL_EVENTS.name()));
    for (Topic<String, ?> topic : Topics.ALL) {
      names.add(Topics.deadLetterOf(topic).name());
    }
    return names;
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          accept(record);
        }
        Map<TopicPartition, Long> now = new HashMap<>();
        for (TopicPartition partition : decisionPartitions) {
          now.put(partition, consumer.position(partition));
        }
        updatePositions(now);
      }
    } catch (WakeupException e) {
      // closing
    }
  }

  private synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    if (topic.equals(Topics.ORDERS_HEDGE.name())) {
      orders.add(Topics.ORDERS_HEDGE.valueSerde().deserializer().deserialize(topic, record.value()));
    } else if (topic.equals(Topics.FILLS_HEDGE.name())) {
      Fill fill = Topics.FILLS_HEDGE.valueSerde().deserializer().deserialize(topic, record.value());
      fills.add(fill);
      filledByOrder.merge(fill.getOrderId(), fill.getQuantity(), Double::sum);
      lastFillOffsets.merge(new TopicPartition(topic, record.partition()), record.offset(), Math::max);
    } else if (topic.equals(Topics.PNL_EVENTS.name())) {
      pnl.add(Topics.PNL_EVENTS.valueSerde().deserializer().deserialize(topic, record.value()));
    } else {
      deadLetters.merge(topic, 1L, Long::sum);
    }
    notifyAll();
  }

  private synchronized void updatePositions(Map<TopicPartition, Long> now) {
    positions.putAll(now);
    notifyAll();
  }

  /**
   * Waits until every hedge order and PnL event written so far has been committed and read. The engine
   * commits its consumer offsets and its outputs in one transaction, but the broker writes the commit markers
   * on the output partitions and the offsets partition independently, so an engine barrier can pass while
   * the outputs are not yet visible. Hence: the high watermark (read uncommitted, now, which covers every
   * output the barrier's records caused) must fall under the last stable offset, and the reader must be past it.
   */
  void awaitCaughtUp(Duration timeout) throws InterruptedException {
    Map<TopicPartition, Long> written;
    synchronized (highWatermarks) {
      written = highWatermarks.endOffsets(decisionPartitions, Duration.ofSeconds(60));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<TopicPartition, Long> stable;
      synchronized (endOffsets) {
        stable = endOffsets.endOffsets(decisionPartitions, Duration.ofSeconds(60));
      }
      if (written.entrySet().stream().allMatch(end -> stable.getOrDefault(end.getKey(), 0L) >= end.getValue())) {
        await(() -> stable.entrySet().stream().allMatch(end -> positions.getOrDefault(end.getKey(), 0L)
            >= end.getValue()), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
            "the reader to catch up with the engine's outputs " + stable);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("chaos run: timed out after " + timeout + " waiting for the engine's "
            + "transactions to complete (written " + written + ", stable " + stable + ")");
      }
      Thread.sleep(5);
    }
  }

  /** The offset of the last fill read, per partition of fills.hedge. */
  synchronized Map<TopicPartition, Long> lastFillOffsets() {
    return new HashMap<>(lastFillOffsets);
  }

  /** Whether every hedge order stamped at {@code time} read so far is completely filled. */
  synchronized boolean allFilledAt(Instant time) {
    for (HedgeOrder order : orders) {
      if (order.getEventTimeMicros().equals(time)
          && filledByOrder.getOrDefault(order.getOrderId(), 0.0) < order.getQuantity() - 1e-9) {
        return false;
      }
    }
    return true;
  }

  /** The hedge orders read so far, in the order read. */
  synchronized List<HedgeOrder> orders() {
    return List.copyOf(orders);
  }

  /** The fills read so far. */
  synchronized List<Fill> fills() {
    return List.copyOf(fills);
  }

  /** The PnL events read so far. */
  synchronized List<PnlEvent> pnl() {
    return List.copyOf(pnl);
  }

  /** Dead letters read so far, by topic. */
  synchronized Map<String, Long> deadLetters() {
    return Map.copyOf(deadLetters);
  }

  /** Waits until {@code condition} holds, re-checking whenever something is read. */
  synchronized void await(java.util.function.BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("chaos run: timed out after " + timeout + " waiting for " + what);
      }
      wait(Math.max(1, Math.min(50, left / 1_000_000)));
    }
  }

  /** Reads on for {@code quiet} after the last record, so late duplicates are counted too. */
  void drain(Duration quiet) throws InterruptedException {
    int seen = -1;
    int now = size();
    while (seen != now) {
      seen = now;
      Thread.sleep(quiet.toMillis());
      now = size();
    }
  }

  private synchronized int size() {
    return orders.size() + fills.size() + pnl.size() + deadLetters.values().stream().mapToInt(Long::intValue).sum();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
    endOffsets.close();
    highWatermarks.close();
  }
}
