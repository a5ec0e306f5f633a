package io.hedgestream.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4 broker (KRaft, combined broker + controller) running inside this JVM.
 *
 * <p>It is the broker of {@code hedge demo} and of integration tests on machines without Docker: the same
 * server code as a production broker, formatted and started in a few seconds, listening on free ports of
 * {@code 127.0.0.1} only. Internal topics (consumer offsets, transaction state, share state) use
 * replication factor 1 and min ISR 1, so consumer groups, Kafka Streams and transactional producers
 * ({@code exactly_once_v2}) work on the single node.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
 *   String bootstrap = broker.bootstrapServers();
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String META_PROPERTIES = "meta.properties";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path logDir;
  private final boolean deleteOnClose;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir,
      boolean deleteOnClose) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.logDir = logDir;
    this.deleteOnClose = deleteOnClose;
  }

  /** Starts a broker on a fresh temporary log directory that is deleted again on {@link #close()}. */
  public static EmbeddedKafkaBroker start() {
    return start(null, Map.of());
  }

  /**
   * Starts a broker whose data lives in {@code logDir}.
   *
   * @param logDir the log directory (created and formatted if empty, reused if already formatted by an
   *     earlier run); {@code null} for a temporary directory deleted on close
   */
  public static EmbeddedKafkaBroker start(Path logDir) {
    return start(logDir, Map.of());
  }

  /**
   * Starts a broker with extra broker settings layered over the defaults of {@link BrokerSettings}.
   *
   * @param logDir the log directory, or {@code null} for a temporary one deleted on close
   * @param overrides broker properties (e.g. {@code num.partitions}) that replace the defaults
   */
  public static EmbeddedKafkaBroker start(Path logDir, Map<String, ?> overrides) {
    return start(logDir, null, overrides);
  }

  /**
   * Starts a broker on fixed ports, for a broker that is restarted (clients reconnect to the same address)
   * and for {@code hedge broker}.
   *
   * @param logDir the log directory, created and formatted if empty, reused if formatted by an earlier run
   * @param host the address both listeners bind to and the client listener advertises
   * @param port the client port
   * @param controllerPort the controller port (KRaft)
   * @param overrides broker properties that replace the defaults
   */
  public static EmbeddedKafkaBroker startOnPorts(Path logDir, String host, int port, int controllerPort,
      Map<String, ?> overrides) {
    return startOnPorts(logDir, host, port, controllerPort, overrides, List.of());
  }

  /**
   * As {@link #startOnPorts(Path, String, int, int, Map)}, with SCRAM credentials written into the cluster's
   * bootstrap metadata when the directory is formatted (a SASL_SSL listener needs its users, the broker's own
   * inter-broker user included, before any client can connect to create them).
   *
   * @param scramCredentials e.g. {@code SCRAM-SHA-512=[name=admin,password=...]}, as {@code kafka-storage
   *     format --add-scram} takes them
   */
  public static EmbeddedKafkaBroker startOnPorts(Path logDir, String host, int port, int controllerPort,
      Map<String, ?> overrides, List<String> scramCredentials) {
    Objects.requireNonNull(logDir, "logDir");
    Path dir = createDir(logDir);
    return start(dir, BrokerSettings.onPorts(NODE_ID, CONTROLLER_LISTENER, dir, host, port, controllerPort), overrides,
        scramCredentials);
  }

  /** The name of the controller listener (PLAINTEXT, loopback), for settings that override the listeners. */
  public static String controllerListener() {
    return CONTROLLER_LISTENER;
  }

  private static EmbeddedKafkaBroker start(Path logDir, BrokerSettings fixed, Map<String, ?> overrides) {
    return start(logDir, fixed, overrides, List.of());
  }

  private static EmbeddedKafkaBroker start(Path logDir, BrokerSettings fixed, Map<String, ?> overrides,
      List<String> scramCredentials) {
    Objects.requireNonNull(overrides, "overrides");
    boolean temporary = logDir == null;
    Path dir = temporary ? createTempDir() : createDir(logDir);
    long startNanos = System.nanoTime();
    boolean started = false;
    try {
      BrokerSettings settings = fixed != null ? fixed : BrokerSettings.onFreePorts(NODE_ID, CONTROLLER_LISTENER, dir);
      Map<String, Object> props = new HashMap<>(settings.properties());
      props.putAll(overrides);
      KafkaConfig config = new KafkaConfig(props, false);
      formatIfNeeded(dir, scramCredentials);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      started = true;
      LOG.info("Embedded Kafka broker on {} started in {} ms (log dir {})", settings.bootstrapServers(),
          (System.nanoTime() - startNanos) / 1_000_000, dir);
      return new EmbeddedKafkaBroker(server, settings.bootstrapServers(), dir, temporary);
    } finally {
      if (!started && temporary) {
        deleteRecursively(dir);
      }
    }
  }

  /** The {@code host:port} list clients connect to, e.g. {@code 127.0.0.1:41234}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The directory holding this broker's metadata and partition logs. */
  public Path logDir() {
    return logDir;
  }

  /** Stops the broker and waits for it; deletes the log directory if this broker created it. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (deleteOnClose) {
        deleteRecursively(logDir);
      }
    }
  }

  /** Writes meta.properties and the bootstrap metadata unless an earlier run already formatted the dir. */
  private static void formatIfNeeded(Path dir, List<String> scramCredentials) {
    if (Files.exists(dir.resolve(META_PROPERTIES))) {
      return;
    }
    Formatter formatter = new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .addDirectory(dir.toString())
        .setMetadataLogDirectory(dir.toString())
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setReleaseVersion(MetadataVersion.latestProduction());
    if (!scramCredentials.isEmpty()) {
      formatter.setScramArguments(scramCredentials);
    }
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException("Could not format Kafka log dir " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("hedgestream-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary Kafka log dir", e);
    }
  }

  private static Path createDir(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create Kafka log dir " + dir, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete Kafka log dir {}: {}", dir, e.getMessage());
    }
  }
}
