package io.hedgestream.engine;

import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import io.hedgestream.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Start-up checks of the topics the engine reads, and their creation when asked
 * ({@code engine.topics.create}) through the shared {@link TopicAdmin}.
 */
final class EngineTopics {

  private static final long TIMEOUT_SECONDS = 30;

  private EngineTopics() {}

  /**
   * Creates every HedgeStream topic that does not exist yet, with {@code engine.topics.partitions}
   * partitions and {@code engine.topics.replication-factor} replicas.
   */
  static void create(EngineConfig config) {
    TopicAdmin.ensureTopics(config.bootstrapServers(), adminOverrides(config), config.topicPartitions(),
        config.topicReplicationFactor(), Topics.allNames());
  }

  /**
   * Checks that the input topics exist, that ticks, client orders, fills and order statuses are co-partitioned (same
   * partition count, so a symbol meets in one task), and that {@code policy.control} has at least as many
   * partitions as {@code md.ticks} (its broadcast must reach every task).
   *
   * @throws IllegalStateException naming what is wrong
   */
  static void verify(EngineConfig config) {
    List<String> inputs = List.of(Topics.MD_TICKS.name(), Topics.ORDERS_CLIENT.name(), Topics.FILLS_HEDGE.name(),
        Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name());
    Map<String, Integer> partitions = new HashMap<>();
    try (Admin admin = Admin.create(KafkaClients.admin(config.bootstrapServers(), adminOverrides(config)))) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<String> missing = inputs.stream().filter(name -> !existing.contains(name)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalStateException("missing input topics " + missing + " on " + config.bootstrapServers()
            + ": create them (hedge demo does) or set engine.topics.create=true");
      }
      Map<String, TopicDescription> described =
          admin.describeTopics(inputs).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      described.forEach((name, description) -> partitions.put(name, description.partitions().size()));
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out checking topics on " + config.bootstrapServers(), e);
    }
    checkPartitions(partitions);
  }

  static void checkPartitions(Map<String, Integer> partitions) {
    int ticks = partitions.get(Topics.MD_TICKS.name());
    for (String name : List.of(Topics.ORDERS_CLIENT.name(), Topics.FILLS_HEDGE.name(), Topics.ORDERS_STATUS.name())) {
      if (partitions.get(name) != ticks) {
        throw new IllegalStateException(name + " has " + partitions.get(name) + " partitions but "
            + Topics.MD_TICKS.name() + " has " + ticks + ": inputs must be co-partitioned by symbol");
      }
    }
    int control = partitions.get(Topics.POLICY_CONTROL.name());
    if (control < ticks) {
      throw new IllegalStateException(Topics.POLICY_CONTROL.name() + " has " + control + " partitions, fewer than the "
          + ticks + " of " + Topics.MD_TICKS.name() + ": control commands would not reach every task");
    }
  }

  /** The {@code kafka.*} settings an admin client knows; Streams-only ones would only draw warnings. */
  private static Map<String, Object> adminOverrides(EngineConfig config) {
    Map<String, Object> overrides = new HashMap<>(config.kafkaOverrides());
    overrides.keySet().retainAll(AdminClientConfig.configNames());
    return overrides;
  }
}
