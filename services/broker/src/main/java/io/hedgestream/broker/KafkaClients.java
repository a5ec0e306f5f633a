package io.hedgestream.broker;

import java.util.Map;

/**
 * Former home of the Kafka client property builders, now {@link io.hedgestream.kafka.KafkaClients}.
 *
 * @deprecated use {@link io.hedgestream.kafka.KafkaClients}; this forwarder stays only until the benchmark
 *     module and the launcher's delta-hedging IT import the new package, then it is deleted
 */
@Deprecated(forRemoval = true)
public final class KafkaClients {

  private KafkaClients() {}

  /** See {@link io.hedgestream.kafka.KafkaClients#admin}. */
  public static Map<String, Object> admin(String bootstrapServers, Map<String, ?> passThrough) {
    return io.hedgestream.kafka.KafkaClients.admin(bootstrapServers, passThrough);
  }

  /** See {@link io.hedgestream.kafka.KafkaClients#producer}. */
  public static Map<String, Object> producer(String bootstrapServers, Map<String, ?> passThrough) {
    return io.hedgestream.kafka.KafkaClients.producer(bootstrapServers, passThrough);
  }

  /** See {@link io.hedgestream.kafka.KafkaClients#consumer}. */
  public static Map<String, Object> consumer(String bootstrapServers, String groupId, Map<String, ?> passThrough) {
    return io.hedgestream.kafka.KafkaClients.consumer(bootstrapServers, groupId, passThrough);
  }
}
