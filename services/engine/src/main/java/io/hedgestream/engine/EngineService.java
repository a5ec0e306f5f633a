package io.hedgestream.engine;

import io.hedgestream.engine.journal.ChronicleDecisionJournal;
import io.hedgestream.engine.journal.DecisionJournal;
import io.hedgestream.engine.journal.MeteredJournal;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.PolicyRegistry;
import io.hedgestream.metrics.ServiceMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
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
  private final PolicyRegistry policies;
  private final DecisionJournal journal;
  private final ServiceMetrics metrics;

  private EngineService(EngineConfig config, KafkaStreams streams, PolicyRegistry policies,
      DecisionJournal journal, ServiceMetrics metrics) {
    this.config = config;
    this.streams = streams;
    this.policies = policies;
    this.journal = journal;
    this.metrics = metrics;
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
    return start(config, PolicyRegistry.configured(config.policyName(), config.policyDevice()));
  }

  /**
   * Starts the engine with a given policy (the caller keeps it and closes it; models activated later over
   * {@code policy.control} are closed with the service).
   *
   * @param config the configuration
   * @param policy the hedge policy
   * @return the running service
   * @throws IllegalStateException when the input topics are missing or not co-partitioned
   */
  public static EngineService start(EngineConfig config, HedgePolicy policy) {
    return start(config, PolicyRegistry.around(policy));
  }

  private static EngineService start(EngineConfig config, PolicyRegistry policies) {
    DecisionJournal journal = DecisionJournal.NONE;
    try {
      // The journal (engine.journal.*) is opened before the streams and closed after them.
      journal = config.journalEnabled() ? ChronicleDecisionJournal.open(config.journalDir()) : DecisionJournal.NONE;
      return startStreams(config, policies, journal);
    } catch (RuntimeException e) {
      journal.close();
      policies.close();
      throw e;
    }
  }

  private static EngineService startStreams(EngineConfig config, PolicyRegistry policies,
      DecisionJournal journal) {
    // The endpoint first: a taken metrics port fails the start before the streams run.
    ServiceMetrics metrics = ServiceMetrics.start("engine", config.metrics());
    try {
      return startStreams(config, policies, journal, metrics);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  private static EngineService startStreams(EngineConfig config, PolicyRegistry policies,
      DecisionJournal journal, ServiceMetrics metrics) {
    if (config.createTopics()) {
      EngineTopics.create(config);
    }
    EngineTopics.verify(config);
    Properties properties = StreamsProperties.of(config);
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
    HedgeTopology.build(builder, config, policies, new MeteredJournal(journal, metrics.registry(), metrics.url().isPresent()));
    Topology topology = builder.build(properties);
    KafkaStreams streams = new KafkaStreams(topology, properties);
    streams.setStateListener((next, previous) ->
        LOG.info("engine {} {} -> {}", config.applicationId(), previous, next));
    streams.setUncaughtExceptionHandler(exception -> {
      LOG.error("engine stream thread failed; replacing it", exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    LOG.info("starting engine {} on {} ({}, policy {}, decision interval {})", config.applicationId(),
        config.bootstrapServers(), config.processingGuarantee(), policies.configuredPolicy().version(),
        config.decisionInterval());
    // Every 5 s (not Micrometer's default minute) the binder picks up metrics that appear later: the books'
    // decision and fallback sensors register when their tasks start.
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams, java.util.List.of(),
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "engine-metrics-refresh");
          t.setDaemon(true);
          return t;
        }), Duration.ofSeconds(5));
    streamsMetrics.bindTo(metrics.registry());
    metrics.closeWith(streamsMetrics);
    metrics.health(new StreamsHealth(streams));
    streams.start();
    return new EngineService(config, streams, policies, journal, metrics);
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
    metrics.close();
    if (closed) {
      policies.close();
      journal.close();
    }
  }

  /**
   * The engine's Prometheus metrics: decisions by reason, orders, the feature-build and inference time per
   * model decision ({@link MeteredJournal}), Kafka Streams' own (the books' decision and fallback counts in
   * group {@code stream-hedge-metrics}, process rates and latencies, the clients' lag) and the JVM's; served at
   * {@link ServiceMetrics#url()} when {@code engine.metrics.port} is set.
   */
  public ServiceMetrics metrics() {
    return metrics;
  }
}
