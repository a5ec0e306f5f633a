package io.hedgestream.bench;

import io.hedgestream.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the committed records of a topic (read_committed, so aborted and marker offsets are not counted),
 * in all or by a label of each record.
 */
final class OutputCounter {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private OutputCounter() {}

  /**
   * Reads {@code topic} from the beginning to its last stable offset and counts the records.
   *
   * @param cluster the broker
   * @param topic the topic
   * @return committed records
   */
  static long count(BenchCluster cluster, String topic) {
    return countBy(cluster, topic, value -> "all").values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Reads {@code topic} from the beginning to its last stable offset and counts the records by label.
   *
   * @param cluster the broker
   * @param topic the topic
   * @param label the label of a record's value
   * @return committed records by label, sorted by label
   */
  static Map<String, Long> countBy(BenchCluster cluster, String topic, Function<byte[], String> label) {
    Map<String, Long> counts = new TreeMap<>();
    readAll(cluster, topic, record -> counts.merge(label.apply(record.value()), 1L, Long::sum));
    return counts;
  }

  /**
   * Reads {@code topic} from the beginning to its last stable offset (read_committed), handing every record to
   * {@code each}.
   *
   * @param cluster the broker
   * @param topic the topic (as many partitions as the cluster's topics)
   * @param each what to do with a record
   */
  static void readAll(BenchCluster cluster, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Map<String, Object> props = KafkaClients.consumer(cluster.bootstrapServers(), "bench-counter-" + topic,
        Map.of("max.poll.records", 10_000));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = cluster.partitionsOf(topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          each.accept(record);
        }
      }
    }
  }
}
