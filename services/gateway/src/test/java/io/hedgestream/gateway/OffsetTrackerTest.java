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
    assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(10, "v1 next=13 inflight="));
    tracker.complete(P0, 10);
    assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(13, "v1 next=13 inflight="));
  }

  @Test
  void partitionsAreIndependentAndRevokedOnesAreForgotten() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.begin(P0, 5);
    tracker.begin(P1, 7);
    tracker.complete(P1, 7);
    assertThat(tracker.committable().get(P0).offset()).isEqualTo(5);
    assertThat(tracker.committable().get(P1).offset()).isEqualTo(8);
    assertThat(tracker.inFlight()).isEqualTo(1);
    tracker.forget(List.of(P0));
    assertThat(tracker.committable()).containsOnlyKeys(P1);
  }

  @Test
  void theCommitNamesTheRecordsStillInFlightAboveThePosition() {
    OffsetTracker tracker = new OffsetTracker();
    for (long offset = 20; offset < 30; offset++) {
      tracker.begin(P0, offset);
    }
    for (long offset = 20; offset < 30; offset++) {
      if (offset != 22 && offset != 25 && offset != 29) {
        tracker.complete(P0, offset);
      }
    }
    assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(22, "v1 next=30 inflight=3,7"));
  }

  @Test
  void aRestoredSessionKnowsExactlyWhichRecordsWereHandled() {
    OffsetTracker restored = new OffsetTracker();
    restored.restore(P0, new OffsetAndMetadata(22, "v1 next=30 inflight=3,7"));
    assertThat(restored.handledBefore(P0, 21)).as("below the position: never re-read").isFalse();
    assertThat(restored.handledBefore(P0, 22)).isFalse();
    assertThat(restored.handledBefore(P0, 23)).isTrue();
    assertThat(restored.handledBefore(P0, 25)).isFalse();
    assertThat(restored.handledBefore(P0, 28)).isTrue();
    assertThat(restored.handledBefore(P0, 29)).isFalse();
    assertThat(restored.handledBefore(P0, 30)).as("new records").isFalse();
    assertThat(restored.committable()).as("nothing re-read yet: the same commit")
        .containsEntry(P0, new OffsetAndMetadata(22, "v1 next=30 inflight=3,7"));
    restored.begin(P0, 22);
    restored.complete(P0, 22);
    restored.begin(P0, 23);
    restored.complete(P0, 23);
    assertThat(restored.committable()).containsEntry(P0, new OffsetAndMetadata(25, "v1 next=30 inflight=4"));
  }

  @Test
  void aCommitWithoutMetadataMeansEveryRecordFromThePositionIsNew() {
    OffsetTracker restored = new OffsetTracker();
    restored.restore(P0, new OffsetAndMetadata(40));
    assertThat(restored.handledBefore(P0, 40)).isFalse();
    assertThat(restored.handledBefore(P0, 41)).isFalse();
    restored.restore(P1, new OffsetAndMetadata(7, "garbage"));
    assertThat(restored.handledBefore(P1, 8)).isFalse();
  }

  @Test
  void whatIsPublishedOfARecordInFlightIsCommittedWithItAndReadBack() {
    OffsetTracker first = new OffsetTracker();
    TopicPartition orders = new TopicPartition("orders.hedge", 0);
    for (long offset = 10; offset < 14; offset++) {
      first.begin(orders, offset);
    }
    first.complete(orders, 11);
    first.note(orders, 12, "4.0/400.0");
    first.note(orders, 12, "7.0/703.0");
    first.note(orders, 11, "1.0/1.0");
    org.apache.kafka.clients.consumer.OffsetAndMetadata commit = first.committable().get(orders);
    assertThat(commit.metadata()).isEqualTo("v1 next=14 inflight=2,3 filled=2:7.0/703.0");

    OffsetTracker second = new OffsetTracker();
    second.restore(orders, commit);
    assertThat(second.restoredNote(orders, 12)).contains("7.0/703.0");
    assertThat(second.restoredNote(orders, 10)).as("in flight, nothing published").contains("");
    assertThat(second.restoredNote(orders, 11)).as("handled before").isEmpty();
    second.begin(orders, 10);
    assertThat(second.committable().get(orders).metadata())
        .as("a note the new session has not re-read yet is carried").contains("filled=2:7.0/703.0");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> second.note(orders, 10, "7 / 703"));
  }
}
