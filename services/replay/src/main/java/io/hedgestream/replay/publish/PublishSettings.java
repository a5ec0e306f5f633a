package io.hedgestream.replay.publish;

import io.hedgestream.config.PlaybackSpeed;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.metrics.ServiceMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where and how fast a replay is published.
 *
 * @param bootstrapServers the Kafka cluster
 * @param speed the pacing
 * @param kafkaOverrides extra producer settings ({@code kafka.*}, prefix stripped)
 * @param metrics where the publisher serves Prometheus metrics ({@code replay.metrics.port}, -1 = nowhere)
 */
public record PublishSettings(String bootstrapServers, PlaybackSpeed speed, Map<String, Object> kafkaOverrides,
    ServiceMetrics.Settings metrics) {

  /** Settings without a metrics endpoint. */
  public PublishSettings(String bootstrapServers, PlaybackSpeed speed, Map<String, Object> kafkaOverrides) {
    this(bootstrapServers, speed, kafkaOverrides, ServiceMetrics.Settings.OFF);
  }

  /** Validates the fields. */
  public PublishSettings {
    Objects.requireNonNull(speed, "speed");
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers must not be blank");
    }
    kafkaOverrides = Map.copyOf(kafkaOverrides);
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Idempotent producer settings ({@link KafkaClients#producer}) with a 5 ms linger and client id
   * {@code hedgestream-replay} unless the overrides say otherwise.
   */
  public Map<String, Object> producerProperties() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "hedgestream-replay");
    settings.putAll(kafkaOverrides);
    return KafkaClients.producer(bootstrapServers, settings);
  }
}
