package io.hedgestream.bench;

import io.hedgestream.broker.EmbeddedKafkaBroker;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A fresh in-JVM KRaft broker with every HedgeStream topic, for one benchmark scenario: each scenario gets its
 * own broker so that none reads another's records. Also the admin queries the scenarios measure with, which
 * {@link #attach} offers over a broker in another process.
 */
final class BenchCluster implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final String bootstrapServers;
  private final Admin admin;
  private final Path stateDir;
  private final int partitions;

  private BenchCluster(EmbeddedKafkaBroker broker, String bootstrapServers, Path stateDir, int partitions) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(KafkaClients.admin(bootstrapServers, Map.of()));
    this.stateDir = stateDir;
    this.partitions = partitions;
  }

  /**
   * Creates every topic on a broker that runs elsewhere (its process is the caller's to stop), for the admin
   * queries and producers of this class.
   *
   * @param bootstrapServers the broker
   * @param partitions partitions per topic
   * @return the cluster; closing it closes only the admin client and deletes the state directory
   */
  static BenchCluster attach(String bootstrapServers, int partitions) {
    TopicAdmin.ensureTopics(bootstrapServers, Map.of(), partitions, Topics.allNames());
    try {
      return new BenchCluster(null, bootstrapServers, Files.createTempDirectory("hedgestream-bench-state"), partitions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a broker and creates every topic, and the floor's output topic, with {@code partitions} partitions.
   *
   * @param partitions partitions per topic (the engine's tasks)
   * @return the running cluster
   */
  static BenchCluster start(int partitions) {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    try {
      List<String> topics = new java.util.ArrayList<>(Topics.allNames());
      topics.add(FloorApp.TOPIC);
      TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(), partitions, topics);
      return new BenchCluster(broker, broker.bootstrapServers(), Files.createTempDirectory("hedgestream-bench-state"),
          partitions);
    } catch (IOException | RuntimeException e) {
      broker.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** Bootstrap servers of the broker. */
  String bootstrapServers() {
    return bootstrapServers;
  }

  /** A directory for the engine's local state, deleted on close. */
  Path stateDir() {
    return stateDir;
  }

  /** Partitions of every topic. */
  int partitions() {
    return partitions;
  }

  /** A byte-array producer for the load generator: the given linger, batches up to 64 KiB. */
  KafkaProducer<byte[], byte[]> producer(int lingerMs) {
    Map<String, Object> props = KafkaClients.producer(bootstrapServers(),
        Map.of("linger.ms", lingerMs, "batch.size", 65_536));
    return new KafkaProducer<>(props);
  }

  /**
   * Makes the broker stamp {@code topic}'s records with their append time (LogAppendTime, milliseconds), so a
   * reader can tell time spent before a record reached the broker from time spent after.
   */
  void useLogAppendTime(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    AlterConfigOp op = new AlterConfigOp(new ConfigEntry("message.timestamp.type", "LogAppendTime"),
        AlterConfigOp.OpType.SET);
    try {
      admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot configure " + topic + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The paper gateway's configuration on this broker: defaults (1 bp fee, no latency), its own group. */
  GatewayConfig gatewayConfig() {
    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", bootstrapServers());
    props.setProperty("gateway.group-id", "bench-gateway");
    return GatewayConfig.from(props);
  }

  /** Sum over {@code topic}'s partitions of {@code group}'s committed offsets (0 where none). */
  long committed(String group, String topic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset()).sum();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read offsets of " + group + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Sum over {@code topic}'s partitions of the log end offsets (transaction markers included). */
  long endOffsets(String topic) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    try {
      return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read end offsets of " + topic + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The names of every topic on the broker, internal ones (changelogs, repartition topics) included. */
  java.util.Set<String> topicNames() {
    try {
      return admin.listTopics().names().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** All partitions of {@code topic}. */
  List<TopicPartition> partitionsOf(String topic) {
    return java.util.stream.IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
  }

  @Override
  public void close() {
    admin.close();
    if (broker != null) {
      broker.close();
    }
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
