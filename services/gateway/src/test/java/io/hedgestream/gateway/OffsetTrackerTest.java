package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private static final TopicPartition P0 = new TopicPartition("orders.hedge", 0);
  private static final TopicPartition P1 = new TopicPartition("orders.hedge", 1);

  @Test
  void commitsUpToTheOldestRecordStillInFlight() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.begin(P0, 10);
    tracker.begin(P0, 11);
    tracker.begin(P0, 12);
    tracker.complete(P0, 11);
    tracker.complete(P0, 12);
    assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(10));
    tracker.complete(P0, 10);
    assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(13));
  }

  @Test
  void partitionsAreIndependentAndRevokedOnesAreForgotten() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.begin(P0, 5);
    tracker.begin(P1, 7);
    tracker.complete(P1, 7);
    assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(5))
        .containsEntry(P1, new OffsetAndMetadata(8));
    assertThat(tracker.inFlight()).isEqualTo(1);
    tracker.forget(List.of(P0));
    assertThat(tracker.committable()).containsOnlyKeys(P1);
  }
}
