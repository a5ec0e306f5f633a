package io.hedgestream.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.engine.state.BookDiagnostics;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each diagnostic against values computed by hand for four steps. */
class DiagnosticsReporterTest {

  private static final double[] PNL = {2, -4, 1, -1};
  private static final String[] REGIMES = {"LOW", "LOW", "HIGH", "HIGH"};
  private static final double[] ROLLING_CVAR = {1, 3, 2, 2};
  private static final Map<String, Double>[] TARGETS = targets();

  @SuppressWarnings("unchecked")
  private static Map<String, Double>[] targets() {
    return new Map[] {Map.of("SPY", 10.0), Map.of("SPY", 6.0), Map.of("SPY", 6.0, "C", 2.0),
        Map.of("SPY", 0.0, "C", 2.0)};
  }

  private static RiskSnapshot afterFourSteps() {
    BookDiagnostics diagnostics = new BookDiagnostics();
    RiskSnapshot snapshot = null;
    for (int i = 0; i < PNL.length; i++) {
      PnlEvent pnl = PnlEvent.newBuilder().setBook("b").setSymbol("SPY").setDecisionId("d" + i).setStep(i + 1)
          .setEventTimeMicros(Instant.EPOCH).setSpot(100).setMarkToMarket(0).setOptionPnl(0).setHedgePnl(0)
          .setCosts(0).setStepPnl(PNL[i]).setCumulativePnl(0).setDelta(0).setGamma(0).setVega(0).setTheta(0)
          .setPositions(Map.of()).setPolicyVersion("v").setRegime(REGIMES[i]).setLiquidityTag("Q2")
          .setTargetHoldings(TARGETS[i]).build();
      snapshot = RiskSnapshot.newBuilder().setBook("b").setSymbol("SPY").setEventTimeMicros(Instant.EPOCH)
          .setWindowSize(2).setCount(i + 1).setMean(0).setStd(0).setVar95(0).setCvar95(ROLLING_CVAR[i]).build();
      DiagnosticsReporter.complete(diagnostics, pnl, snapshot, 2);
    }
    return snapshot;
  }

  @Test
  void cumulativeMomentsSortinoAndTail() {
    RiskSnapshot s = afterFourSteps();
    assertThat(s.getCumulativeMean()).isCloseTo(-0.5, within(1e-15));
    assertThat(s.getCumulativeStd()).isCloseTo(Math.sqrt(7), within(1e-12)); // squares 21 / 3
    assertThat(s.getCumulativeSortino()).isCloseTo(-0.5 / Math.sqrt(17 / 4.0), within(1e-12));
    assertThat(s.getCumulativeVar95()).isEqualTo(4.0); // n = 4, k = 1: the largest loss
    assertThat(s.getCumulativeCvar95()).isEqualTo(4.0);
    assertThat(s.getCumulativeEfficiencyRatio()).isCloseTo(-0.125, within(1e-15));
  }

  @Test
  void turnoverRatioIsMeanTargetChangeOverMeanTargetNorm() {
    RiskSnapshot s = afterFourSteps();
    // ||a_t - a_{t-1}||: 10 (from a_0 = 0), 4, 2, 6; ||a_t||: 10, 6, sqrt(40), 2.
    assertThat(s.getCumulativeTurnoverRatio()).isCloseTo(22 / (18 + Math.sqrt(40)), within(1e-12));
    assertThat(s.getTurnoverRatio()).isCloseTo(8 / (Math.sqrt(40) + 2), within(1e-12)); // window 2
  }

  @Test
  void perRegimeCvarInvarianceGapWorstGroupAndVolatilityRatio() {
    RiskSnapshot s = afterFourSteps();
    assertThat(s.getRegimeCvar95()).containsExactlyInAnyOrderEntriesOf(Map.of("LOW", 4.0, "HIGH", 1.0));
    assertThat(s.getRegimeSteps()).containsExactlyInAnyOrderEntriesOf(Map.of("LOW", 2L, "HIGH", 2L));
    assertThat(s.getInvarianceGap()).isEqualTo(3.0);
    assertThat(s.getWorstGroup()).isEqualTo(4.0);
    // Rolling CVaR95 series 1, 3, 2, 2: mean 2, sample std sqrt(2/3).
    assertThat(s.getVolatilityRatio()).isCloseTo(Math.sqrt(2.0 / 3) / 2, within(1e-12));
    assertThat(s.getRegime()).isEqualTo("HIGH");
    assertThat(s.getLiquidityTag()).isEqualTo("Q2");
  }

  @Test
  void rollingSortinoDrawdownAndRatios() {
    assertThat(RiskReporter.sortino(-0.5, PNL)).isCloseTo(-0.5 / Math.sqrt(17 / 4.0), within(1e-12));
    assertThat(RiskReporter.sortino(1, new double[] {1, 2})).isNull();
    assertThat(io.hedgestream.risk.PnlStatistics.maxDrawdown(PNL)).isEqualTo(4.0); // path 2, -2, -1, -2
    assertThat(RiskReporter.ratio(1, 0)).isNull();
    assertThat(RiskReporter.ratio(-1, 4)).isEqualTo(-0.25);
  }
}
