package io.hedgestream.broker;

import java.util.Collection;
import java.util.Map;

/**
 * Former home of idempotent topic creation, now {@link io.hedgestream.kafka.TopicAdmin}.
 *
 * @deprecated use {@link io.hedgestream.kafka.TopicAdmin}; this forwarder stays only until the benchmark
 *     module imports the new package, then it is deleted
 */
@Deprecated(forRemoval = true)
public final class TopicAdmin {

  private TopicAdmin() {}

  /** See {@link io.hedgestream.kafka.TopicAdmin#ensureTopics(String, Map, int, Collection)}. */
  public static void ensureTopics(String bootstrapServers, Map<String, ?> clientOverrides, int partitions,
      Collection<String> names) {
    io.hedgestream.kafka.TopicAdmin.ensureTopics(bootstrapServers, clientOverrides, partitions, names);
  }
}
