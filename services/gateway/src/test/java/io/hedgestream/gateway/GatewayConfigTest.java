package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.gateway.risk.PreTradeLimits;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

  @Test
  void defaultsAreDocumentedValues() {
    GatewayConfig config = GatewayConfig.from(new Properties());
    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.groupId()).isEqualTo("hedgestream-gateway");
    assertThat(config.paper()).isEqualTo(new PaperExchangeConfig(1.0, 0, 0, 10_000));
    assertThat(config.dedupCapacity()).isEqualTo(100_000);
    assertThat(config.pollTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.transactionalId()).isEqualTo("hedgestream-gateway-0");
    assertThat(config.consumerProperties()).containsEntry("group.instance.id", "hedgestream-gateway-0");
    assertThat(config.producerProperties()).containsEntry("transactional.id", "hedgestream-gateway-0")
        .containsEntry("transaction.timeout.ms", 10_000);
    assertThat(config.consumerProperties()).containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", false).containsEntry("auto.offset.reset", "earliest");
    assertThat(config.producerProperties()).containsEntry("enable.idempotence", true).containsEntry("acks", "all");
  }

  @Test
  void readsPaperSettingsAndPassesKafkaSettingsThrough() {
    Properties props = new Properties();
    props.setProperty("gateway.paper.fee-bps", "0.5");
    props.setProperty("gateway.paper.latency-ms", "20");
    props.setProperty("gateway.paper.max-fill-quantity", "100");
    props.setProperty("gateway.paper.option-half-spread-vol", "0.01");
    props.setProperty("kafka.sasl.mechanism", "PLAIN");
    GatewayConfig config = GatewayConfig.from(props);
    assertThat(config.paper()).isEqualTo(new PaperExchangeConfig(0.5, 20, 100, 10_000, 0.01));
    assertThat(config.consumerProperties()).containsEntry("sasl.mechanism", "PLAIN");
    assertThat(config.producerProperties()).containsEntry("sasl.mechanism", "PLAIN");
  }

  @Test
  void readsTheOrderTimeout() {
    assertThat(GatewayConfig.from(new Properties()).orderTimeout()).isZero();
    assertThat(configWith("gateway.order-timeout", "PT30S").orderTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(configWith("gateway.order-timeout", "2.5").orderTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThatThrownBy(() -> configWith("gateway.order-timeout", "-5")).hasMessageContaining("gateway.order-timeout=-5");
  }

  @Test
  void readsThePreTradeLimits() {
    assertThat(GatewayConfig.from(new Properties()).risk()).isEqualTo(PreTradeLimits.defaults());
    Properties props = new Properties();
    props.setProperty("gateway.risk.restricted-symbols", "GME, AMC");
    props.setProperty("gateway.risk.max-order-quantity", "5000");
    props.setProperty("gateway.risk.max-option-contracts", "50");
    props.setProperty("gateway.risk.max-reference-age", "PT5M");
    props.setProperty("gateway.risk.max-order-notional", "1e6");
    props.setProperty("gateway.risk.price-collar", "0.02");
    props.setProperty("gateway.risk.duplicate-window", "1.5");
    props.setProperty("gateway.risk.max-orders-per-second-per-book", "10");
    props.setProperty("gateway.risk.max-orders-per-second", "500");
    props.setProperty("gateway.risk.max-waiting-orders", "7");
    assertThat(GatewayConfig.from(props).risk()).isEqualTo(new PreTradeLimits(java.util.Set.of("GME", "AMC"), 5000,
        50, Duration.ofMinutes(5), 1e6, 0.02, Duration.ofMillis(1500), 10, 500, 7));

    Properties bad = new Properties();
    bad.setProperty("gateway.risk.max-order-quantity", "0");
    bad.setProperty("gateway.risk.max-reference-age", "-PT1S");
    bad.setProperty("gateway.risk.max-orders-per-second", "-1");
    bad.setProperty("gateway.risk.price-colar", "0.1");
    assertThatThrownBy(() -> GatewayConfig.from(bad)).hasMessageContaining("gateway.risk.max-order-quantity=0")
        .hasMessageContaining("gateway.risk.max-reference-age=-PT1S")
        .hasMessageContaining("gateway.risk.max-orders-per-second=-1")
        .hasMessageContaining("gateway.risk.price-colar");
  }

  @Test
  void bootstrapServersUseKafkasSpelling() {
    assertThat(configWith("gateway.bootstrap.servers", "k1:9092").bootstrapServers()).isEqualTo("k1:9092");
  }

  @Test
  void shouldListEveryInvalidAndUnknownSettingAtOnce() {
    Properties props = new Properties();
    props.setProperty("gateway.paper.fee-bps", "-1");
    props.setProperty("gateway.paper.latency-ms", "soon");
    props.setProperty("gateway.route", "smoke-signals");
    props.setProperty("gateway.fix.cancel-after", "later");
    props.setProperty("gateway.paper.fees", "1");
    props.setProperty("kafka.isolation.level", "read_uncommitted");
    assertThatThrownBy(() -> GatewayConfig.from(props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gateway.paper.fee-bps=-1")
        .hasMessageContaining("gateway.paper.latency-ms=soon")
        .hasMessageContaining("gateway.route=smoke-signals")
        .hasMessageContaining("gateway.fix.cancel-after=later")
        .hasMessageContaining("gateway.paper.fees: unknown setting")
        .hasMessageContaining("kafka.isolation.level");
  }

  @Test
  void theFixRouteReadsItsSettingsAndNeverPrintsThePassword(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("fix.pass"), "hunter2\n");
    Properties props = new Properties();
    props.setProperty("gateway.route", "fix");
    props.setProperty("gateway.fix.session-file", "deploy/config/fix-initiator.cfg");
    props.setProperty("gateway.fix.username", "desk-7");
    props.setProperty("gateway.fix.password-file", secret.toString());
    props.setProperty("gateway.fix.cancel-after", "PT30S");
    GatewayConfig config = GatewayConfig.from(props);
    assertThat(config.route()).isEqualTo("fix");
    assertThat(config.fix().password()).isEqualTo("hunter2");
    assertThat(config.fix().username()).isEqualTo("desk-7");
    assertThat(config.fix().cancelAfter()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(config.fix().toString()).doesNotContain("hunter2").contains("password=***");
    assertThat(config.toString()).doesNotContain("hunter2");
  }

  private static GatewayConfig configWith(String name, String value) {
    Properties props = new Properties();
    props.setProperty(name, value);
    return GatewayConfig.from(props);
  }
}
