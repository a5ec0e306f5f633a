package io.hedgestream.engine;

import io.hedgestream.metrics.Health;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The engine's probes from its Kafka Streams state: live unless the instance has failed or stopped (ERROR,
 * PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN), ready only while RUNNING, so a rebalancing or restoring
 * instance is alive but not ready.
 */
final class StreamsHealth implements Health {

  private final KafkaStreams streams;

  StreamsHealth(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public Check live() {
    KafkaStreams.State state = streams.state();
    return switch (state) {
      case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> Check.down(state.name());
      default -> Check.up(state.name());
    };
  }

  @Override
  public Check ready() {
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.RUNNING ? Check.up(state.name()) : Check.down(state.name());
  }
}
