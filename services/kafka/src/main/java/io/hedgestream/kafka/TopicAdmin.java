package io.hedgestream.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Idempotent topic creation. Deployments call it at start-up with {@code Topics.allNames()}; running it
 * twice, or from several processes at once, leaves the same topics behind. A topic with more than one
 * replica gets {@code min.insync.replicas = replicas - 1}, so it stays writable with one broker down.
 */
public final class TopicAdmin {

  /** Replication factor used on clusters with at least this many brokers; fewer brokers get one each. */
  static final int MAX_REPLICATION = 3;
  /** Marks "derive the replication factor from the cluster size". */
  private static final short CLUSTER_SIZED = 0;
  private static final long TIMEOUT_SECONDS = 60;
  private static final long VISIBILITY_POLL_MILLIS = 50;

  private TopicAdmin() {}

  /**
   * Creates every topic in {@code names} that does not exist yet, with {@code partitions} partitions and a
   * replication factor of {@code min(3, brokers)} (1 on a single local broker). Existing topics are left
   * as they are, whatever their partition count. Returns once the new topics' metadata is served, so
   * clients can use them at once.
   *
   * @param bootstrapServers the cluster to connect to
   * @param clientOverrides pass-through admin client settings (security etc.), possibly empty
   * @param partitions partitions per new topic, at least 1
   * @param names the topic names
   * @throws IllegalStateException if the cluster cannot be reached or refuses a creation
   */
  public static void ensureTopics(String bootstrapServers, Map<String, ?> clientOverrides, int partitions,
      Collection<String> names) {
    create(bootstrapServers, clientOverrides, partitions, CLUSTER_SIZED, names);
  }

  /**
   * As {@link #ensureTopics(String, Map, int, Collection)}, but with the replication factor the deployment
   * asks for (e.g. {@code engine.topics.replication-factor}) instead of one derived from the cluster size.
   *
   * @param bootstrapServers the cluster to connect to
   * @param clientOverrides pass-through admin client settings (security etc.), possibly empty
   * @param partitions partitions per new topic, at least 1
   * @param replicationFactor replicas per partition of a new topic, at least 1
   * @param names the topic names
   * @throws IllegalStateException if the cluster cannot be reached or refuses a creation (e.g. more
   *     replicas than brokers)
   */
  public static void ensureTopics(String bootstrapServers, Map<String, ?> clientOverrides, int partitions,
      short replicationFactor, Collection<String> names) {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor must be >= 1, was " + replicationFactor);
    }
    create(bootstrapServers, clientOverrides, partitions, replicationFactor, names);
  }

  private static void create(String bootstrapServers, Map<String, ?> clientOverrides, int partitions,
      short replicationFactor, Collection<String> names) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers, clientOverrides))) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<String> absent = names.stream().distinct().filter(n -> !existing.contains(n)).toList();
      if (absent.isEmpty()) {
        return;
      }
      short replication = replicationFactor == CLUSTER_SIZED ? clusterSizedReplication(admin) : replicationFactor;
      List<NewTopic> missing = absent.stream().map(n -> newTopic(n, partitions, replication)).toList();
      createTolerantOfRaces(admin, missing);
      awaitVisible(admin, absent);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not create topics on " + bootstrapServers + ": " + e, e);
    }
  }

  /** {@code min(3, brokers)}: one replica per broker on small clusters. */
  private static short clusterSizedReplication(Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
    return (short) Math.max(1, Math.min(MAX_REPLICATION, brokers));
  }

  private static NewTopic newTopic(String name, int partitions, short replication) {
    NewTopic topic = new NewTopic(name, partitions, replication);
    if (replication > 1) {
      topic.configs(Map.of("min.insync.replicas", Integer.toString(replication - 1)));
    }
    return topic;
  }

  /**
   * Waits until every broker answers metadata requests for the new topics: creation returns when the
   * controller has recorded them, and a client asking the broker a moment later could still be told
   * UNKNOWN_TOPIC_OR_PARTITION.
   */
  private static void awaitVisible(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(VISIBILITY_POLL_MILLIS);
      }
    }
  }

  /** Creates the topics; one that another process created in the meantime counts as success. */
  private static void createTolerantOfRaces(Admin admin, List<NewTopic> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    var results = admin.createTopics(topics).values();
    for (var entry : results.entrySet()) {
      try {
        entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }
}
