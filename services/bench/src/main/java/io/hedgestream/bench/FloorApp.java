package io.hedgestream.bench;

import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.StreamsProperties;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The floor a Kafka Streams engine cannot go below on this broker: a pass-through application that turns each
 * tick of {@code md.ticks} into one record on {@link #TOPIC}, the tick's own bytes under its key, with no
 * state and no decoding. It runs with the engine's Kafka Streams properties ({@link StreamsProperties#of}):
 * the same guarantee, commit interval, producer and consumer settings, so an engine figure divided by the
 * floor's, measured in the same run, is the engine's own cost on a machine whose absolute speed drifts.
 */
final class FloorApp implements AutoCloseable {

  /** The floor's output topic, created with the HedgeStream topics by {@link BenchCluster}. */
  static final String TOPIC = "bench.floor";

  private final KafkaStreams streams;

  private FloorApp(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * Starts the pass-through with {@code config}'s Kafka Streams properties.
   *
   * @param config an engine configuration (its application id names the floor's group)
   * @return the running application
   */
  static FloorApp start(EngineConfig config) {
    Properties properties = StreamsProperties.of(config);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.MD_TICKS.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    KafkaStreams streams = new KafkaStreams(builder.build(properties), properties);
    streams.start();
    return new FloorApp(streams);
  }

  /** Waits until the application is RUNNING; false on timeout. */
  boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** The Kafka Streams instance, for its metrics. */
  KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
