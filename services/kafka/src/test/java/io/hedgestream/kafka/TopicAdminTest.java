package io.hedgestream.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argument checks that fail before any connection (creation itself is tested on a real broker, in broker). */
class TopicAdminTest {

  @Test
  void shouldRefuseFewerThanOnePartition() {
    assertThatThrownBy(() -> TopicAdmin.ensureTopics("unused:9092", Map.of(), 0, List.of("t")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
  }

  @Test
  void shouldRefuseFewerThanOneReplica() {
    assertThatThrownBy(() -> TopicAdmin.ensureTopics("unused:9092", Map.of(), 1, (short) 0, List.of("t")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicationFactor");
  }
}
