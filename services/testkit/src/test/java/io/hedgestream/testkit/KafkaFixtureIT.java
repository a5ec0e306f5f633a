package io.hedgestream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared fixture broker: in-JVM KRaft here (no Docker), a container where Docker runs. */
@ExtendWith(KafkaFixture.class)
class KafkaFixtureIT {

  @Test
  void transactionalRoundTripWorksOnTheFixtureBroker() {
    RoundTripScenario.run(KafkaFixture.bootstrapServers());
  }

  @Test
  void usesAContainerExactlyWhenDockerIsAvailable() {
    if (System.getProperty(TestBrokers.BOOTSTRAP_PROPERTY) != null
        || System.getProperty(TestBrokers.KIND_PROPERTY) != null) {
      return;
    }
    KafkaFixture.Kind expected =
        TestBrokers.dockerAvailable() ? KafkaFixture.Kind.CONTAINER : KafkaFixture.Kind.EMBEDDED;

    assertThat(KafkaFixture.kind()).isEqualTo(expected);
  }

  @Test
  void theBrokerIsSharedAcrossCalls() {
    assertThat(KafkaFixture.bootstrapServers()).isEqualTo(KafkaFixture.bootstrapServers());
  }

  @Test
  void createTopicsIsIdempotent() {
    KafkaFixture.createTopics("fixture.idempotent");
    KafkaFixture.createTopics("fixture.idempotent");
  }
}
