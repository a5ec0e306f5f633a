package io.hedgestream.testkit;

/** A running Kafka broker that tests connect to; closing it stops it (when this JVM started it). */
interface TestBroker extends AutoCloseable {

  /** The {@code host:port} list clients connect to. */
  String bootstrapServers();

  /** What kind of broker this is, for log lines and assertions. */
  KafkaFixture.Kind kind();

  /** Stops the broker; never throws. */
  @Override
  void close();
}
