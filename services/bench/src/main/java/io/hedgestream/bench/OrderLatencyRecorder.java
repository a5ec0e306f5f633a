package io.hedgestream.bench;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A downstream reader of {@code orders.hedge} (read_committed, like the gateway) that measures, for each
 * policy order whose decision tick was sent inside the measurement window, receive wall time minus the
 * order's event time. The event time is that of the tick the decision was made on, which the load generator
 * stamps with the wall clock when it sends the tick; producer, recorder and engine share this JVM's clock.
 * {@link #ofFloor} reads the floor's pass-through ticks the same way, each tick's own event time.
 */
final class OrderLatencyRecorder implements AutoCloseable {

  private static final long HIGHEST_MICROS = 120_000_000L;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Deserializer<HedgeOrder> orders = Topics.ORDERS_HEDGE.valueSerde().deserializer();
  private final Deserializer<MarketTick> ticks = Topics.MD_TICKS.valueSerde().deserializer();
  private final Histogram latencyMicros = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram toAppendMicros = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram afterAppendMicros = new Histogram(HIGHEST_MICROS, 3);
  private final AtomicLong received = new AtomicLong();
  private final Map<String, Long> bySource = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile long windowStartMicros = Long.MAX_VALUE;
  private volatile long windowEndMicros = Long.MAX_VALUE;
  private volatile boolean running = true;

  /**
   * Starts reading from the current end of {@code orders.hedge}.
   *
   * @param cluster the broker
   */
  OrderLatencyRecorder(BenchCluster cluster) {
    this(cluster, Topics.ORDERS_HEDGE.name());
  }

  /**
   * Starts reading from the current end of the floor's output topic: every pass-through tick is measured.
   *
   * @param cluster the broker
   * @return the running recorder
   */
  static OrderLatencyRecorder ofFloor(BenchCluster cluster) {
    return new OrderLatencyRecorder(cluster, FloorApp.TOPIC);
  }

  private OrderLatencyRecorder(BenchCluster cluster, String topic) {
    this.topic = topic;
    Map<String, Object> props = KafkaClients.consumer(cluster.bootstrapServers(), "bench-latency-recorder", Map.of());
    this.consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = cluster.partitionsOf(topic);
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    this.thread = new Thread(this::run, "bench-latency-recorder");
    thread.start();
  }

  /** Orders whose event time lies in [start, end) epoch microseconds are measured. */
  void window(long startMicros, long endMicros) {
    windowStartMicros = startMicros;
    windowEndMicros = endMicros;
  }

  /** Measured records (policy orders, or the floor's ticks) received so far, inside the window or not. */
  long received() {
    return received.get();
  }

  /** Every order received so far by {@link OrderSource} (reason and policy version), sorted. */
  Map<String, Long> ordersBySource() {
    return new TreeMap<>(bySource);
  }

  /** The latencies measured, microseconds; read it after {@link #close()}. */
  Histogram histogram() {
    return latencyMicros;
  }

  /**
   * The part of each latency until the broker appended the order (its LogAppendTime, millisecond
   * resolution): tick delivery, the engine's fetch, processing and produce. Empty unless the topic uses
   * LogAppendTime.
   */
  Histogram toAppend() {
    return toAppendMicros;
  }

  /** The rest: from the order's append until this reader received it (transaction commit, fetch). */
  Histogram afterAppend() {
    return afterAppendMicros;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          long now = BookSetup.nowMicros();
          long event = eventMicros(record.value());
          if (event < 0) {
            continue;
          }
          received.incrementAndGet();
          if (event >= windowStartMicros && event < windowEndMicros) {
            latencyMicros.recordValue(clamp(now - event));
            if (record.timestampType() == TimestampType.LOG_APPEND_TIME) {
              long appended = record.timestamp() * 1_000L;
              toAppendMicros.recordValue(clamp(appended - event));
              afterAppendMicros.recordValue(clamp(now - appended));
            }
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** The tick event time of an output record, epoch microseconds, or -1 when it is not measured. */
  private long eventMicros(byte[] value) {
    if (topic.equals(FloorApp.TOPIC)) {
      return micros(ticks.deserialize(Topics.MD_TICKS.name(), value).getEventTimeMicros());
    }
    HedgeOrder order = orders.deserialize(topic, value);
    bySource.merge(OrderSource.of(order), 1L, Long::sum);
    return order.getReason() == HedgeReason.POLICY ? micros(order.getEventTimeMicros()) : -1;
  }

  private static long clamp(long micros) {
    return Math.min(Math.max(micros, 0), HIGHEST_MICROS);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
