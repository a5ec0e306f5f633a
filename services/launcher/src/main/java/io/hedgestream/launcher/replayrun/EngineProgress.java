package io.hedgestream.launcher.replayrun;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * How far the engine has processed its inputs, read in process from its Kafka Streams tasks' committed
 * offsets. An at-least-once commit first flushes the task's producer, so a committed offset past a record
 * means the record was processed AND every output of its processing (hedge orders, PnL events) is on the
 * broker. This is the lockstep's barrier: it needs no timing assumption about fetches or record timestamps.
 */
final class EngineProgress {

  private static final long POLL_NANOS = 50_000;

  private final KafkaStreams streams;

  EngineProgress(KafkaStreams streams) {
    this.streams = streams;
  }

  /** The next offset to process of every input partition the engine has committed (absent: none yet). */
  Map<TopicPartition, Long> committed() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      for (TaskMetadata task : thread.activeTasks()) {
        offsets.putAll(task.committedOffsets());
      }
    }
    return offsets;
  }

  /**
   * Waits until the engine has processed, and published the outputs of, every record up to the given offsets.
   *
   * @param lastOffsets the offset of the last record that must be processed, per input partition
   * @param timeout how long to wait
   * @param what what is waited for, for the timeout's message
   * @throws IllegalStateException after {@code timeout}
   */
  void awaitProcessed(Map<TopicPartition, Long> lastOffsets, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!processed(lastOffsets)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("replay run: timed out after " + timeout + " waiting for the engine to "
            + "process " + what + " (needed " + lastOffsets + ", committed " + committed() + ")");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private boolean processed(Map<TopicPartition, Long> lastOffsets) {
    if (lastOffsets.isEmpty()) {
      return true;
    }
    Map<TopicPartition, Long> committed = committed();
    for (Map.Entry<TopicPartition, Long> last : lastOffsets.entrySet()) {
      if (committed.getOrDefault(last.getKey(), -1L) <= last.getValue()) {
        return false;
      }
    }
    return true;
  }
}
