package io.hedgestream.launcher;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the study asks of the broker's admin API: watching consumer groups' committed offsets, to know
 * that the engine has handled records (it commits, within its transaction, the offset of a fill once it has
 * booked it), and emptying the shared topics afterwards.
 */
final class DeltaHedgingAdmin implements AutoCloseable {

  private final Admin admin;

  /**
   * Creates the watcher.
   *
   * @param adminProps admin client settings
   */
  DeltaHedgingAdmin(Map<String, Object> adminProps) {
    this.admin = Admin.create(adminProps);
  }

  /**
   * Waits until {@code group} has committed at least {@code ends} on every partition named there.
   *
   * @param group consumer group (a Kafka Streams application id is its group)
   * @param ends offsets to reach, exclusive ends of what was written
   * @param timeout how long to wait
   * @throws IllegalStateException on timeout
   */
  void awaitCommitted(String group, Map<TopicPartition, Long> ends, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!hasCommitted(group, ends)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(group + " did not commit " + ends + " within " + timeout);
      }
      Thread.sleep(2);
    }
  }

  /**
   * Deletes every record of {@code topics} (all partitions, up to their current end), so that later tests on
   * a shared broker do not replay this study's records.
   *
   * @param topics topic names
   */
  void truncate(Collection<String> topics) throws InterruptedException {
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
          .forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
      Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((partition, end) ->
          deletions.put(partition, RecordsToDelete.beforeOffset(end.offset())));
      admin.deleteRecords(deletions).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot truncate " + topics + ": " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  private boolean hasCommitted(String group, Map<TopicPartition, Long> ends) throws InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of " + group + ": " + e, e);
    }
    return ends.entrySet().stream().allMatch(end -> {
      OffsetAndMetadata offset = committed.get(end.getKey());
      return (offset == null ? 0 : offset.offset()) >= end.getValue();
    });
  }
}
