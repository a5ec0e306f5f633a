package io.hedgestream.feed;

import io.hedgestream.config.PlaybackSpeed;
import io.hedgestream.config.SettingsReader;
import io.hedgestream.feed.flow.OrderFlowConfig;
import io.hedgestream.feed.sabr.SabrBookSettings;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.metrics.ServiceMetrics;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Configuration of the simulated feed, read from {@code feed.*} properties (defaults in brackets):
 *
 * <ul>
 *   <li>{@code feed.bootstrap.servers} [localhost:9092] Kafka bootstrap servers.
 *   <li>{@code feed.symbols} [SIM] comma-separated underlying symbols, one simulated market each.
 *   <li>{@code feed.seed} [42] seed of every random draw; equal seeds give equal ticks and orders.
 *   <li>{@code feed.run-id} [s&lt;seed&gt;] prefix of client order ids; change it to rerun a seed against
 *       a cluster that already holds that seed's orders (the engine ignores repeated order ids).
 *   <li>{@code feed.start-time} [now] event time of the first tick: {@code now} or an ISO-8601 instant.
 *   <li>{@code feed.step-seconds} [60] simulated seconds between ticks; continuous calendar time (no
 *       trading sessions, nights or weekends), years are ACT/365.
 *   <li>{@code feed.speed} [x60] {@code realtime}, {@code x<N>} (N simulated seconds per second) or
 *       {@code max}.
 *   <li>{@code feed.max-ticks} [0] ticks per symbol after which the feed stops (0 = until closed).
 *   <li>{@code feed.model} [gbm] {@code gbm} or {@code heston}.
 *   <li>{@code feed.spot} [100] initial mid; {@code feed.drift} [rate − dividend-yield] annualised drift μ;
 *       {@code feed.volatility} [0.20] GBM σ.
 *   <li>{@code feed.heston.v0} [0.04], {@code feed.heston.kappa} [2.0], {@code feed.heston.theta} [0.04],
 *       {@code feed.heston.xi} [0.5], {@code feed.heston.rho} [−0.7].
 *   <li>{@code feed.rate} [0.03], {@code feed.dividend-yield} [0.0] continuous, annualised, on every tick.
 *   <li>{@code feed.half-spread-bps} [2.0] quote half-spread around the mid, basis points of the mid.
 *   <li>{@code feed.volume-per-day} [1000000] expected shares per calendar day (per-tick volume is
 *       exponential around its share of that).
 *   <li>{@code feed.orders.rate-per-day} [100] Poisson rate of client orders per symbol per calendar day.
 *   <li>{@code feed.orders.tenor-days} [30], {@code feed.orders.strike-tick} [1.0],
 *       {@code feed.orders.min-contracts} [1], {@code feed.orders.max-contracts} [10],
 *       {@code feed.orders.multiplier} [100], {@code feed.orders.books-per-symbol} [1],
 *       {@code feed.orders.book-name} [{symbol}-book-{n}], {@code feed.orders.clients} [5]: see
 *       {@link OrderFlowConfig}.
 *   <li>{@code feed.scenario} [flow] {@code flow} (the market and flow above) or {@code sabr-book}: the
 *       trainer's SABR book environment ({@link SabrBookSettings}: one tick a decision day at
 *       {@code feed.sabr.tick-time}, {@code feed.step-seconds}, {@code feed.model}, the GBM/Heston, spread,
 *       rate and order-size settings do not apply; ticks are published from the first tick time at or after
 *       {@code feed.start-time}; orders go to book {@code feed.orders.book-name} with n = 1).
 *   <li>{@code feed.sabr.s0} [10], {@code feed.sabr.sigma0} [0.3], {@code feed.sabr.beta} [0.5],
 *       {@code feed.sabr.rho} [0.2], {@code feed.sabr.vol-of-vol} [0.3], {@code feed.sabr.days-per-year}
 *       [365], {@code feed.sabr.episode-days} [0 = unbounded], {@code feed.sabr.orders-per-day} [1],
 *       {@code feed.sabr.units-per-order} [100], {@code feed.sabr.book-maturity-days} [60],
 *       {@code feed.sabr.atm-vol-days} [30], {@code feed.sabr.tick-time} [20:00]: see {@link SabrBookSettings}.
 *   <li>{@code feed.path-out} [unset] a CSV file the feed writes the simulated path to, one line per symbol
 *       and step ({@link PathWriter}), so the trainer environment can replay the same path.
 *   <li>{@code kafka.*}: passed to the producer with the prefix stripped (SASL/SSL settings).
 * </ul>
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param symbols the simulated symbols, in publication order
 * @param seed the random seed
 * @param runId prefix of client order ids
 * @param startTime event time of the first tick; null means the wall clock when the feed starts
 * @param stepMicros simulated microseconds between ticks
 * @param speed pacing against the wall clock
 * @param maxTicks ticks per symbol before stopping; 0 = unbounded
 * @param market the simulated market
 * @param orderFlow the simulated client flow
 * @param scenario what is simulated
 * @param sabrBook the settings of the {@code sabr-book} scenario
 * @param pathOut where to write the simulated path; null = nowhere
 * @param kafkaOverrides extra producer settings
 */
public record FeedConfig(
    String bootstrapServers,
    List<String> symbols,
    long seed,
    String runId,
    Instant startTime,
    long stepMicros,
    PlaybackSpeed speed,
    long maxTicks,
    MarketConfig market,
    OrderFlowConfig orderFlow,
    Scenario scenario,
    SabrBookSettings sabrBook,
    Path pathOut,
    Map<String, Object> kafkaOverrides,
    ServiceMetrics.Settings metrics) {

  private static final Set<String> RESERVED = Set.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.ACKS_CONFIG);

  /** Validates the fields that the nested records do not. */
  public FeedConfig {
    Objects.requireNonNull(speed, "speed");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(orderFlow, "orderFlow");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(sabrBook, "sabrBook");
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    symbols = List.copyOf(symbols);
    if (symbols.isEmpty() || symbols.stream().anyMatch(s -> !s.matches("[A-Za-z0-9._-]+"))) {
      throw new IllegalArgumentException("symbols must be a non-empty list of [A-Za-z0-9._-]+, got " + symbols);
    }
    if (symbols.stream().distinct().count() != symbols.size()) {
      throw new IllegalArgumentException("symbols must be distinct, got " + symbols);
    }
    if (stepMicros <= 0 || maxTicks < 0) {
      throw new IllegalArgumentException("stepMicros must be > 0 and maxTicks >= 0");
    }
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }

  /** The configuration from {@code feed.*} and {@code kafka.*} properties, defaults for the rest. */
  public static FeedConfig from(Properties properties) {
    SettingsReader in = new SettingsReader(properties, "feed.");
    String bootstrap = in.text("feed.bootstrap.servers", "localhost:9092");
    List<String> symbols = Arrays.stream(in.text("feed.symbols", "SIM").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    long seed = in.integer("feed.seed", 42, v -> true, "an integer");
    String runId = in.text("feed.run-id", "s" + seed);
    Instant start = in.parsed("feed.start-time", null, FeedConfig::parseStart);
    double stepSeconds = in.decimal("feed.step-seconds", 60, v -> v >= 1e-6 && v <= 86_400 * 366.0,
        "between 1e-6 and one year");
    PlaybackSpeed speed = in.parsed("feed.speed", new PlaybackSpeed(60), PlaybackSpeed::parse);
    long maxTicks = in.integer("feed.max-ticks", 0, v -> v >= 0, ">= 0");
    MarketConfig market = FeedConfigParts.market(in);
    OrderFlowConfig flow = FeedConfigParts.orderFlow(in);
    Scenario scenario = Scenario.parse(in.choice("feed.scenario", Scenario.FLOW.propertyValue(),
        List.of(Scenario.FLOW.propertyValue(), Scenario.SABR_BOOK.propertyValue())));
    SabrBookSettings sabr = FeedConfigParts.sabrBook(in);
    Path pathOut = in.parsed("feed.path-out", null, text -> Path.of(text));
    Map<String, Object> overrides = in.kafkaOverrides(RESERVED);
    ServiceMetrics.Settings metrics = ServiceMetrics.Settings.from(in, "feed.", -1);
    in.throwIfInvalid("feed");
    long stepMicros = scenario == Scenario.SABR_BOOK ? sabr.stepMicros() : Math.round(stepSeconds * 1e6);
    return new FeedConfig(bootstrap, symbols, seed, runId, start, stepMicros, speed, maxTicks, market, flow,
        scenario, sabr, pathOut, overrides, metrics);
  }

  /**
   * Ticks per symbol after which the feed stops, 0 = never: {@code feed.max-ticks}, and for a
   * {@code sabr-book} episode at most {@code episode-days + 1} (days 0..T, no orders on day T).
   */
  public long tickLimit() {
    if (scenario != Scenario.SABR_BOOK || sabrBook.episodeDays() == 0) {
      return maxTicks;
    }
    long episodeTicks = sabrBook.episodeDays() + 1L;
    return maxTicks == 0 ? episodeTicks : Math.min(maxTicks, episodeTicks);
  }

  /** The file the simulated path is written to, when asked for. */
  public Optional<Path> pathOutFile() {
    return Optional.ofNullable(pathOut);
  }

  /** The event time of the first tick, when fixed; empty means "the wall clock at start". */
  public Optional<Instant> fixedStartTime() {
    return Optional.ofNullable(startTime);
  }

  /** The same configuration with other bootstrap servers (e.g. the demo's in-JVM broker). */
  public FeedConfig withBootstrapServers(String servers) {
    return new FeedConfig(servers, symbols, seed, runId, startTime, stepMicros, speed, maxTicks, market,
        orderFlow, scenario, sabrBook, pathOut, kafkaOverrides, metrics);
  }

  /**
   * Idempotent producer settings ({@link KafkaClients#producer}: acks=all, idempotence on) with a 5 ms
   * linger and client id {@code hedgestream-feed} unless the {@code kafka.*} overrides say otherwise.
   */
  public Map<String, Object> producerProperties() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "hedgestream-feed");
    settings.putAll(kafkaOverrides);
    return KafkaClients.producer(bootstrapServers, settings);
  }

  /** {@code now} (null: the wall clock at start) or an ISO-8601 instant. */
  private static Instant parseStart(String text) {
    if (text.equalsIgnoreCase("now")) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("must be now or an ISO-8601 instant", e);
    }
  }
}
