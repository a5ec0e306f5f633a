package io.hedgestream.testkit;

import io.hedgestream.broker.EmbeddedKafkaBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Chooses and starts the broker of a test run. The choice is made once per JVM from system properties:
 * {@value #BOOTSTRAP_PROPERTY} (an external cluster, nothing started), {@value #KIND_PROPERTY}
 * ({@code auto}, {@code container} or {@code embedded}; default {@code auto} = container when a Docker
 * engine answers, embedded otherwise) and {@value #IMAGE_PROPERTY} (default {@value #DEFAULT_IMAGE}).
 */
final class TestBrokers {

  /** System property naming an already running cluster to use instead of starting one. */
  static final String BOOTSTRAP_PROPERTY = "hedge.test.bootstrap.servers";
  /** System property forcing the broker kind. */
  static final String KIND_PROPERTY = "hedge.test.kafka";
  /** System property naming the Kafka image Testcontainers runs. */
  static final String IMAGE_PROPERTY = "hedge.test.kafka.image";
  /** The image matching the Kafka version of the build. */
  static final String DEFAULT_IMAGE = "apache/kafka:4.3.1";

  private TestBrokers() {}

  /** Starts (or attaches to) the broker the system properties ask for. */
  static TestBroker start() {
    String external = System.getProperty(BOOTSTRAP_PROPERTY, "").trim();
    if (!external.isEmpty()) {
      return external(external);
    }
    String kind = System.getProperty(KIND_PROPERTY, "auto").trim();
    switch (kind) {
      case "embedded":
        return embedded();
      case "container":
        return container();
      case "auto":
        return dockerAvailable() ? container() : embedded();
      default:
        throw new IllegalArgumentException(
            KIND_PROPERTY + " must be auto, container or embedded, was '" + kind + "'");
    }
  }

  /** Whether Testcontainers can reach a Docker engine. */
  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static TestBroker embedded() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    return new TestBroker() {
      @Override
      public String bootstrapServers() {
        return broker.bootstrapServers();
      }

      @Override
      public KafkaFixture.Kind kind() {
        return KafkaFixture.Kind.EMBEDDED;
      }

      @Override
      public void close() {
        broker.close();
      }
    };
  }

  @SuppressWarnings("resource")
  static TestBroker container() {
    KafkaContainer container =
        new KafkaContainer(DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE)));
    container.start();
    return new TestBroker() {
      @Override
      public String bootstrapServers() {
        return container.getBootstrapServers();
      }

      @Override
      public KafkaFixture.Kind kind() {
        return KafkaFixture.Kind.CONTAINER;
      }

      @Override
      public void close() {
        container.stop();
      }
    };
  }

  private static TestBroker external(String bootstrapServers) {
    return new TestBroker() {
      @Override
      public String bootstrapServers() {
        return bootstrapServers;
      }

      @Override
      public KafkaFixture.Kind kind() {
        return KafkaFixture.Kind.EXTERNAL;
      }

      @Override
      public void close() {
        // Not ours to stop.
      }
    };
  }
}
