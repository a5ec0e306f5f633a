package io.hedgestream.testkit;

import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker for integration tests: Testcontainers' Kafka ({@code apache/kafka}) when a Docker
 * engine is present, otherwise the in-JVM KRaft {@link io.hedgestream.broker.EmbeddedKafkaBroker}.
 *
 * <p>One broker serves the whole test JVM: it starts on first use and stops when the test run ends (through
 * the JUnit root store when used as an extension, and from a shutdown hook otherwise). Tests isolate
 * themselves with their own topic names, group ids and transactional ids.
 *
 * <pre>{@code
 * @ExtendWith(KafkaFixture.class)
 * class EngineIT {
 *   @Test
 *   void hedgesAClientOrder() {
 *     KafkaFixture.createTopics(Topics.allNames());
 *     String bootstrap = KafkaFixture.bootstrapServers();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>System properties: {@code hedge.test.kafka=auto|container|embedded} forces the kind,
 * {@code hedge.test.bootstrap.servers=host:port} uses an external cluster, {@code hedge.test.kafka.image}
 * picks the container image.
 */
public final class KafkaFixture implements BeforeAllCallback {

  /** Where the broker of this test run comes from. */
  public enum Kind {
    /** A Testcontainers {@code apache/kafka} container. */
    CONTAINER,
    /** The in-JVM KRaft broker. */
    EMBEDDED,
    /** A cluster named by {@code hedge.test.bootstrap.servers}. */
    EXTERNAL
  }

  private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);
  private static final Object LOCK = new Object();
  private static TestBroker broker;

  /** Used by JUnit for {@code @ExtendWith(KafkaFixture.class)}. */
  public KafkaFixture() {}

  /** Starts the shared broker (if needed) and ties its shutdown to the end of the test run. */
  @Override
  public void beforeAll(ExtensionContext context) {
    TestBroker shared = shared();
    context.getRoot().getStore(ExtensionContext.Namespace.create(KafkaFixture.class))
        .computeIfAbsent(TestBroker.class, k -> new StopAtEndOfRun(shared), StopAtEndOfRun.class);
  }

  /** The bootstrap servers of the shared broker, starting it on first use. */
  public static String bootstrapServers() {
    return shared().bootstrapServers();
  }

  /** The kind of the shared broker, starting it on first use. */
  public static Kind kind() {
    return shared().kind();
  }

  /** Creates the named topics (idempotently) with {@code partitions} partitions each on the shared broker. */
  public static void createTopics(int partitions, Collection<String> names) {
    TopicAdmin.ensureTopics(bootstrapServers(), Map.of(), partitions, names);
  }

  /** Creates the named topics (idempotently) with one partition each on the shared broker. */
  public static void createTopics(String... names) {
    createTopics(1, Arrays.asList(names));
  }

  /** Consumer settings (read_committed, earliest, byte arrays) for the shared broker. */
  public static Map<String, Object> consumerProps(String groupId) {
    return KafkaClients.consumer(bootstrapServers(), groupId, Map.of());
  }

  /** Idempotent producer settings (byte arrays) for the shared broker. */
  public static Map<String, Object> producerProps() {
    return KafkaClients.producer(bootstrapServers(), Map.of());
  }

  private static TestBroker shared() {
    synchronized (LOCK) {
      if (broker == null) {
        long start = System.nanoTime();
        broker = TestBrokers.start();
        LOG.info("Test Kafka broker ({}) at {} ready in {} ms", broker.kind(), broker.bootstrapServers(),
            (System.nanoTime() - start) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(KafkaFixture::stopShared, "kafka-fixture-stop"));
      }
      return broker;
    }
  }

  private static void stopShared() {
    synchronized (LOCK) {
      if (broker != null) {
        broker.close();
        broker = null;
      }
    }
  }

  /** Root-store entry whose closing at the end of the run stops the shared broker. */
  private static final class StopAtEndOfRun implements AutoCloseable {
    private final TestBroker started;

    StopAtEndOfRun(TestBroker started) {
      this.started = started;
    }

    @Override
    public void close() {
      synchronized (LOCK) {
        if (broker == started) {
          stopShared();
        }
      }
    }
  }
}
