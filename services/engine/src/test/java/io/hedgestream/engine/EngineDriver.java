package io.hedgestream.engine;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.engine.journal.DecisionJournal;
import io.hedgestream.engine.policy.HedgePolicies;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.PolicyRegistry;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver around {@link HedgeTopology} with typed handles on every topic. */
final class EngineDriver implements AutoCloseable {

  final TopologyTestDriver driver;
  final TestInputTopic<String, MarketTick> ticks;
  final TestInputTopic<String, ClientOrder> clientOrders;
  final TestInputTopic<String, Fill> fills;
  final TestInputTopic<String, OrderStatus> statuses;
  final TestInputTopic<String, PolicyControl> control;
  final TestOutputTopic<String, HedgeOrder> hedgeOrders;
  final TestOutputTopic<String, PnlEvent> pnl;
  final TestOutputTopic<String, RiskSnapshot> risk;
  private final Path stateDir;
  private final PolicyRegistry policies;

  private EngineDriver(EngineConfig config, HedgePolicy policy, DecisionJournal journal, Path stateDir) {
    this.stateDir = stateDir;
    this.policies = PolicyRegistry.around(policy);
    Properties properties = StreamsProperties.of(config);
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
    HedgeTopology.build(builder, config, policies, journal);
    driver = new TopologyTestDriver(builder.build(properties), properties);
    ticks = input(Topics.MD_TICKS);
    clientOrders = input(Topics.ORDERS_CLIENT);
    fills = input(Topics.FILLS_HEDGE);
    statuses = input(Topics.ORDERS_STATUS);
    control = input(Topics.POLICY_CONTROL);
    hedgeOrders = output(Topics.ORDERS_HEDGE);
    pnl = output(Topics.PNL_EVENTS);
    risk = output(Topics.RISK_METRICS);
  }

  /** A driver with the test defaults plus {@code namesAndValues} overrides. */
  static EngineDriver create(String... namesAndValues) {
    EngineConfig config = config(namesAndValues);
    return create(config, HedgePolicies.named(config.policyName()));
  }

  /** A driver with a given configuration and policy. */
  static EngineDriver create(EngineConfig config, HedgePolicy policy) {
    return new EngineDriver(config, policy, DecisionJournal.NONE, config.stateDir());
  }

  /** A driver whose decisions are appended to {@code journal} (the caller closes it). */
  static EngineDriver create(EngineConfig config, HedgePolicy policy, DecisionJournal journal) {
    return new EngineDriver(config, policy, journal, config.stateDir());
  }

  /** The test defaults (in-memory stores, a fresh state directory) plus overrides. */
  static EngineConfig config(String... namesAndValues) {
    Properties properties = new Properties();
    properties.setProperty("engine.bootstrap.servers", "unused:9092");
    properties.setProperty("engine.state.store", "memory");
    try {
      properties.setProperty("engine.state.dir", Files.createTempDirectory("engine-ttd").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return EngineConfig.from(properties);
  }

  /** A raw-bytes handle on an input topic, for garbage and hand-made records. */
  TestInputTopic<byte[], byte[]> raw(Topic<?, ?> topic) {
    Topic<byte[], byte[]> raw = Topics.raw(topic);
    return driver.createInputTopic(raw.name(), raw.keySerde().serializer(), raw.valueSerde().serializer());
  }

  /** A raw-bytes view of an output topic (read it before the typed view: both drain one queue). */
  TestOutputTopic<byte[], byte[]> rawOutput(String topic) {
    return driver.createOutputTopic(topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
  }

  /** The dead-letter topic of {@code source}. */
  TestOutputTopic<byte[], DeadLetter> deadLetters(Topic<?, ?> source) {
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(source);
    return driver.createOutputTopic(dlq.name(), dlq.keySerde().deserializer(), dlq.valueSerde().deserializer());
  }

  void tick(MarketTick tick) {
    ticks.pipeInput(tick.getSymbol(), tick);
  }

  void order(ClientOrder order) {
    clientOrders.pipeInput(order.getSymbol(), order);
  }

  void fill(Fill fill) {
    fills.pipeInput(fill.getSymbol(), fill);
  }

  void status(OrderStatus status) {
    statuses.pipeInput(status.getSymbol(), status);
  }

  void control(String key, PolicyControl command) {
    control.pipeInput(key, command);
  }

  List<HedgeOrder> drainOrders() {
    return new ArrayList<>(hedgeOrders.readValuesToList());
  }

  List<PnlEvent> drainPnl() {
    return new ArrayList<>(pnl.readValuesToList());
  }

  List<RiskSnapshot> drainRisk() {
    return new ArrayList<>(risk.readValuesToList());
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde().serializer());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
  }

  @Override
  public void close() {
    driver.close();
    policies.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
