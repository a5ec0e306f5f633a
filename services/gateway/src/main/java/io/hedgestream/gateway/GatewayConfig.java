package io.hedgestream.gateway;

import io.hedgestream.config.SettingsReader;
import io.hedgestream.metrics.ServiceMetrics;
import io.hedgestream.gateway.fix.FixSettings;
import io.hedgestream.gateway.risk.PreTradeLimits;
import io.hedgestream.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Configuration of the gateway, read from {@code gateway.*} properties (defaults in brackets):
 *
 * <ul>
 *   <li>{@code gateway.bootstrap.servers} [localhost:9092] Kafka bootstrap servers.
 *   <li>{@code gateway.group-id} [hedgestream-gateway] consumer group of orders.hedge and md.ticks.
 *   <li>{@code gateway.route} [paper] the order route: {@code paper} (the paper exchange in this process) or
 *       {@code fix} (a FIX 4.4 session to an OMS or broker, {@code gateway.fix.*}: {@link FixSettings}).
 *   <li>{@code gateway.paper.fee-bps} [1.0] fee per fill, basis points of notional.
 *   <li>{@code gateway.paper.latency-ms} [0] delay from accepting to executing an order.
 *   <li>{@code gateway.paper.max-fill-quantity} [0] split orders into fills of at most this (0 = no split).
 *   <li>{@code gateway.paper.max-waiting-orders} [10000] orders that may wait for a symbol's first tick.
 *   <li>{@code gateway.paper.option-half-spread-vol} [0.005] half-spread of listed option quotes in vol
 *       points: options buy at Black-Scholes(ATM vol + this) and sell at Black-Scholes(ATM vol - this), priced
 *       at the symbol's latest tick (mid, ATM vol, rate, dividend yield); the fee is {@code fee-bps} of the
 *       premium notional (price x contracts x multiplier).
 *   <li>{@code gateway.paper.option-pricing} [half-spread-vol] {@code half-spread-vol} (above) or
 *       {@code cost-fraction}: options fill at the model price with a fee of {@code option-cost-fraction} of
 *       the premium notional and no {@code fee-bps} (the trainer SABR environment's proportional option
 *       cost); see {@link OptionQuoting}. The model price uses the SABR vol of the option's strike and expiry
 *       when the tick carries SABR parameters, in both modes.
 *   <li>{@code gateway.paper.option-cost-fraction} [0.005] the option fee fraction of {@code cost-fraction},
 *       in [0, 1).
 *   <li>{@code gateway.paper.fill-at} [latest] {@code latest}: fill at the symbol's latest tick (live);
 *       {@code order-time}: fill at the tick whose event time is the order's (the engine's decision tick),
 *       holding the order until that tick is seen, whole and at once (replay and backtests: deterministic
 *       fills); requires latency-ms 0 and max-fill-quantity 0.
 *   <li>{@code gateway.paper.quote-history} [1024] quotes kept per symbol for {@code fill-at=order-time}.
 *   <li>{@code gateway.risk.*}: the pre-trade limits every order passes before any route sends it (order
 *       quantity and notional, price collar against a fresh quote, duplicates, throttles, restricted
 *       symbols); names and defaults in {@link PreTradeLimits}.
 *   <li>{@code gateway.dedup-capacity} [100000] most recent order ids remembered to drop duplicates.
 *   <li>{@code gateway.order-timeout} [0: off] an order still waiting at the gateway for its market (a first
 *       quote, or the tick of its own time) after this long, on the gateway's clock, expires: it is reported
 *       EXPIRED (ORDER_TIMEOUT) on orders.status and never sent, and the engine hedges again. ISO-8601
 *       ({@code PT30S}) or seconds. Off by default: a replay's orders wait for their ticks however slow.
 *   <li>{@code gateway.poll-timeout-ms} [100] consumer poll timeout (bounds shutdown latency).
 *   <li>{@code gateway.commit-interval-ms} [50] how often the gateway commits its transaction: the fills and
 *       dead letters since the last commit become visible to read_committed consumers, together with the
 *       offsets of the records they handled.
 *   <li>{@code gateway.instance-id} [{@code <group-id>-0}] this gateway's identity: its producer's
 *       transactional id and its static consumer-group membership ({@code group.instance.id}). A gateway
 *       restarted with the same id (after a crash, kill -9 included) takes over at once: it fences its dead
 *       predecessor, aborts its open transaction and gets its partitions without waiting for the group's
 *       session timeout. Two live gateways must have different ids (the newer one fences the older, which
 *       then stops).
 *   <li>{@code gateway.transaction-timeout-ms} [10000] how long the broker keeps a crashed gateway's open
 *       transaction (and so every read_committed consumer of fills.hedge) waiting when no gateway with the same
 *       id comes back.
 *   <li>{@code gateway.auto-offset-reset} [earliest] where a new group starts: {@code earliest} or
 *       {@code latest}.
 *   <li>{@code kafka.*}: passed to the consumer and producer with the prefix stripped (SASL/SSL).
 * </ul>
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param groupId consumer group id
 * @param route {@code paper} or {@code fix}
 * @param fix the FIX route's settings (used when {@code route} is {@code fix})
 * @param paper paper exchange settings
 * @param risk pre-trade limits, checked for every route
 * @param dedupCapacity order ids remembered for de-duplication, &gt;= 1
 * @param orderTimeout how long an order may wait at the gateway for its market (zero: for ever)
 * @param pollTimeout consumer poll timeout
 * @param commitInterval transaction commit interval
 * @param transactionalId this gateway's identity ({@code gateway.instance-id}): transactional id and
 *     {@code group.instance.id}
 * @param transactionTimeout the producer's transaction timeout
 * @param autoOffsetReset {@code earliest} or {@code latest}
 * @param kafkaOverrides extra client settings
 * @param metrics where the gateway serves Prometheus metrics ({@code gateway.metrics.port}, -1 = nowhere)
 */
public record GatewayConfig(
    String bootstrapServers,
    String groupId,
    String route,
    FixSettings fix,
    PaperExchangeConfig paper,
    PreTradeLimits risk,
    int dedupCapacity,
    Duration orderTimeout,
    Duration pollTimeout,
    Duration commitInterval,
    String transactionalId,
    Duration transactionTimeout,
    String autoOffsetReset,
    Map<String, Object> kafkaOverrides,
    ServiceMetrics.Settings metrics) {

  /** The routes {@code gateway.route} may name. */
  public static final List<String> ROUTES = List.of("paper", "fix");

  private static final Set<String> RESERVED = Set.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
      ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.ACKS_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
      ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
      ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);

  /** Validates the fields. */
  public GatewayConfig {
    Objects.requireNonNull(paper, "paper");
    Objects.requireNonNull(fix, "fix");
    if (!ROUTES.contains(route)) {
      throw new IllegalArgumentException("route must be one of " + ROUTES + ", got " + route);
    }
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(orderTimeout, "orderTimeout");
    if (orderTimeout.isNegative()) {
      throw new IllegalArgumentException("orderTimeout must be >= 0, got " + orderTimeout);
    }
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(transactionTimeout, "transactionTimeout");
    if (transactionalId == null || transactionalId.isBlank()) {
      throw new IllegalArgumentException("transactionalId must not be blank");
    }
    if (bootstrapServers == null || bootstrapServers.isBlank() || groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers and groupId must not be blank");
    }
    if (dedupCapacity < 1) {
      throw new IllegalArgumentException("dedupCapacity must be >= 1, got " + dedupCapacity);
    }
    if (!autoOffsetReset.equals("earliest") && !autoOffsetReset.equals("latest")) {
      throw new IllegalArgumentException("autoOffsetReset must be earliest or latest, got " + autoOffsetReset);
    }
    kafkaOverrides = Map.copyOf(kafkaOverrides);
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The configuration from {@code gateway.*} and {@code kafka.*} properties, defaults for the rest. */
  public static GatewayConfig from(Properties properties) {
    SettingsReader in = new SettingsReader(properties, "gateway.");
    String bootstrap = in.text("gateway.bootstrap.servers", "localhost:9092");
    String groupId = in.text("gateway.group-id", "hedgestream-gateway");
    String route = in.choice("gateway.route", "paper", ROUTES);
    FixSettings fix = FixSettings.from(in, System.getenv());
    PaperExchangeConfig paper = new PaperExchangeConfig(
        in.decimal("gateway.paper.fee-bps", 1.0, v -> v >= 0 && v < 10_000, "in [0, 10000)"),
        in.integer("gateway.paper.latency-ms", 0, 0, 60_000),
        in.decimal("gateway.paper.max-fill-quantity", 0, v -> v >= 0 && Double.isFinite(v), "finite and >= 0"),
        (int) in.integer("gateway.paper.max-waiting-orders", 10_000, 0, 10_000_000),
        in.decimal("gateway.paper.option-half-spread-vol", PaperExchangeConfig.DEFAULT_OPTION_HALF_SPREAD_VOL,
            v -> v >= 0 && v < 1, "in [0, 1)"),
        FillTime.parse(in.choice("gateway.paper.fill-at", FillTime.LATEST.propertyValue(),
            List.of(FillTime.LATEST.propertyValue(), FillTime.ORDER_TIME.propertyValue()))),
        (int) in.integer("gateway.paper.quote-history", PaperExchangeConfig.DEFAULT_QUOTE_HISTORY, 1, 1_000_000),
        OptionQuoting.parse(in.choice("gateway.paper.option-pricing", OptionQuoting.HALF_SPREAD_VOL.propertyValue(),
            List.of(OptionQuoting.HALF_SPREAD_VOL.propertyValue(), OptionQuoting.COST_FRACTION.propertyValue()))),
        in.decimal("gateway.paper.option-cost-fraction", PaperExchangeConfig.DEFAULT_OPTION_COST_FRACTION,
            v -> v >= 0 && v < 1, "in [0, 1)"));
    PreTradeLimits risk = PreTradeLimits.from(in);
    int dedup = (int) in.integer("gateway.dedup-capacity", 100_000, 1, 100_000_000);
    Duration orderTimeout = in.nonNegativeDuration("gateway.order-timeout", Duration.ZERO);
    long poll = in.integer("gateway.poll-timeout-ms", 100, 1, 10_000);
    long commit = in.integer("gateway.commit-interval-ms", 50, 1, 600_000);
    String transactionalId = in.text("gateway.instance-id", groupId + "-0");
    long transactionTimeout = in.integer("gateway.transaction-timeout-ms", 10_000, 1_000, 900_000);
    String reset = in.choice("gateway.auto-offset-reset", "earliest", List.of("earliest", "latest"));
    Map<String, Object> overrides = in.kafkaOverrides(RESERVED);
    ServiceMetrics.Settings metrics = ServiceMetrics.Settings.from(in, "gateway.", -1);
    in.throwIfInvalid("gateway");
    return new GatewayConfig(bootstrap, groupId, route, fix, paper, risk, dedup, orderTimeout, Duration.ofMillis(poll), Duration.ofMillis(commit),
        transactionalId, Duration.ofMillis(transactionTimeout), reset, overrides, metrics);
  }

  /** The same configuration with other bootstrap servers (e.g. the demo's in-JVM broker). */
  public GatewayConfig withBootstrapServers(String servers) {
    return new GatewayConfig(servers, groupId, route, fix, paper, risk, dedupCapacity, orderTimeout, pollTimeout, commitInterval, transactionalId,
        transactionTimeout, autoOffsetReset, kafkaOverrides, metrics);
  }

  /** The same configuration routing over FIX with {@code settings}. */
  public GatewayConfig withFix(FixSettings settings) {
    return new GatewayConfig(bootstrapServers, groupId, "fix", settings, paper, risk, dedupCapacity, orderTimeout,
        pollTimeout, commitInterval, transactionalId, transactionTimeout, autoOffsetReset, kafkaOverrides, metrics);
  }

  /** The same configuration with other paper exchange settings. */
  public GatewayConfig withPaper(PaperExchangeConfig settings) {
    return new GatewayConfig(bootstrapServers, groupId, route, fix, settings, risk, dedupCapacity, orderTimeout, pollTimeout, commitInterval,
        transactionalId, transactionTimeout, autoOffsetReset, kafkaOverrides, metrics);
  }

  /**
   * Consumer settings ({@link KafkaClients#consumer}: read_committed, byte arrays, manual commits) starting
   * new groups at {@code autoOffsetReset}, with client id {@code hedgestream-gateway} unless the
   * {@code kafka.*} overrides say otherwise.
   */
  public Map<String, Object> consumerProperties() {
    Map<String, Object> props = KafkaClients.consumer(bootstrapServers, groupId, clientSettings());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, transactionalId);
    return props;
  }

  /**
   * Settings of the consumer that reads policy.control (the trading states): the consumer's, read_committed,
   * without a group (it is assigned every partition and commits nothing).
   */
  public Map<String, Object> controlConsumerProperties() {
    Map<String, Object> props = consumerProperties();
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, props.get(CommonClientConfigs.CLIENT_ID_CONFIG) + "-control");
    return props;
  }

  /**
   * Transactional byte-array producer settings ({@link KafkaClients#transactionalProducer}: idempotent,
   * acks=all, {@code transactional.id} and {@code transaction.timeout.ms} from this configuration).
   */
  public Map<String, Object> producerProperties() {
    Map<String, Object> props = KafkaClients.transactionalProducer(bootstrapServers, transactionalId, clientSettings());
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
    return props;
  }

  private Map<String, Object> clientSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, "hedgestream-gateway");
    settings.putAll(kafkaOverrides);
    return settings;
  }
}
