package io.hedgestream.testkit;

import org.junit.jupiter.api.Test;

/** The round trip of {@link KafkaContainerRoundTripIT} against the in-JVM KRaft broker, so it always runs. */
class EmbeddedBrokerRoundTripIT {

  @Test
  void transactionalRoundTripWorksOnTheInJvmBroker() {
    try (TestBroker broker = TestBrokers.embedded()) {
      RoundTripScenario.run(broker.bootstrapServers());
    }
  }
}
