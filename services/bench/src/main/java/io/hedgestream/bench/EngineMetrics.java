package io.hedgestream.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The engine's own account of where its time goes, read from Kafka Streams' metrics at the end of a run:
 * the stream thread's poll, process and commit latencies and ratios, and the producer's queue time and
 * request latency (what {@code linger.ms} and the broker add before an output is written).
 */
final class EngineMetrics {

  private static final Set<String> THREAD = Set.of("poll-latency-avg", "poll-latency-max", "process-latency-avg",
      "process-latency-max", "commit-latency-avg", "commit-latency-max", "commit-rate", "process-rate",
      "poll-ratio", "process-ratio", "commit-ratio", "punctuate-ratio", "process-records-avg", "poll-records-avg");
  private static final Set<String> PRODUCER = Set.of("record-queue-time-avg", "record-queue-time-max",
      "request-latency-avg", "request-latency-max", "records-per-request-avg", "batch-size-avg", "txn-commit-time-ns-total",
      "flush-time-ns-total");
  private static final Set<String> CONSUMER = Set.of("fetch-latency-avg", "fetch-latency-max", "records-per-request-avg");

  private EngineMetrics() {}

  /**
   * Selected metrics of {@code streams}, keyed {@code group/name} (plus the client id for clients).
   *
   * @param streams the engine's Kafka Streams instance
   * @return metric name to value, sorted
   */
  static Map<String, Object> of(KafkaStreams streams) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
      MetricName name = entry.getKey();
      String group = name.group();
      boolean wanted = group.equals("stream-thread-metrics") && THREAD.contains(name.name())
          || group.equals("producer-metrics") && PRODUCER.contains(name.name())
          || group.equals("consumer-fetch-manager-metrics") && CONSUMER.contains(name.name())
              && !name.tags().containsKey("topic") && !name.tags().containsKey("partition");
      Object value = entry.getValue().metricValue();
      if (wanted && value instanceof Number number && Double.isFinite(number.doubleValue())) {
        String client = name.tags().getOrDefault("client-id", name.tags().getOrDefault("thread-id", ""));
        String role = client.endsWith("-producer") ? "producer" : client.endsWith("-restore-consumer") ? "restore"
            : client.endsWith("-consumer") ? "consumer" : "thread";
        out.put(group + "/" + role + "/" + name.name(), ThroughputRun.round(number.doubleValue(), 3));
      }
    }
    return out;
  }
}
