package io.hedgestream.launcher.replayrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay warms up exactly the trading days its policy's rolling features need. */
class PolicyWarmupTest {

  private static Path models() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../../models").normalize();
  }

  @Test
  void policiesWithoutRollingFeaturesNeedNoWarmUp() {
    assertThat(PolicyWarmup.days("delta")).isZero();
    assertThat(PolicyWarmup.days(models().resolve("bs-delta-mlp-v1").toString())).isZero();
    assertThat(PolicyWarmup.days(List.of("book_delta", "hedge_underlying"))).isZero();
  }

  @Test
  void warmUpIsTheLongestFullWindowOfTheFeaturesMinusTheDecisionDay() {
    assertThat(PolicyWarmup.days(List.of("ret_1d"))).isEqualTo(1);
    assertThat(PolicyWarmup.days(List.of("book_delta", "realized_vol_20d", "regime_high"))).isEqualTo(20);
    assertThat(PolicyWarmup.days(List.of("momentum_20d", "drawdown"))).isEqualTo(251);
    assertThat(PolicyWarmup.days(List.of("illiquid", "drawdown"))).isEqualTo(271);
  }

  @Test
  void theShippedRobustModelsWarmUpTheIlliquidFlagsWholeWindow() {
    assertThat(PolicyWarmup.days(models().resolve("hirm-spy-v1").toString())).isEqualTo(271);
    assertThat(PolicyWarmup.days(models().resolve("erm-spy-v1").toString())).isEqualTo(271);
  }
}
