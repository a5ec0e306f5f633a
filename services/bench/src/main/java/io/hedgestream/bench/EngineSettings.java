package io.hedgestream.bench;

import io.hedgestream.engine.EngineConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How a scenario configures the engine: processing guarantee, Kafka Streams commit interval, the producer's
 * {@code linger.ms} (null keeps the engine's default {@code engine.producer.linger.ms}), decision
 * interval, lot size, store and hedge policy.
 *
 * @param guarantee {@code exactly_once_v2} or {@code at_least_once}
 * @param commitIntervalMs {@code engine.commit.interval.ms}
 * @param lingerMs the engine producer's {@code linger.ms}, or null for the engine's default
 * @param decisionInterval {@code engine.decision.interval}
 * @param lotSize {@code engine.lot-size}
 * @param stateStore {@code engine.state.store}: rocksdb or memory
 * @param policy {@code engine.policy}: {@code delta} or a model directory such as {@code models/bs-delta-mlp-v1}
 */
record EngineSettings(String guarantee, long commitIntervalMs, Integer lingerMs, Duration decisionInterval,
    double lotSize, String stateStore, String policy) {

  /** These settings with another {@code engine.policy}. */
  EngineSettings withPolicy(String other) {
    return new EngineSettings(guarantee, commitIntervalMs, lingerMs, decisionInterval, lotSize, stateStore, other);
  }

  /** Kafka Streams' default producer {@code linger.ms} (StreamsConfig's producer default override). */
  static final int STREAMS_DEFAULT_LINGER_MS = 100;

  /** The engine's default producer {@code linger.ms} for these settings, as {@link EngineConfig} decides it. */
  int engineDefaultLingerMs() {
    return EngineConfig.of("engine.bootstrap.servers", "unused:9092", "engine.processing.guarantee", guarantee,
        "engine.commit.interval.ms", Long.toString(commitIntervalMs)).producerLingerMs();
  }

  /**
   * The engine configuration of this scenario on {@code cluster}.
   *
   * @param cluster the scenario's broker
   * @param applicationId the engine's application id
   * @return the validated configuration
   */
  EngineConfig toConfig(BenchCluster cluster, String applicationId) {
    Properties props = new Properties();
    props.setProperty("engine.bootstrap.servers", cluster.bootstrapServers());
    props.setProperty("engine.application.id", applicationId);
    props.setProperty("engine.state.dir", cluster.stateDir().resolve(applicationId).toString());
    props.setProperty("engine.state.store", stateStore);
    props.setProperty("engine.processing.guarantee", guarantee);
    props.setProperty("engine.commit.interval.ms", Long.toString(commitIntervalMs));
    props.setProperty("engine.decision.interval", decisionInterval.toString());
    props.setProperty("engine.lot-size", Double.toString(lotSize));
    props.setProperty("engine.policy", policy);
    if (lingerMs != null) {
      props.setProperty("kafka.linger.ms", Integer.toString(lingerMs));
    }
    return EngineConfig.from(props);
  }

  /** The settings as a JSON-ready map. */
  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("processingGuarantee", guarantee);
    out.put("commitIntervalMs", commitIntervalMs);
    out.put("producerLingerMs", lingerMs == null ? engineDefaultLingerMs() : lingerMs);
    out.put("producerLingerSource", lingerMs == null ? "engine default" : "kafka.linger.ms");
    out.put("decisionInterval", decisionInterval.toString());
    out.put("lotSize", lotSize);
    out.put("stateStore", stateStore);
    out.put("policy", policy);
    out.put("streamThreads", 1);
    return out;
  }
}
