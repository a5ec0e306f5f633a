package io.hedgestream.engine.processor;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends every record to every partition (Kafka Streams multicast): how control commands reach the book
 * processor of every task, whatever symbol they name.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class BroadcastPartitioner<K, V> implements StreamPartitioner<K, V> {

  /** Name of the control broadcast (internal topic {@code <application.id>-control-broadcast-repartition}). */
  public static final String CONTROL_BROADCAST = "control-broadcast";

  @Override
  public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
    Set<Integer> all = new HashSet<>();
    for (int partition = 0; partition < numPartitions; partition++) {
      all.add(partition);
    }
    return Optional.of(all);
  }
}
