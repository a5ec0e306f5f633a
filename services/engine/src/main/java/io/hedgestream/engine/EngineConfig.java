package io.hedgestream.engine;

import io.hedgestream.config.SettingsReader;
import io.hedgestream.metrics.ServiceMetrics;
import io.hedgestream.engine.decision.HedgeLimits;
import io.hedgestream.engine.input.InputLimits;
import io.hedgestream.engine.instruments.ListedOptionRules;
import io.hedgestream.engine.policy.HedgePolicies;
import io.hedgestream.engine.policy.onnx.ModelFiles;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Everything the engine can be told, read from {@link Properties} and validated once at start-up.
 *
 * <p>Property names and defaults (all optional except the bootstrap servers):
 * <table>
 *   <caption>engine properties</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>engine.bootstrap.servers</td><td>(required)</td><td>Kafka bootstrap servers</td></tr>
 *   <tr><td>engine.application.id</td><td>hedgestream-engine</td><td>Kafka Streams application id
 *       (consumer group, state and internal-topic prefix)</td></tr>
 *   <tr><td>engine.instance-id</td><td>(none)</td><td>a stable name of this instance (e.g. its pod or host
 *       name), unique in the application: the main consumer's static group membership, so an instance
 *       restarted after a crash resumes its tasks at once instead of after the group's session timeout</td></tr>
 *   <tr><td>engine.state.dir</td><td>${java.io.tmpdir}/hedgestream/engine</td><td>local state directory</td></tr>
 *   <tr><td>engine.state.store</td><td>rocksdb</td><td>{@code rocksdb} (persistent) or {@code memory}; both
 *       are backed by changelog topics</td></tr>
 *   <tr><td>engine.decision.interval</td><td>PT1M</td><td>event-time interval between decisions of a book;
 *       ISO-8601 or seconds</td></tr>
 *   <tr><td>engine.lot-size</td><td>1</td><td>order quantities are whole multiples of this many units</td></tr>
 *   <tr><td>engine.limits.max-position</td><td>1000000</td><td>largest absolute hedge holding per instrument</td></tr>
 *   <tr><td>engine.limits.max-order-quantity</td><td>100000</td><td>largest absolute quantity per order</td></tr>
 *   <tr><td>engine.listed.strike-step</td><td>1</td><td>strike grid of listed hedge option series: a
 *       family's strike is the mid rounded to a multiple of it</td></tr>
 *   <tr><td>engine.listed.multiplier</td><td>100</td><td>underlying units per listed option contract</td></tr>
 *   <tr><td>engine.listed.expiry-time</td><td>20:00</td><td>UTC time of day at which the daily listed
 *       series expire (ISO local time)</td></tr>
 *   <tr><td>engine.listed.roll-days</td><td>7</td><td>a book rolls a family's series once its time to expiry
 *       is below min(this, tenor / 2) days</td></tr>
 *   <tr><td>engine.risk.window</td><td>250</td><td>decision steps in the rolling risk window</td></tr>
 *   <tr><td>engine.rolling.zone</td><td>UTC</td><td>zone whose local date is a tick's trading day for the
 *       rolling market features (a region id such as {@code America/New_York}, or an offset); UTC keeps
 *       US, European and most Asian sessions inside one date</td></tr>
 *   <tr><td>engine.processing.guarantee</td><td>exactly_once_v2</td><td>or {@code at_least_once}</td></tr>
 *   <tr><td>engine.commit.interval.ms</td><td>100</td><td>Kafka Streams commit interval</td></tr>
 *   <tr><td>engine.policy</td><td>delta</td><td>{@code delta} (Black-Scholes delta hedge), {@code none}
 *       (never hedge; for studies of the unhedged book), or the path of an exported model: a directory
 *       holding {@code policy.onnx} (e.g. {@code models/bs-delta-mlp-v1}) or an {@code .onnx} file, validated
 *       when the engine starts</td></tr>
 *   <tr><td>engine.policy.device</td><td>cpu</td><td>where a model runs: {@code cpu}, {@code cuda} or
 *       {@code auto}; without a CUDA runtime ({@code mvn -Pgpu}) and GPU, cuda and auto run on the CPU</td></tr>
 *   <tr><td>engine.num.stream.threads</td><td>1</td><td>stream threads of this instance</td></tr>
 *   <tr><td>engine.standby.replicas</td><td>0</td><td>Kafka Streams standby replicas: warm copies of each
 *       task's state on other instances, so a failed instance's books decide again elsewhere without a
 *       restore from the changelog (needs more instances than this number)</td></tr>
 *   <tr><td>engine.producer.linger.ms</td><td>1 at least once, the commit interval exactly once</td><td>how
 *       long the engine's producer waits to batch hedge orders and PnL events. At least once an order is
 *       readable once sent, so it waits 1 ms (Kafka Streams' own 100 ms would add up to that much to every
 *       order); exactly once it is readable only after its transaction commits, and the commit flushes every
 *       batch, so batching up to the commit costs no latency and saves requests. A {@code kafka.linger.ms}
 *       pass-through wins (see {@link StreamsProperties})</td></tr>
 *   <tr><td>engine.topics.create</td><td>false</td><td>create missing topics at start-up</td></tr>
 *   <tr><td>engine.topics.partitions</td><td>1</td><td>partitions of topics the engine creates</td></tr>
 *   <tr><td>engine.topics.replication-factor</td><td>1</td><td>replication of topics the engine creates</td></tr>
 *   <tr><td>engine.close.timeout</td><td>PT30S</td><td>how long a clean close may take</td></tr>
 *   <tr><td>engine.journal.enabled</td><td>true</td><td>append every decision to the decision journal (a
 *       Chronicle queue; see {@link io.hedgestream.engine.journal})</td></tr>
 *   <tr><td>engine.journal.dir</td><td>${engine.state.dir}/journal/${engine.application.id}</td><td>the
 *       journal's directory; one per engine instance (two instances on one host need different ones)</td></tr>
 *   <tr><td>engine.input.*</td><td></td><td>the bounds an input must meet to be believed (event-time floor
 *       and lead, price, vol, rate, quantity, strike, premium, expiry and fill bounds): see
 *       {@link InputLimits}</td></tr>
 *   <tr><td>kafka.*</td><td></td><td>passed to every Kafka client with the prefix stripped (SASL, SSL,
 *       replication.factor of internal topics, ...)</td></tr>
 * </table>
 * Any other {@code engine.*} name is rejected as a likely typo.
 */
public final class EngineConfig {

  /** Exactly-once processing (Kafka Streams {@code exactly_once_v2}). */
  public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
  /** At-least-once processing. */
  public static final String AT_LEAST_ONCE = "at_least_once";

  /** How the engine keeps its local state. */
  public enum StoreType {
    /** Persistent RocksDB stores (production). */
    ROCKSDB,
    /** In-memory stores (tests, benchmarks); still restored from changelogs. */
    MEMORY
  }

  private final String bootstrapServers;
  private final String applicationId;
  private final Optional<String> instanceId;
  private final Path stateDir;
  private final StoreType storeType;
  private final Duration decisionInterval;
  private final double lotSize;
  private final HedgeLimits limits;
  private final InputLimits inputLimits;
  private final int riskWindow;
  private final ListedOptionRules listedOptions;
  private final ZoneId rollingZone;
  private final String processingGuarantee;
  private final long commitIntervalMs;
  private final String policyName;
  private final PolicyDevice policyDevice;
  private final int numStreamThreads;
  private final int standbyReplicas;
  private final int producerLingerMs;
  private final boolean createTopics;
  private final int topicPartitions;
  private final short topicReplicationFactor;
  private final Duration closeTimeout;
  private final boolean journalEnabled;
  private final Path journalDir;
  private final Map<String, Object> kafkaOverrides;
  private final ServiceMetrics.Settings metrics;

  private EngineConfig(SettingsReader in) {
    bootstrapServers = in.required("engine.bootstrap.servers", "host:port[,host:port...] of the Kafka cluster");
    applicationId = in.text("engine.application.id", "hedgestream-engine");
    instanceId = Optional.ofNullable(in.text("engine.instance-id", null));
    stateDir = Path.of(in.text("engine.state.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "hedgestream", "engine").toString()));
    storeType = StoreType.valueOf(in.choice("engine.state.store", "rocksdb", List.of("rocksdb", "memory"))
        .toUpperCase(Locale.ROOT));
    decisionInterval = in.positiveDuration("engine.decision.interval", Duration.ofMinutes(1));
    lotSize = in.positiveDecimal("engine.lot-size", 1.0);
    limits = new HedgeLimits(in.positiveDecimal("engine.limits.max-position", 1_000_000),
        in.positiveDecimal("engine.limits.max-order-quantity", 100_000));
    inputLimits = InputLimits.from(in);
    riskWindow = (int) in.integer("engine.risk.window", 250, 1, 100_000);
    listedOptions = ListedOptionRules.from(in);
    rollingZone = in.parsed("engine.rolling.zone", ZoneOffset.UTC, ZoneId::of);
    processingGuarantee = in.choice("engine.processing.guarantee", EXACTLY_ONCE_V2,
        List.of(EXACTLY_ONCE_V2, AT_LEAST_ONCE));
    commitIntervalMs = in.integer("engine.commit.interval.ms", 100, 1, 3_600_000);
    policyName = in.text("engine.policy", "delta");
    policyDevice = PolicyDevice.parse(in.choice("engine.policy.device", "cpu", List.of("cpu", "cuda", "auto")));
    numStreamThreads = (int) in.integer("engine.num.stream.threads", 1, 1, 64);
    standbyReplicas = (int) in.integer("engine.standby.replicas", 0, 0, 16);
    producerLingerMs = (int) in.integer("engine.producer.linger.ms",
        processingGuarantee.equals(EXACTLY_ONCE_V2) ? Math.min(commitIntervalMs, 60_000) : 1, 0, 60_000);
    createTopics = in.bool("engine.topics.create", false);
    topicPartitions = (int) in.integer("engine.topics.partitions", 1, 1, 10_000);
    topicReplicationFactor = (short) in.integer("engine.topics.replication-factor", 1, 1, 16);
    closeTimeout = in.positiveDuration("engine.close.timeout", Duration.ofSeconds(30));
    journalEnabled = in.bool("engine.journal.enabled", true);
    journalDir = Path.of(in.text("engine.journal.dir", stateDir.resolve("journal").resolve(applicationId).toString()));
    if (!applicationId.matches("[a-zA-Z0-9._-]+")) {
      in.error("engine.application.id=" + applicationId + ": may contain only letters, digits, '.', '_' and '-'");
    }
    if (limits.maxOrderQuantity() < lotSize) {
      in.error("engine.limits.max-order-quantity (" + limits.maxOrderQuantity()
          + ") is smaller than one lot (engine.lot-size " + lotSize + "): no order could ever be sent");
    }
    if (!HedgePolicies.isBuiltIn(policyName) && !isModel(Path.of(policyName))) {
      in.error("engine.policy=" + policyName + ": neither " + HedgePolicies.NAMES + " nor a model (a directory "
          + "holding " + ModelFiles.ONNX_FILE + " or an .onnx file) at " + Path.of(policyName).toAbsolutePath());
    }
    metrics = ServiceMetrics.Settings.from(in, "engine.", -1);
    kafkaOverrides = in.kafkaOverrides(Set.of());
  }

  /** Where the engine serves Prometheus metrics ({@code engine.metrics.port}, -1 = nowhere; host 127.0.0.1). */
  public ServiceMetrics.Settings metrics() {
    return metrics;
  }

  private static boolean isModel(Path path) {
    return Files.isRegularFile(path) || Files.isRegularFile(path.resolve(ModelFiles.ONNX_FILE));
  }

  /**
   * Reads and validates the configuration.
   *
   * @param properties the {@code engine.*} and {@code kafka.*} properties
   * @return the configuration
   * @throws IllegalArgumentException listing every invalid or unknown property
   */
  public static EngineConfig from(Properties properties) {
    SettingsReader reader = new SettingsReader(properties, "engine.");
    EngineConfig config = new EngineConfig(reader);
    reader.throwIfInvalid("engine");
    return config;
  }

  /**
   * Reads a configuration from alternating names and values, for tests and embedding:
   * {@code EngineConfig.of("engine.bootstrap.servers", "localhost:9092", "engine.lot-size", "100")}.
   *
   * @param namesAndValues property names each followed by its value
   * @return the configuration
   * @throws IllegalArgumentException for an odd number of arguments or an invalid property
   */
  public static EngineConfig of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Properties properties = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return from(properties);
  }

  /** Kafka bootstrap servers. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Kafka Streams application id. */
  public String applicationId() {
    return applicationId;
  }

  /** This instance's static group membership id ({@code engine.instance-id}), if set. */
  public Optional<String> instanceId() {
    return instanceId;
  }

  /** Local state directory. */
  public Path stateDir() {
    return stateDir;
  }

  /** Persistent or in-memory stores. */
  public StoreType storeType() {
    return storeType;
  }

  /** Event-time interval between scheduled decisions of a book. */
  public Duration decisionInterval() {
    return decisionInterval;
  }

  /** Order quantities are whole multiples of this many units. */
  public double lotSize() {
    return lotSize;
  }

  /** Default pre-trade limits (policy.control SET_LIMITS may override them per symbol). */
  public HedgeLimits limits() {
    return limits;
  }

  /** The bounds an input must meet to be believed ({@code engine.input.*}). */
  public InputLimits inputLimits() {
    return inputLimits;
  }

  /** Rules of listed-option hedge instruments (strike grid, multiplier, expiries, rolling). */
  public ListedOptionRules listedOptions() {
    return listedOptions;
  }

  /** Decision steps in the rolling risk window. */
  public int riskWindow() {
    return riskWindow;
  }

  /** Zone whose local date is a tick's trading day for the rolling features ({@code engine.rolling.zone}). */
  public ZoneId rollingZone() {
    return rollingZone;
  }

  /** {@link #EXACTLY_ONCE_V2} or {@link #AT_LEAST_ONCE}. */
  public String processingGuarantee() {
    return processingGuarantee;
  }

  /** Kafka Streams commit interval in milliseconds. */
  public long commitIntervalMs() {
    return commitIntervalMs;
  }

  /** The hedge policy: {@code delta}, {@code none}, or a model path. */
  public String policyName() {
    return policyName;
  }

  /** Where a model policy runs. */
  public PolicyDevice policyDevice() {
    return policyDevice;
  }

  /** Stream threads of this instance. */
  public int numStreamThreads() {
    return numStreamThreads;
  }

  /** Kafka Streams standby replicas per task ({@code engine.standby.replicas}). */
  public int standbyReplicas() {
    return standbyReplicas;
  }

  /** The engine producer's {@code linger.ms} unless a {@code kafka.linger.ms} pass-through says otherwise. */
  public int producerLingerMs() {
    return producerLingerMs;
  }

  /** Whether the service creates missing topics at start-up. */
  public boolean createTopics() {
    return createTopics;
  }

  /** Partitions of topics the engine creates. */
  public int topicPartitions() {
    return topicPartitions;
  }

  /** Replication factor of topics the engine creates. */
  public short topicReplicationFactor() {
    return topicReplicationFactor;
  }

  /** How long a clean close may take. */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** Whether decisions are journaled ({@code engine.journal.enabled}). */
  public boolean journalEnabled() {
    return journalEnabled;
  }

  /** The decision journal's directory ({@code engine.journal.dir}). */
  public Path journalDir() {
    return journalDir;
  }

  /** Pass-through Kafka client properties, {@code kafka.} prefix stripped. */
  public Map<String, Object> kafkaOverrides() {
    return kafkaOverrides;
  }
}
