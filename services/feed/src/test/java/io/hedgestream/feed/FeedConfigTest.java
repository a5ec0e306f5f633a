package io.hedgestream.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FeedConfigTest {

  @Test
  void defaultsAreDocumentedValues() {
    FeedConfig config = FeedConfig.from(new Properties());
    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.symbols()).containsExactly("SIM");
    assertThat(config.seed()).isEqualTo(42);
    assertThat(config.runId()).isEqualTo("s42");
    assertThat(config.fixedStartTime()).isEmpty();
    assertThat(config.stepMicros()).isEqualTo(60_000_000L);
    assertThat(config.speed().factor()).isEqualTo(60.0);
    assertThat(config.maxTicks()).isZero();
    assertThat(config.market().model()).isEqualTo(MarketConfig.Model.GBM);
    assertThat(config.market().drift()).isEqualTo(0.03);
    assertThat(config.market().heston().initialVariance()).isEqualTo(0.04);
    assertThat(config.orderFlow().tenorDays()).isEqualTo(30);
    assertThat(config.orderFlow().multiplier()).isEqualTo(100);
    assertThat(config.orderFlow().bookName("SIM", 1)).isEqualTo("SIM-book-1");
    assertThat(config.producerProperties()).containsEntry("enable.idempotence", true).containsEntry("acks", "all");
  }

  @Test
  void bootstrapServersUseKafkasSpelling() {
    assertThat(FeedGeneratorTest.config("feed.bootstrap.servers", "k1:9092").bootstrapServers()).isEqualTo("k1:9092");
  }

  @Test
  void shouldListEveryInvalidAndUnknownSettingAtOnce() {
    Properties props = new Properties();
    props.setProperty("feed.speed", "fast");
    props.setProperty("feed.half-spread-bps", "-1");
    props.setProperty("feed.orders.tenor-days", "abc");
    props.setProperty("feed.volatilty", "0.3");
    assertThatThrownBy(() -> FeedConfig.from(props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feed.speed=fast")
        .hasMessageContaining("feed.half-spread-bps=-1")
        .hasMessageContaining("feed.orders.tenor-days=abc")
        .hasMessageContaining("feed.volatilty: unknown setting");
  }

  @Test
  void shouldRejectAnInvalidHestonCorrelation() {
    Properties props = new Properties();
    props.setProperty("feed.model", "heston");
    props.setProperty("feed.heston.rho", "1.5");
    assertThatThrownBy(() -> FeedConfig.from(props)).hasMessageContaining("correlation");
  }

  @Test
  void kafkaSettingsPassThroughButReservedOnesAreRefused() {
    Properties props = new Properties();
    props.setProperty("kafka.security.protocol", "SASL_SSL");
    props.setProperty("feed.symbols", " A , B ");
    FeedConfig config = FeedConfig.from(props);
    assertThat(config.producerProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.symbols()).isEqualTo(List.of("A", "B"));

    props.setProperty("kafka.enable.idempotence", "false");
    assertThatThrownBy(() -> FeedConfig.from(props)).hasMessageContaining("kafka.enable.idempotence");
  }

  @Test
  void shouldRejectDuplicateSymbols() {
    Properties props = new Properties();
    props.setProperty("feed.symbols", "A,A");
    assertThatThrownBy(() -> FeedConfig.from(props)).hasMessageContaining("distinct");
  }

  @Test
  void shouldRejectAnUnknownScenarioAndBadSabrSettingsNamingThem() {
    Properties props = new Properties();
    props.setProperty("feed.scenario", "sabr");
    props.setProperty("feed.sabr.rho", "1.0");
    props.setProperty("feed.sabr.book-maturity-days", "0");
    assertThatThrownBy(() -> FeedConfig.from(props)).hasMessageContaining("feed.scenario=sabr")
        .hasMessageContaining("feed.sabr.rho=1.0").hasMessageContaining("feed.sabr.book-maturity-days=0");
  }

  @Test
  void theSabrBookScenarioStepsOneDayPerTickWhateverTheStepSeconds() {
    Properties props = new Properties();
    props.setProperty("feed.scenario", "sabr-book");
    props.setProperty("feed.step-seconds", "10");
    props.setProperty("feed.sabr.days-per-year", "73");
    FeedConfig config = FeedConfig.from(props);
    assertThat(config.scenario()).isEqualTo(Scenario.SABR_BOOK);
    assertThat(config.stepMicros()).isEqualTo(5 * 86_400_000_000L);
    assertThat(FeedConfig.from(new Properties()).scenario()).isEqualTo(Scenario.FLOW);
  }
}
