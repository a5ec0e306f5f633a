package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.feed.FeedConfig;
import io.hedgestream.feed.Scenario;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.gateway.OptionQuoting;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScenariosTest {

  @Test
  void sabrBookSelectsTheFeedScenarioTheDeltaPolicyAndCostFractionOptions() {
    Properties props = new ConfigOptions().resolve(Scenarios.defaults("sabr-book"), Map.of());

    assertThat(FeedConfig.from(props).scenario()).isEqualTo(Scenario.SABR_BOOK);
    assertThat(GatewayConfig.from(props).paper().optionQuoting()).isEqualTo(OptionQuoting.COST_FRACTION);
    assertThat(props.getProperty("engine.policy")).isEqualTo("delta");
  }

  @Test
  void setOverridesTheScenariosSettings() {
    ConfigOptions options = new ConfigOptions();
    options.settings.put("feed.sabr.vol-of-vol", "0.8");
    options.settings.put("gateway.paper.option-cost-fraction", "0.02");

    Properties props = options.resolve(Scenarios.defaults("sabr-book"), Map.of());

    assertThat(FeedConfig.from(props).sabrBook().volOfVol()).isEqualTo(0.8);
    assertThat(GatewayConfig.from(props).paper().optionCostFraction()).isEqualTo(0.02);
  }

  @Test
  void theFeedCommandGetsOnlyFeedSettingsAndFlowAddsNothing() {
    assertThat(Scenarios.defaults("sabr-book", "feed.")).isNotEmpty()
        .allSatisfy((name, value) -> assertThat(name).startsWith("feed."));
    assertThat(Scenarios.defaults("flow")).isEmpty();
    assertThat(Scenarios.defaults(null)).isEmpty();
    assertThatThrownBy(() -> Scenarios.defaults("sabr")).hasMessageContaining("sabr-book");
  }
}
