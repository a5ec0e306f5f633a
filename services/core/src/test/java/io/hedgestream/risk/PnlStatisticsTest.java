package io.hedgestream.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PnlStatisticsTest {

  @Test
  void maxDrawdownIsTheLargestFallFromTheRunningPeakIncludingZero() {
    assertThat(PnlStatistics.maxDrawdown(new double[] {-2, 5, -1, -3, 1})).isEqualTo(4.0);
    assertThat(PnlStatistics.maxDrawdown(new double[] {-2, -1})).isEqualTo(3.0);
    assertThat(PnlStatistics.maxDrawdown(new double[0])).isZero();
  }

  @Test
  void tailUsesTheCeilingOfFivePercentOfTheSteps() {
    double[] pnl = new double[21];
    for (int i = 0; i < 21; i++) {
      pnl[i] = i - 10; // losses 10, 9, 8, ... ; k = ceil(1.05) = 2
    }
    assertThat(PnlStatistics.var95(pnl)).isEqualTo(9.0);
    assertThat(PnlStatistics.cvar95(pnl)).isEqualTo(9.5);
    assertThat(PnlStatistics.var95(new double[0])).isZero();
    assertThat(PnlStatistics.cvar95(new double[] {3.0})).isEqualTo(-3.0);
  }

  @Test
  void wholeSeriesTailEqualsTheRollingWindowHoldingTheSameValues() {
    Random random = new Random(7);
    double[] pnl = new double[137];
    RollingPnlWindow window = new RollingPnlWindow(pnl.length);
    for (int i = 0; i < pnl.length; i++) {
      pnl[i] = random.nextGaussian() * 3;
      window.add(pnl[i]);
    }
    assertThat(PnlStatistics.var95(pnl)).isEqualTo(window.var95());
    assertThat(PnlStatistics.cvar95(pnl)).isCloseTo(window.cvar95(), within(1e-12));
  }

  @Test
  void holdingsDistanceIsEuclideanWithMissingInstrumentsAtZero() {
    assertThat(PnlStatistics.holdingsDistance(Map.of("SPY", 3.0, "C", 4.0), Map.of())).isEqualTo(5.0);
    assertThat(PnlStatistics.holdingsDistance(Map.of("SPY", 3.0), Map.of("C", 4.0))).isEqualTo(5.0);
    assertThat(PnlStatistics.holdingsDistance(Map.of("SPY", 3.0), Map.of("SPY", 1.0))).isEqualTo(2.0);
  }
}
