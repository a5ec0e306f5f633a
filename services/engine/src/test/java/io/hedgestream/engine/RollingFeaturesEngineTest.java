package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.avro.PnlEvent;
import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine (TopologyTestDriver) serving a model that uses the contract's rolling features
 * ({@code rolling-half.onnx}: the {@code bs-book-rolling-v1} set, target 0.5 per unit scale): it falls back
 * to the delta hedge while the 20-day windows warm up and uses the model once 21 daily closes exist.
 */
class RollingFeaturesEngineTest {

  /** A US close (16:00 New York) on 2025-01-02. */
  private static final Instant CLOSE = Instant.parse("2025-01-02T21:00:00Z");

  private static OnnxPolicy rollingModel() {
    return OnnxPolicy.load(ModelFixtures.testGraph("rolling-half"), PolicyDevice.CPU);
  }

  private static double dailyClose(int day) {
    return 100 * Math.exp(0.01 * Math.sin(day));
  }

  @Test
  void aRollingModelFallsBackUntil21DailyClosesThenDecides() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M");
    try (OnnxPolicy policy = rollingModel(); EngineDriver engine = EngineDriver.create(config, policy)) {
      engine.tick(tick(CLOSE, dailyClose(0)));
      engine.order(clientBuysCalls("c1", 10, CLOSE));
      for (int day = 1; day < 25; day++) {
        engine.tick(tick(CLOSE.plus(Duration.ofDays(day)), dailyClose(day)));
      }

      List<PnlEvent> decisions = engine.drainPnl();
      assertThat(decisions).hasSize(25);
      assertThat(decisions.get(0).getReason()).startsWith("FALLBACK")
          .contains("guardrail FEATURES: SPY: ret_1d needs 2 daily closes, 1 available (warm-up)");
      for (int closes = 2; closes <= 20; closes++) {
        assertThat(decisions.get(closes - 1).getReason()).startsWith("FALLBACK").contains(
            "guardrail FEATURES: SPY: realized_vol_20d needs 21 daily closes, " + closes + " available (warm-up)");
      }
      for (PnlEvent decision : decisions.subList(20, 25)) {
        assertThat(decision.getReason()).startsWith("POLICY");
        assertThat(decision.getPolicyVersion()).isEqualTo(policy.version());
      }
      assertThat(policy.counters().fallbacks()).isEqualTo(20);
    }
  }

  @Test
  void ticksWithinOneTradingDayAddNoClose() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M");
    try (OnnxPolicy policy = rollingModel(); EngineDriver engine = EngineDriver.create(config, policy)) {
      Instant open = Instant.parse("2025-01-02T14:30:00Z");
      engine.tick(tick(open, 100));
      engine.order(clientBuysCalls("c1", 10, open));
      for (int minute = 1; minute <= 30; minute++) {
        engine.tick(tick(open.plus(Duration.ofMinutes(minute)), 100 + 0.01 * minute));
      }
      engine.tick(tick(Instant.parse("2025-01-02T23:59:59.999999Z"), 101));
      engine.tick(tick(Instant.parse("2025-01-03T00:00:00Z"), 102)); // not due yet (1 us later): no decision
      engine.tick(tick(Instant.parse("2025-01-03T00:01:00Z"), 103));

      List<PnlEvent> decisions = engine.drainPnl();
      assertThat(decisions.subList(0, decisions.size() - 1)).allSatisfy(decision -> assertThat(decision.getReason())
          .contains("ret_1d needs 2 daily closes, 1 available (warm-up)"));
      assertThat(decisions.get(decisions.size() - 1).getReason())
          .contains("realized_vol_20d needs 21 daily closes, 2 available (warm-up)");
    }
  }

  @Test
  void theTradingDayIsTheLocalDateInTheConfiguredZone() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M",
        "engine.rolling.zone", "America/New_York");
    assertThat(config.rollingZone().getId()).isEqualTo("America/New_York");
    try (OnnxPolicy policy = rollingModel(); EngineDriver engine = EngineDriver.create(config, policy)) {
      engine.tick(tick(CLOSE, 100));
      engine.order(clientBuysCalls("c1", 10, CLOSE));
      engine.tick(tick(Instant.parse("2025-01-03T01:00:00Z"), 101)); // 20:00 in New York: still January 2

      assertThat(engine.drainPnl()).hasSize(2).allSatisfy(decision -> assertThat(decision.getReason())
          .contains("ret_1d needs 2 daily closes, 1 available (warm-up)"));
    }
  }

  @Test
  void anUnknownRollingZoneIsRefusedAtStartUp() {
    assertThatThrownBy(() -> EngineDriver.config("engine.rolling.zone", "Mars/Olympus_Mons"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("engine.rolling.zone=Mars/Olympus_Mons");
    assertThat(EngineDriver.config().rollingZone().getId()).isEqualTo("Z");
  }
}
