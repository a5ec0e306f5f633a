package io.hedgestream.launcher.replayrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskFiguresTest {

  private static final Instant T0 = Instant.parse("2020-03-02T21:00:00Z");

  private static ReplayStep step(int day, double pnl, double holding, String regime) {
    return new ReplayStep("b", T0.plusSeconds(86_400L * day), pnl, 0, 0, Map.of("SPY", holding), Map.of("SPY", holding),
        regime, "POLICY");
  }

  @Test
  void tailUsesTheCeilingOfFivePercentOfTheSteps() {
    double[] pnl = new double[21];
    for (int i = 0; i < 21; i++) {
      pnl[i] = i - 10; // losses 10, 9, 8, ... ; k = ceil(1.05) = 2
    }
    RiskFigures figures = RiskFigures.of(pnl, new double[0], new double[] {1});
    assertThat(figures.var95()).isEqualTo(9.0);
    assertThat(figures.cvar95()).isEqualTo(9.5);
    assertThat(figures.mean()).isZero();
    assertThat(figures.efficiency()).isZero();
  }

  @Test
  void turnoverComparesEachBooksConsecutiveTargetsFromNothingAndCountsInTheStepsRegime() {
    List<ReplayStep> steps = List.of(step(0, 1, 10, "LOW"), step(1, -1, 14, "HIGH"), step(2, 2, 12, "HIGH"));
    ReplayResults results = ReplayResults.of(
        new RunDescription("w", "a", "b", "delta", "hirm", 0, "lockstep", 3, 0, 0), steps);
    // changes 10 (from a_0 = 0), 4 and 2 over norms 10, 14, 12
    assertThat(results.overall().turnoverRatio()).isCloseTo(16.0 / 36.0, within(1e-15));
    assertThat(results.byRegime().get("HIGH").turnoverRatio()).isCloseTo(6.0 / 26.0, within(1e-15));
    assertThat(results.byRegime().get("LOW").turnoverRatio()).isEqualTo(1.0);
    assertThat(results.byRegime().keySet()).containsExactly("LOW", "HIGH");
    assertThat(results.totalPnl()).isEqualTo(2.0);
  }
}
