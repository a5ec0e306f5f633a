package io.hedgestream.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The illiquid flag and the regime one-hot against hand-computed cases. */
class IlliquidityFlagTest {

  @Test
  void quantileInterpolatesLinearlyBetweenTheNeighbouringOrderStatistics() {
    double[] five = {1, 2, 3, 4, 10};
    // rank = 0.75 * 4 = 3: exactly v[3]
    assertThat(IlliquidityFlag.quantile(five)).isEqualTo(4.0);
    double[] six = {1, 2, 3, 4, 8, 10};
    // rank = 0.75 * 5 = 3.75: 4 + 0.75 * (8 - 4) = 7, computed as 8 - 4 * 0.25
    assertThat(IlliquidityFlag.quantile(six)).isEqualTo(7.0);
    double[] twenty = new double[20];
    Arrays.setAll(twenty, i -> i);
    // rank = 0.75 * 19 = 14.25: 14 + 0.25 * 1
    assertThat(IlliquidityFlag.quantile(twenty)).isCloseTo(14.25, within(1e-15));
  }

  @Test
  void flagIsStrictlyAboveTheQuantileAndATieIsNotIlliquid() {
    double[] series = new double[20];
    Arrays.setAll(series, i -> i);
    series[19] = 14.0;
    // sorted: 0..13, 14, 14, 15..18; rank 14.25 -> 14 + 0.25 * (14 - 14) = 14: today's 14 is not above it
    assertThat(IlliquidityFlag.of(series)).isEqualTo(0.0);
    series[19] = 14.5;
    assertThat(IlliquidityFlag.of(series)).isEqualTo(1.0);
  }

  @Test
  void flagIsUndefinedWithFewerThanTwentyDefinedValuesOrNoValueToday() {
    double[] nineteen = new double[19];
    Arrays.setAll(nineteen, i -> i);
    assertThat(IlliquidityFlag.of(nineteen)).isNaN();
    double[] withGaps = new double[25];
    Arrays.setAll(withGaps, i -> i % 4 == 0 ? Double.NaN : i);
    assertThat(IlliquidityFlag.of(withGaps)).as("18 defined of 25").isNaN();
    double[] noneToday = new double[30];
    Arrays.setAll(noneToday, i -> i);
    noneToday[29] = Double.NaN;
    assertThat(IlliquidityFlag.of(noneToday)).isNaN();
  }

  @Test
  void dailyAmihudKeepsTheLast252DaysOfAFullWindow() {
    int n = 400;
    double[] closes = new double[n];
    double[] volumes = new double[n];
    for (int i = 0; i < n; i++) {
      closes[i] = 100 * Math.exp(0.01 * Math.sin(i));
      volumes[i] = 1_000 + i;
    }
    double[] series = IlliquidityFlag.dailyAmihud(closes, volumes);
    assertThat(series).hasSize(IlliquidityFlag.LOOKBACK_DAYS);
    RollingFeatures lastDay = RollingFeatures.of(Arrays.copyOfRange(closes, n - 21, n),
        Arrays.copyOfRange(volumes, n - 21, n));
    assertThat(series[series.length - 1]).isEqualTo(lastDay.value(RollingFeature.AMIHUD_20D));
    RollingFeatures oldest = RollingFeatures.of(Arrays.copyOfRange(closes, n - 252 - 20, n - 251),
        Arrays.copyOfRange(volumes, n - 252 - 20, n - 251));
    assertThat(series[0]).isEqualTo(oldest.value(RollingFeature.AMIHUD_20D));
    assertThat(IlliquidityFlag.dailyAmihud(Arrays.copyOf(closes, 20), Arrays.copyOf(volumes, 20))).isEmpty();
  }

  @Test
  void illiquidNeedsFortyClosesAndRegimesFollowTheVolBands() {
    double[] closes = new double[40];
    double[] volumes = new double[40];
    for (int i = 0; i < closes.length; i++) {
      closes[i] = 100 * (1 + 0.001 * (i % 2));  // |r| = ln(1.001): realised vol ~ 1.6%, LOW
      volumes[i] = i < 39 ? 1e6 : 1e3;          // the last day trades little: most illiquid of its window
    }
    RollingFeatures features = RollingFeatures.of(closes, volumes);
    assertThat(features.value(RollingFeature.ILLIQUID)).isEqualTo(1.0);
    assertThat(features.value(RollingFeature.REGIME_LOW)).isEqualTo(1.0);
    assertThat(features.value(RollingFeature.REGIME_MEDIUM) + features.value(RollingFeature.REGIME_HIGH)
        + features.value(RollingFeature.REGIME_CRISIS)).isZero();
    RollingFeatures early = RollingFeatures.of(Arrays.copyOf(closes, 39), Arrays.copyOf(volumes, 39));
    assertThat(early.isDefined(RollingFeature.ILLIQUID)).isFalse();
    assertThat(early.get(RollingFeature.ILLIQUID).reason()).isEqualTo(
        "illiquid needs 40 daily closes, 39 available (warm-up)");
    RollingFeatures twenty = RollingFeatures.of(Arrays.copyOf(closes, 20), Arrays.copyOf(volumes, 20));
    assertThat(twenty.isDefined(RollingFeature.REGIME_LOW)).isFalse();
  }
}
