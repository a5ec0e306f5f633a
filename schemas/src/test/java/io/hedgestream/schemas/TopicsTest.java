package io.hedgestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldNameEveryTopicOfTheArchitectureWithItsDeadLetterTopic() {
    assertThat(Topics.allNames()).containsExactly(
        "md.ticks", "md.ticks.dlq", "orders.client", "orders.client.dlq", "orders.hedge", "orders.hedge.dlq",
        "fills.hedge", "fills.hedge.dlq", "orders.status", "orders.status.dlq", "pnl.events", "pnl.events.dlq", "risk.metrics", "risk.metrics.dlq",
        "regime.events", "regime.events.dlq", "policy.control", "policy.control.dlq");
  }

  @Test
  void shouldRejectIllegalTopicName() {
    assertThatThrownBy(() -> new Topic<>("bad name", Serdes.String(), Serdes.String()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldExposeRawBytesViewWithSameName() {
    assertThat(Topics.raw(Topics.MD_TICKS).name()).isEqualTo("md.ticks");
  }
}
