package io.hedgestream.engine;

import io.hedgestream.engine.journal.ChronicleDecisionJournal;
import io.hedgestream.engine.journal.DecisionJournal;
import io.hedgestream.engine.policy.HedgePolicies;
import io.hedgestream.engine.policy.HedgePolicy;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running engine: one Kafka Streams instance of {@link HedgeTopology}. Start it with a configuration
 * (and optionally a policy), close it to stop cleanly within {@code engine.close.timeout}.
 *
 * <pre>{@code
 * try (EngineService engine = EngineService.start(EngineConfig.from(properties))) {
 *   engine.awaitRunning(Duration.ofSeconds(30));
 *   ...
 * }
 * }</pre>
 *
 * <p>A stream thread that dies of an unexpected exception is logged and replaced, never lost silently;
 * state transitions are logged.
 */
public final class EngineService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineService.class);

  private final EngineConfig config;
  private final KafkaStreams streams;
  private final AutoCloseable ownedPolicy;
  private final DecisionJournal journal;

  private EngineService(EngineConfig config, KafkaStreams streams, AutoCloseable ownedPolicy,
      DecisionJournal journal) {
    this.config = config;
    this.streams = streams;
    this.ownedPolicy = ownedPolicy;
    this.journal = journal;
  }

  /**
   * Starts the engine with the policy named by {@code engine.policy} (a model is loaded and validated
   * first, and closed with the service).
   *
   * @param config the configuration
   * @return the running service
   * @throws IllegalStateException when the input topics are missing or not co-partitioned
   * @throws io.hedgestream.engine.policy.onnx.ModelRejectedException when the model cannot be served
   */
  public static EngineService start(EngineConfig config) {
    HedgePolicy policy = HedgePolicies.named(config.policyName(), config.policyDevice());
    try {
      return start(config, policy, policy instanceof AutoCloseable closeable ? closeable : null);
    } catch (RuntimeException e) {
      closePolicy(policy);
      throw e;
    }
  }

  /**
   * Starts the engine with a given policy.
   *
   * @param config the configuration
   * @param policy the hedge policy
   * @return the running service
   * @throws IllegalStateException when the input topics are missing or not co-partitioned
   */
  public static EngineService start(EngineConfig config, HedgePolicy policy) {
    return start(config, policy, null);
  }

  private static EngineService start(EngineConfig config, HedgePolicy policy, AutoCloseable ownedPolicy) {
    DecisionJournal journal = DecisionJournal.NONE;
    try {
      // The journal (engine.journal.*) is opened before the streams and closed after them.
      journal = config.journalEnabled() ? ChronicleDecisionJournal.open(config.journalDir()) : DecisionJournal.NONE;
      return startStreams(config, policy, ownedPolicy, journal);
    } catch (RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  private static EngineService startStreams(EngineConfig config, HedgePolicy policy, AutoCloseable ownedPolicy,
      DecisionJournal journal) {
    if (config.createTopics()) {
      EngineTopics.create(config);
    }
    EngineTopics.verify(config);
    Properties properties = StreamsProperties.of(config);
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
    HedgeTopology.build(builder, config, policy, journal);
    Topology topology = builder.build(properties);
    KafkaStreams streams = new KafkaStreams(topology, properties);
    streams.setStateListener((next, previous) ->
        LOG.info("engine {} {} -> {}", config.applicationId(), previous, next));
    streams.setUncaughtExceptionHandler(exception -> {
      LOG.error("engine stream thread failed; replacing it", exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    LOG.info("starting engine {} on {} ({}, policy {}, decision interval {})", config.applicationId(),
        config.bootstrapServers(), config.processingGuarantee(), policy.version(), config.decisionInterval());
    streams.start();
    return new EngineService(config, streams, ownedPolicy, journal);
  }

  /** The Kafka Streams state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Waits until the engine is RUNNING.
   *
   * @param timeout how long to wait
   * @return true when running, false when the timeout passed or the engine failed
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.RUNNING) {
        return true;
      }
      if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
        return false;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** The Kafka Streams instance, for metrics and interactive queries. */
  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Stops the engine, waiting at most {@code engine.close.timeout}. It leaves the consumer group, so the
   * remaining (or restarted) instances take its tasks at once instead of after the session timeout.
   */
  @Override
  public void close() {
    boolean closed = streams.close(CloseOptions.timeout(config.closeTimeout())
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (!closed) {
      LOG.warn("engine {} did not close within {}", config.applicationId(), config.closeTimeout());
    }
    if (ownedPolicy != null && closed) {
      closePolicy(ownedPolicy);
    }
    if (closed) {
      journal.close();
    }
  }

  private static void closePolicy(Object policy) {
    if (policy instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("closing the policy failed", e);
      }
    }
  }
}
