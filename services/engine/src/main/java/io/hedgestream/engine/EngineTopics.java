package io.hedgestream.engine;

import io.hedgestream.schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Start-up checks of the topics the engine reads, and their creation when asked
 * ({@code engine.topics.create}). Kept in the engine with the plain Admin client rather than using the
 * broker module's helper, which would put the whole Kafka broker on the engine's classpath.
 */
final class EngineTopics {

  private static final long TIMEOUT_SECONDS = 30;

  private EngineTopics() {}

  /** Creates every HedgeStream topic that does not exist yet. */
  static void create(EngineConfig config) {
    try (Admin admin = Admin.create(adminProperties(config))) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String name : Topics.allNames()) {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, config.topicPartitions(), config.topicReplicationFactor()));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topics on " + config.bootstrapServers(), e);
    }
  }

  /**
   * Checks that the input topics exist, that ticks, client orders and fills are co-partitioned (same
   * partition count, so a symbol meets in one task), and that {@code policy.control} has at least as many
   * partitions as {@code md.ticks} (its broadcast must reach every task).
   *
   * @throws IllegalStateException naming what is wrong
   */
  static void verify(EngineConfig config) {
    List<String> inputs = List.of(Topics.MD_TICKS.name(), Topics.ORDERS_CLIENT.name(), Topics.FILLS_HEDGE.name(),
        Topics.POLICY_CONTROL.name());
    Map<String, Integer> partitions = new HashMap<>();
    try (Admin admin = Admin.create(adminProperties(config))) {
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
    for (String name : List.of(Topics.ORDERS_CLIENT.name(), Topics.FILLS_HEDGE.name())) {
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

  private static Properties adminProperties(EngineConfig config) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    config.kafkaOverrides().forEach((name, value) -> {
      if (AdminClientConfig.configNames().contains(name)) {
        props.put(name, value);
      }
    });
    return props;
  }
}
