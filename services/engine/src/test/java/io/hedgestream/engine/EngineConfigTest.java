package io.hedgestream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

  @Test
  void defaultsApplyWhenOnlyTheBootstrapServersAreGiven() {
    EngineConfig config = EngineConfig.of("engine.bootstrap.servers", "broker:9092");

    assertThat(config.applicationId()).isEqualTo("hedgestream-engine");
    assertThat(config.storeType()).isEqualTo(EngineConfig.StoreType.ROCKSDB);
    assertThat(config.decisionInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.lotSize()).isEqualTo(1.0);
    assertThat(config.limits().maxPosition()).isEqualTo(1_000_000);
    assertThat(config.limits().maxOrderQuantity()).isEqualTo(100_000);
    assertThat(config.riskWindow()).isEqualTo(250);
    assertThat(config.processingGuarantee()).isEqualTo(EngineConfig.EXACTLY_ONCE_V2);
    assertThat(config.commitIntervalMs()).isEqualTo(100);
    assertThat(config.policyName()).isEqualTo("delta");
    assertThat(config.numStreamThreads()).isEqualTo(1);
    assertThat(config.createTopics()).isFalse();
  }

  @Test
  void durationsAcceptIsoAndSeconds() {
    assertThat(EngineConfig.of("engine.bootstrap.servers", "b:1", "engine.decision.interval", "P1D").decisionInterval())
        .isEqualTo(Duration.ofDays(1));
    assertThat(EngineConfig.of("engine.bootstrap.servers", "b:1", "engine.decision.interval", "0.5").decisionInterval())
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> EngineConfig.of(
        "engine.lot-size", "-1",
        "engine.decision.interval", "soon",
        "engine.processing.guarantee", "exactly_once",
        "engine.risk.window", "0",
        "engine.polcy", "delta"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("engine.bootstrap.servers: required")
        .hasMessageContaining("engine.lot-size=-1: must be finite and > 0")
        .hasMessageContaining("engine.decision.interval=soon: must be a positive")
        .hasMessageContaining("engine.processing.guarantee=exactly_once: must be one of")
        .hasMessageContaining("engine.risk.window=0: must be in [1, 100000]")
        .hasMessageContaining("engine.polcy: unknown setting");
  }

  @Test
  void anOrderLimitBelowOneLotIsRejected() {
    assertThatThrownBy(() -> EngineConfig.of("engine.bootstrap.servers", "b:1", "engine.lot-size", "100",
        "engine.limits.max-order-quantity", "50"))
        .hasMessageContaining("smaller than one lot");
  }

  @Test
  void kafkaPropertiesPassThroughAndWin() {
    Properties properties = new Properties();
    properties.setProperty("engine.bootstrap.servers", "b:1");
    properties.setProperty("engine.processing.guarantee", "at_least_once");
    properties.setProperty("engine.commit.interval.ms", "250");
    properties.setProperty("kafka.security.protocol", "SASL_SSL");
    properties.setProperty("kafka.replication.factor", "3");

    Properties streams = StreamsProperties.of(EngineConfig.from(properties));

    assertThat(streams.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(streams.getProperty("replication.factor")).isEqualTo("3");
    assertThat(streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
    assertThat(streams.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("250");
    assertThat(streams.getProperty(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isNotBlank();
  }

  @Test
  void theProducerLingersOneMillisecondAtLeastOnceAndTheCommitIntervalExactlyOnceUnlessTheOperatorSays() {
    Properties atLeastOnce = StreamsProperties.of(EngineConfig.of("engine.bootstrap.servers", "b:1",
        "engine.processing.guarantee", "at_least_once", "engine.standby.replicas", "1"));
    assertThat(atLeastOnce.getProperty("producer.linger.ms")).isEqualTo("1");
    assertThat(atLeastOnce.getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("1");
    Properties exactlyOnce = StreamsProperties.of(EngineConfig.of("engine.bootstrap.servers", "b:1",
        "engine.commit.interval.ms", "20"));
    assertThat(exactlyOnce.getProperty("producer.linger.ms")).isEqualTo("20");

    Properties setting = StreamsProperties.of(EngineConfig.of("engine.bootstrap.servers", "b:1",
        "engine.producer.linger.ms", "5"));
    assertThat(setting.getProperty("producer.linger.ms")).isEqualTo("5");
    assertThat(setting.getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("0");

    // A plain kafka.linger.ms reaches the producer: no prefixed default may shadow it.
    Properties passThrough = StreamsProperties.of(EngineConfig.of("engine.bootstrap.servers", "b:1",
        "kafka.linger.ms", "100"));
    assertThat(passThrough.getProperty("linger.ms")).isEqualTo("100");
    assertThat(passThrough.getProperty("producer.linger.ms")).isNull();
    assertThat(new StreamsConfig(passThrough).getProducerConfigs("c").get("linger.ms")).isEqualTo("100");
  }

  @Test
  void controlTopicWithFewerPartitionsThanTicksIsRefused() {
    java.util.Map<String, Integer> partitions = new java.util.HashMap<>(java.util.Map.of(
        "md.ticks", 4, "orders.client", 4, "fills.hedge", 4, "orders.status", 4, "policy.control", 1));
    assertThatThrownBy(() -> EngineTopics.checkPartitions(partitions))
        .hasMessageContaining("control commands would not reach every task");
    partitions.put("policy.control", 4);
    partitions.put("fills.hedge", 2);
    assertThatThrownBy(() -> EngineTopics.checkPartitions(partitions)).hasMessageContaining("co-partitioned");
    partitions.put("fills.hedge", 4);
    partitions.put("orders.status", 1);
    assertThatThrownBy(() -> EngineTopics.checkPartitions(partitions)).hasMessageContaining("orders.status has 1");
    partitions.put("orders.status", 4);
    EngineTopics.checkPartitions(partitions);
  }
}
