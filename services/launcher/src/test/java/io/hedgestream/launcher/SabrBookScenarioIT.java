package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.EngineService;
import io.hedgestream.feed.FeedConfig;
import io.hedgestream.feed.FeedService;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.gateway.GatewayService;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code sabr-book} scenario end to end through a real broker: the feed publishes a short SABR book
 * episode, the engine delta-hedges it, the paper gateway (cost-fraction options, no underlying fee, fills at
 * the decision tick) fills every hedge order, and nothing is dead-lettered.
 */
@ExtendWith(KafkaFixture.class)
class SabrBookScenarioIT {

  private static final int EPISODE_DAYS = 6;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase();
  private final String symbol = "SB" + tag;
  private final List<MarketTick> ticks = new ArrayList<>();
  private final List<HedgeOrder> orders = new ArrayList<>();
  private final List<Fill> fills = new ArrayList<>();
  private final List<PnlEvent> pnl = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  @Test
  void theDeltaPolicyHedgesAnEpisodeAndEveryHedgeOrderIsFilledAtItsDecisionTick() throws Exception {
    KafkaFixture.createTopics(1, Topics.allNames());
    FeedConfig feedConfig = feedConfig();
    try (EngineService engine = EngineService.start(engineConfig());
        GatewayService gateway = GatewayService.start(gatewayConfig());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaFixture.consumerProps("sabr-it-reader-" + tag))) {
      assertThat(engine.awaitRunning(Duration.ofSeconds(60))).as("engine running").isTrue();
      consumer.subscribe(outputTopics());
      try (FeedService feed = FeedService.start(feedConfig)) {
        assertThat(feed.awaitCompletion(Duration.ofSeconds(30))).isTrue();
        assertThat(feed.failure()).isEmpty();
        assertThat(feed.ticksPublished()).isEqualTo(EPISODE_DAYS + 1);
      }
      Instant deadline = Instant.now().plus(TIMEOUT);
      while (!settled() && Instant.now().isBefore(deadline)) {
        poll(consumer, Duration.ofMillis(500));
      }
      poll(consumer, Duration.ofSeconds(2));
      assertThat(gateway.failure()).as("gateway failure").isEmpty();
    }

    assertThat(settled()).as("a decision at every tick and a fill for every hedge order; pnl %d, orders %d, fills %d",
        pnl.size(), orders.size(), fills.size()).isTrue();
    assertThat(orders).isNotEmpty().allSatisfy(order -> assertThat(order.getInstrument()).isEqualTo(symbol));
    Map<Instant, Double> spotAt = new HashMap<>();
    ticks.forEach(tick -> spotAt.put(tick.getEventTimeMicros(), tick.getLast()));
    for (HedgeOrder order : orders) {
      List<Fill> own = fills.stream().filter(f -> f.getOrderId().equals(order.getOrderId())).toList();
      assertThat(own.stream().mapToDouble(Fill::getQuantity).sum()).isEqualTo(order.getQuantity());
      assertThat(own).allSatisfy(fill -> {
        assertThat(fill.getPrice()).isEqualTo(spotAt.get(order.getEventTimeMicros()));
        assertThat(fill.getFee()).isZero();
      });
    }
    double cumulative = 0;
    for (PnlEvent step : pnl) {
      cumulative += step.getStepPnl();
      assertThat(step.getCumulativePnl()).isCloseTo(cumulative, offset(1e-6));
      assertThat(step.getSpot()).isEqualTo(spotAt.get(step.getEventTimeMicros()));
    }
    assertThat(deadLetters).as("dead letters keyed by %s", symbol).isEmpty();
  }

  /**
   * Over the real broker, the engine reads the gateway's order statuses: with the symbol restricted at the
   * gateway, every hedge order is refused REJECTED (RISK_RESTRICTED_SYMBOL) and nothing fills, yet the
   * book is never blocked: the engine releases each refused order, names it in the next PnL event and
   * hedges again. (Without orders.status every order would stay pending for ever, counted as if it were
   * about to fill.)
   */
  @Test
  void aGatewayThatRefusesEveryOrderNeverBlocksTheBook() throws Exception {
    KafkaFixture.createTopics(1, Topics.allNames());
    Properties gatewayProps = new Properties();
    gatewayProps.setProperty("gateway.risk.restricted-symbols", symbol);
    List<OrderStatus> statuses = new ArrayList<>();
    try (EngineService engine = EngineService.start(engineConfig());
        GatewayService gateway = GatewayService.start(gatewayConfig(gatewayProps));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaFixture.consumerProps("sabr-it-refused-"
            + tag))) {
      assertThat(engine.awaitRunning(Duration.ofSeconds(60))).as("engine running").isTrue();
      List<String> topics = outputTopics();
      topics.add(Topics.ORDERS_STATUS.name());
      consumer.subscribe(topics);
      // A day every half second: each status reaches the engine before the next day's tick.
      try (FeedService feed = FeedService.start(feedConfig("x172800"))) {
        assertThat(feed.awaitCompletion(Duration.ofSeconds(30))).isTrue();
      }
      Instant deadline = Instant.now().plus(TIMEOUT);
      while (Instant.now().isBefore(deadline) && !(pnl.stream().map(PnlEvent::getEventTimeMicros).distinct().count()
          >= EPISODE_DAYS && statuses.size() >= orders.size() && orders.size() >= 3)) {
        poll(consumer, Duration.ofMillis(500), statuses);
      }
      poll(consumer, Duration.ofSeconds(2), statuses);
      assertThat(gateway.failure()).isEmpty();
    }

    assertThat(fills).as("nothing fills").isEmpty();
    assertThat(orders.size()).as("a new order at each later decision, not one pending for ever")
        .isGreaterThanOrEqualTo(3);
    assertThat(statuses).as("one REJECTED status per order").hasSameSizeAs(orders).allSatisfy(status -> {
      assertThat(status.getStatus()).isEqualTo(OrderState.REJECTED);
      assertThat(status.getReasonCode()).isEqualTo("RISK_RESTRICTED_SYMBOL");
    });
    List<String> released = pnl.stream().flatMap(event -> event.getReleasedOrders().keySet().stream()).toList();
    assertThat(released).as("every order but the last is released and named by the next PnL event")
        .containsAll(orders.subList(0, orders.size() - 1).stream().map(HedgeOrder::getOrderId).toList());
    assertThat(pnl).flatMap(event -> event.getReleasedOrders().values())
        .allSatisfy(outcome -> assertThat(outcome).isEqualTo("REJECTED RISK_RESTRICTED_SYMBOL"));
  }

  /** Empties the HedgeStream topics of the test run's own broker, so later ITs' new groups do not re-read them. */
  @AfterEach
  void leaveTheSharedTopicsEmpty() throws InterruptedException {
    if (KafkaFixture.kind() != KafkaFixture.Kind.EXTERNAL) {
      try (DeltaHedgingAdmin admin = new DeltaHedgingAdmin(KafkaClients.admin(KafkaFixture.bootstrapServers(),
          Map.of()))) {
        admin.truncate(Topics.allNames());
      }
    }
  }

  /** Every tick decided (one PnL event per tick once the book exists) and every hedge order filled. */
  private boolean settled() {
    long decidedTicks = pnl.stream().map(PnlEvent::getEventTimeMicros).distinct().count();
    double ordered = orders.stream().mapToDouble(HedgeOrder::getQuantity).sum();
    double filled = fills.stream().mapToDouble(Fill::getQuantity).sum();
    return ticks.size() == EPISODE_DAYS + 1 && decidedTicks >= EPISODE_DAYS && !orders.isEmpty()
        && ordered == filled;
  }

  private static List<String> outputTopics() {
    List<String> topics = new ArrayList<>(List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.PNL_EVENTS.name()));
    Topics.allNames().stream().filter(name -> name.endsWith(".dlq")).forEach(topics::add);
    return topics;
  }

  private void poll(KafkaConsumer<byte[], byte[]> consumer, Duration duration) {
    poll(consumer, duration, new ArrayList<>());
  }

  private void poll(KafkaConsumer<byte[], byte[]> consumer, Duration duration, List<OrderStatus> statuses) {
    Instant until = Instant.now().plus(duration);
    while (Instant.now().isBefore(until)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        if (record.key() == null || !symbol.equals(new String(record.key(), StandardCharsets.UTF_8))) {
          continue;
        }
        String topic = record.topic();
        if (topic.equals(Topics.MD_TICKS.name())) {
          ticks.add(decode(Topics.MD_TICKS, record));
        } else if (topic.equals(Topics.ORDERS_HEDGE.name())) {
          orders.add(decode(Topics.ORDERS_HEDGE, record));
        } else if (topic.equals(Topics.FILLS_HEDGE.name())) {
          fills.add(decode(Topics.FILLS_HEDGE, record));
        } else if (topic.equals(Topics.PNL_EVENTS.name())) {
          pnl.add(decode(Topics.PNL_EVENTS, record));
        } else if (topic.equals(Topics.ORDERS_STATUS.name())) {
          statuses.add(decode(Topics.ORDERS_STATUS, record));
        } else {
          deadLetters.add(Topics.deadLetterOf(Topics.ORDERS_HEDGE).valueSerde().deserializer()
              .deserialize(topic, record.value()));
        }
      }
    }
  }

  private static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
    return topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
  }

  /** The scenario's own defaults with a fixed start, a short episode and brisk client flow. */
  private Properties scenario() {
    Properties props = new Properties();
    props.putAll(Scenarios.defaults("sabr-book"));
    props.setProperty("feed.symbols", symbol);
    props.setProperty("feed.start-time", "2026-03-02T12:00:00Z");
    props.setProperty("feed.speed", "max");
    props.setProperty("feed.run-id", "sabr-it-" + tag);
    props.setProperty("feed.sabr.episode-days", Integer.toString(EPISODE_DAYS));
    props.setProperty("feed.sabr.orders-per-day", "2");
    return props;
  }

  private FeedConfig feedConfig() {
    return feedConfig("max");
  }

  private FeedConfig feedConfig(String speed) {
    Properties props = only(scenario(), "feed.");
    props.setProperty("feed.speed", speed);
    props.setProperty("feed.bootstrap.servers", KafkaFixture.bootstrapServers());
    return FeedConfig.from(props);
  }

  private EngineConfig engineConfig() throws Exception {
    Properties props = only(scenario(), "engine.");
    props.setProperty("engine.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("engine.application.id", "sabr-it-" + tag);
    props.setProperty("engine.state.dir", Files.createTempDirectory("sabr-it").toString());
    props.setProperty("engine.state.store", "memory");
    props.setProperty("engine.commit.interval.ms", "20");
    props.setProperty("engine.close.timeout", "PT10S");
    return EngineConfig.from(props);
  }

  private GatewayConfig gatewayConfig() {
    return gatewayConfig(new Properties());
  }

  private GatewayConfig gatewayConfig(Properties extra) {
    Properties props = only(scenario(), "gateway.");
    props.putAll(extra);
    props.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("gateway.group-id", "sabr-it-gateway-" + tag);
    props.setProperty("gateway.poll-timeout-ms", "5");
    props.setProperty("gateway.commit-interval-ms", "5");
    props.setProperty("gateway.paper.fill-at", "order-time");
    return GatewayConfig.from(props);
  }

  private static Properties only(Properties all, String prefix) {
    Properties some = new Properties();
    all.stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
        .forEach(name -> some.setProperty(name, all.getProperty(name)));
    return some;
  }
}
