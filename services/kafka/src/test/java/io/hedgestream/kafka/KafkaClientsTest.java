package io.hedgestream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  @Test
  void passThroughStripsTheKafkaPrefixAndIgnoresOtherProperties() {
    Properties config = new Properties();
    config.setProperty("kafka.security.protocol", "SASL_SSL");
    config.setProperty("kafka.sasl.mechanism", "SCRAM-SHA-512");
    config.setProperty("engine.decision.interval", "1s");
    config.setProperty("kafka.", "ignored");

    assertThat(KafkaClients.passThrough(config))
        .containsOnly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
  }

  @Test
  void passThroughSettingsWinOverDefaults() {
    Map<String, Object> consumer = KafkaClients.consumer("h:1", "g",
        Map.of("isolation.level", "read_uncommitted", "ssl.truststore.location", "/t.jks"));

    assertThat(consumer).containsEntry("bootstrap.servers", "h:1")
        .containsEntry("group.id", "g")
        .containsEntry("isolation.level", "read_uncommitted")
        .containsEntry("ssl.truststore.location", "/t.jks");
  }

  @Test
  void consumerDefaultsToReadCommittedFromEarliest() {
    assertThat(KafkaClients.consumer("h:1", "g", Map.of()))
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("enable.auto.commit", false);
  }

  @Test
  void transactionalProducerIsIdempotentWithAllAcks() {
    assertThat(KafkaClients.transactionalProducer("h:1", "tx-1", Map.of()))
        .containsEntry("transactional.id", "tx-1")
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all");
  }

  @Test
  void rejectsMissingBootstrapServers() {
    assertThatThrownBy(() -> KafkaClients.admin(" ", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap");
  }
}
