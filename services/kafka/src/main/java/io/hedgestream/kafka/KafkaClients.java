package io.hedgestream.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Property builders for Kafka clients. Every builder starts from the bootstrap servers, applies
 * HedgeStream's defaults, and finally layers the deployment's pass-through settings on top, so a cluster's
 * {@code security.protocol}, {@code sasl.*} and {@code ssl.*} (or any other client setting) reach every
 * client unchanged.
 *
 * <p>Services read pass-through settings from their configuration under the {@code kafka.} prefix; see
 * {@link #passThrough(Properties)}.
 */
public final class KafkaClients {

  /** The prefix under which service configurations carry Kafka client settings. */
  public static final String PASS_THROUGH_PREFIX = "kafka.";

  private KafkaClients() {}

  /**
   * The Kafka client settings in {@code config}: every property named {@code kafka.<name>} becomes
   * {@code <name>}, e.g. {@code kafka.security.protocol=SASL_SSL} becomes {@code security.protocol=SASL_SSL}.
   */
  public static Map<String, Object> passThrough(Properties config) {
    Map<String, Object> out = new HashMap<>();
    for (String name : config.stringPropertyNames()) {
      if (name.startsWith(PASS_THROUGH_PREFIX) && name.length() > PASS_THROUGH_PREFIX.length()) {
        out.put(name.substring(PASS_THROUGH_PREFIX.length()), config.getProperty(name));
      }
    }
    return out;
  }

  /** Admin client settings: bootstrap servers plus the pass-through settings. */
  public static Map<String, Object> admin(String bootstrapServers, Map<String, ?> passThrough) {
    return withOverrides(base(bootstrapServers), passThrough);
  }

  /**
   * Idempotent producer settings (acks=all, byte-array serializers unless overridden, a short linger
   * for batching without visible latency).
   */
  public static Map<String, Object> producer(String bootstrapServers, Map<String, ?> passThrough) {
    Map<String, Object> p = base(bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        "org.apache.kafka.common.serialization.ByteArraySerializer");
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        "org.apache.kafka.common.serialization.ByteArraySerializer");
    return withOverrides(p, passThrough);
  }

  /** Transactional producer settings: {@link #producer} plus the given {@code transactional.id}. */
  public static Map<String, Object> transactionalProducer(String bootstrapServers, String transactionalId,
      Map<String, ?> passThrough) {
    Objects.requireNonNull(transactionalId, "transactionalId");
    Map<String, Object> p = producer(bootstrapServers, Map.of());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return withOverrides(p, passThrough);
  }

  /**
   * Consumer settings for a group that reads only committed records ({@code read_committed}), starts from
   * the earliest offset when the group is new, and commits offsets itself (auto-commit off).
   */
  public static Map<String, Object> consumer(String bootstrapServers, String groupId,
      Map<String, ?> passThrough) {
    Objects.requireNonNull(groupId, "groupId");
    Map<String, Object> p = base(bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    return withOverrides(p, passThrough);
  }

  /** The given map as {@link Properties}, for APIs (Kafka Streams) that take them. */
  public static Properties toProperties(Map<String, ?> settings) {
    Properties props = new Properties();
    settings.forEach((k, v) -> props.put(k, v));
    return props;
  }

  private static Map<String, Object> base(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers must be set, e.g. 127.0.0.1:9092");
    }
    Map<String, Object> p = new HashMap<>();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  private static Map<String, Object> withOverrides(Map<String, Object> base, Map<String, ?> passThrough) {
    Objects.requireNonNull(passThrough, "passThrough");
    base.putAll(passThrough);
    return base;
  }
}
