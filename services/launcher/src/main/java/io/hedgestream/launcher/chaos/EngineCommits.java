package io.hedgestream.launcher.chaos;

import io.hedgestream.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far an engine running in another process has processed its inputs: its Kafka Streams application's
 * committed offsets, read with {@code requireStable} so an offset still inside an open transaction is not
 * reported. Under exactly-once an offset commits in the same transaction as the outputs of the records
 * before it, so a committed offset past a record means the record was processed and its orders and PnL are
 * visible to read_committed consumers: the lockstep barrier, whatever instance, restart or fail-over did it.
 */
final class EngineCommits implements AutoCloseable {

  private final Admin admin;
  private final String applicationId;

  EngineCommits(String bootstrapServers, String applicationId) {
    Map<String, Object> props = KafkaClients.admin(bootstrapServers, Map.of());
    props.put("request.timeout.ms", 5_000);
    props.put("default.api.timeout.ms", 10_000);
    this.admin = Admin.create(props);
    this.applicationId = applicationId;
  }

  /**
   * Waits until the engine has committed past every given offset (the offset of the last record it must
   * have processed, per input partition), retrying through broker restarts and engine fail-overs.
   *
   * @throws IllegalStateException after {@code timeout}
   */
  void awaitProcessed(Map<TopicPartition, Long> lastOffsets, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> committed = Map.of();
    while (true) {
      committed = committedOrEmpty(committed);
      if (covers(committed, lastOffsets)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("chaos run: timed out after " + timeout + " waiting for the engine to "
            + "process " + what + " (needed " + lastOffsets + ", committed " + committed + ")");
      }
      Thread.sleep(2);
    }
  }

  private Map<TopicPartition, Long> committedOrEmpty(Map<TopicPartition, Long> previous) throws InterruptedException {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId,
              new ListConsumerGroupOffsetsOptions().requireStable(true))
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, Long> out = new HashMap<>();
      offsets.forEach((partition, offset) -> {
        if (offset != null) {
          out.put(partition, offset.offset());
        }
      });
      return out;
    } catch (ExecutionException | TimeoutException e) {
      Thread.sleep(100); // the broker is restarting, or the group coordinator moving
      return previous;
    }
  }

  private static boolean covers(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> lastOffsets) {
    for (Map.Entry<TopicPartition, Long> last : lastOffsets.entrySet()) {
      if (committed.getOrDefault(last.getKey(), -1L) <= last.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
