package io.hedgestream.gateway;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed offsets may be committed: per partition, everything below the oldest record still in
 * flight (an order whose fills, or whose dead letter, the broker has not acknowledged yet). After a crash
 * the gateway re-reads from there, so no order is lost; orders that were in flight may execute again with
 * the same fill ids. Thread-safe: records begin on the consumer thread and complete on producer threads.
 */
final class OffsetTracker {

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();

  /** A record at {@code offset} was read and is now in flight. */
  synchronized void begin(TopicPartition partition, long offset) {
    Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
    state.inFlight.add(offset);
    state.next = Math.max(state.next, offset + 1);
  }

  /** The record at {@code offset} is fully handled. */
  synchronized void complete(TopicPartition partition, long offset) {
    Partition state = partitions.get(partition);
    if (state != null) {
      state.inFlight.remove(offset);
    }
  }

  /** The position to commit for every partition seen: the oldest in-flight offset, else the next one. */
  synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    partitions.forEach((partition, state) -> out.put(partition,
        new OffsetAndMetadata(state.inFlight.isEmpty() ? state.next : state.inFlight.first())));
    return out;
  }

  /** Records still in flight over all partitions. */
  synchronized int inFlight() {
    return partitions.values().stream().mapToInt(p -> p.inFlight.size()).sum();
  }

  /** Forgets partitions this consumer no longer owns. */
  synchronized void forget(Collection<TopicPartition> revoked) {
    revoked.forEach(partitions::remove);
  }

  private static final class Partition {
    final TreeSet<Long> inFlight = new TreeSet<>();
    long next;
  }
}
