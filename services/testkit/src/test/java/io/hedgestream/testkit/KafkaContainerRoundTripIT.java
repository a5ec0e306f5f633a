package io.hedgestream.testkit;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The round trip against a Testcontainers {@code apache/kafka} broker. Skipped where no Docker engine runs;
 * {@link EmbeddedBrokerRoundTripIT} runs the same body against the in-JVM broker everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerRoundTripIT {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse(TestBrokers.DEFAULT_IMAGE));

  @Test
  void transactionalRoundTripWorksInAContainer() {
    RoundTripScenario.run(KAFKA.getBootstrapServers());
  }
}
