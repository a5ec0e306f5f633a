package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.EngineService;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.gateway.GatewayService;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A model that hedges with the underlying and a listed 30-day call, end to end through a real broker: the
 * engine serves the two-instrument test graph (target 0.25 x scale shares and 0.5 x scale option units of
 * {@code CALL_ATM_30D}), the paper gateway fills both orders (the option at its Black-Scholes price plus the
 * half-spread), and the engine books the fills: holdings, ledger identities, no dead letters.
 */
@ExtendWith(KafkaFixture.class)
class ListedOptionHedgingIT {

  private static final Instant T0 = Instant.parse("2025-01-02T14:30:00Z");
  private static final String BOOK = "listed-desk";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase();
  private final String symbol = "LO" + tag;
  private final String series = symbol + "-20250201-C-101";
  private final List<HedgeOrder> orders = new ArrayList<>();
  private final List<Fill> fills = new ArrayList<>();
  private final List<PnlEvent> pnl = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  @Test
  void optionOrdersAreFilledByThePaperExchangeAndBookedByTheEngine() throws Exception {
    KafkaFixture.createTopics(1, Topics.allNames());
    try (EngineService engine = EngineService.start(engineConfig());
        GatewayService gateway = GatewayService.start(gatewayConfig());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaFixture.producerProps());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaFixture.consumerProps("listed-it-reader-" + tag))) {
      assertThat(engine.awaitRunning(Duration.ofSeconds(60))).as("engine running").isTrue();
      consumer.subscribe(outputTopics());
      send(producer, Topics.MD_TICKS, tick(T0, 101));
      send(producer, Topics.ORDERS_CLIENT, clientBuysCalls());
      Instant deadline = Instant.now().plus(TIMEOUT);
      for (int minute = 1; !hedged() && Instant.now().isBefore(deadline); minute++) {
        send(producer, Topics.MD_TICKS, tick(T0.plus(Duration.ofMinutes(minute)), 101));
        poll(consumer, Duration.ofSeconds(1));
      }
      poll(consumer, Duration.ofSeconds(2));
      assertThat(gateway.failure()).as("gateway failure").isEmpty();
    }

    assertThat(hedged()).as("a PnL event with both hedges filled; last: %s", pnl.isEmpty() ? null : last()).isTrue();
    HedgeOrder option = orders.stream().filter(o -> o.getInstrument().equals(series)).findFirst().orElseThrow();
    assertThat(option.getInstrumentType()).isEqualTo(InstrumentType.OPTION);
    assertThat(option.getQuantity()).isEqualTo(5.0);
    List<Fill> optionFills = fills.stream().filter(f -> f.getInstrument().equals(series)).toList();
    assertThat(optionFills).isNotEmpty()
        .allSatisfy(fill -> assertThat(fill.getPrice()).isBetween(1.0, 10.0));
    assertThat(optionFills.stream().mapToDouble(Fill::getQuantity).sum()).isEqualTo(5.0);
    PnlEvent last = last();
    assertThat(last.getPositions()).containsEntry(series, 5.0).containsEntry(symbol, 250.0);
    double cumulative = 0;
    for (PnlEvent step : pnl) {
      cumulative += step.getStepPnl();
      assertThat(step.getOptionPnl() + step.getHedgePnl() - step.getCosts()).as("step %d", step.getStep())
          .isCloseTo(step.getStepPnl(), offset(1e-6));
      assertThat(step.getCumulativePnl()).isCloseTo(cumulative, offset(1e-6));
    }
    assertThat(last.getCumulativePnl()).isCloseTo(last.getMarkToMarket(), offset(1e-6));
    assertThat(deadLetters).as("dead letters keyed by %s", symbol).isEmpty();
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

  private boolean hedged() {
    return !pnl.isEmpty() && last().getPositions().getOrDefault(series, 0.0) == 5.0
        && last().getPositions().getOrDefault(symbol, 0.0) == 250.0;
  }

  private PnlEvent last() {
    return pnl.get(pnl.size() - 1);
  }

  private static List<String> outputTopics() {
    List<String> topics = new ArrayList<>(List.of(Topics.ORDERS_HEDGE.name(), Topics.FILLS_HEDGE.name(),
        Topics.PNL_EVENTS.name()));
    Topics.allNames().stream().filter(name -> name.endsWith(".dlq")).forEach(topics::add);
    return topics;
  }

  private void poll(KafkaConsumer<byte[], byte[]> consumer, Duration duration) {
    Instant until = Instant.now().plus(duration);
    while (Instant.now().isBefore(until)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        if (record.key() == null || !symbol.equals(new String(record.key(), StandardCharsets.UTF_8))) {
          continue;
        }
        String topic = record.topic();
        if (topic.equals(Topics.ORDERS_HEDGE.name())) {
          orders.add(decode(Topics.ORDERS_HEDGE, record));
        } else if (topic.equals(Topics.FILLS_HEDGE.name())) {
          fills.add(decode(Topics.FILLS_HEDGE, record));
        } else if (topic.equals(Topics.PNL_EVENTS.name())) {
          pnl.add(decode(Topics.PNL_EVENTS, record));
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

  private <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, V value) throws Exception {
    producer.send(new ProducerRecord<>(topic.name(), symbol.getBytes(StandardCharsets.UTF_8),
        topic.valueSerde().serializer().serialize(topic.name(), value))).get();
  }

  private MarketTick tick(Instant time, double mid) {
    return MarketTick.newBuilder().setSymbol(symbol).setEventTimeMicros(time).setBid(mid - 0.01)
        .setAsk(mid + 0.01).setLast(mid).setVolume(100).setAtmImpliedVol(0.2).setRate(0).setDividendYield(0)
        .setSabr(null).setSource("listed-it").build();
  }

  /** The client buys 10 calls struck at 100 expiring at 14:30Z in 30 days: the desk is short them (scale 1000). */
  private ClientOrder clientBuysCalls() {
    return ClientOrder.newBuilder().setOrderId("listed-it-" + tag).setBook(BOOK).setClient("client-a")
        .setSymbol(symbol).setOption(new OptionSpec(OptionType.CALL, 100.0, T0.plus(Duration.ofDays(30)), 100.0))
        .setQuantity(10).setPremium(2.5).setEventTimeMicros(T0).build();
  }

  private EngineConfig engineConfig() throws Exception {
    Path graph = Path.of(System.getProperty("basedir", "."), "..", "engine", "src", "test", "resources", "onnx",
        "two-instruments.onnx").normalize();
    return EngineConfig.of(
        "engine.bootstrap.servers", KafkaFixture.bootstrapServers(),
        "engine.application.id", "listed-it-" + tag,
        "engine.state.dir", Files.createTempDirectory("listed-it").toString(),
        "engine.state.store", "memory",
        "engine.policy", graph.toString(),
        "engine.decision.interval", "PT1M",
        "engine.commit.interval.ms", "20",
        "engine.close.timeout", "PT10S");
  }

  private GatewayConfig gatewayConfig() {
    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("gateway.group-id", "listed-it-gateway-" + tag);
    props.setProperty("gateway.poll-timeout-ms", "5");
    props.setProperty("gateway.commit-interval-ms", "5");
    return GatewayConfig.from(props);
  }
}
