package io.hedgestream.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.basics.Result;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The rolling features against values worked out by hand. */
class RollingFeaturesTest {

  private static final double EPS = 1e-13;

  /** 21 closes whose 20 log returns alternate +0.01, -0.01 (up first), each day trading 1e6 shares. */
  private static double[] zigZagCloses() {
    double[] closes = new double[21];
    closes[0] = 100;
    for (int j = 1; j < closes.length; j++) {
      closes[j] = j % 2 == 1 ? 100 * Math.exp(0.01) : 100;
    }
    return closes;
  }

  private static double[] volumes(int n, double volume) {
    double[] volumes = new double[n];
    Arrays.fill(volumes, volume);
    return volumes;
  }

  @Test
  void zigZagPathHasTheHandComputedWindowFeatures() {
    RollingFeatures features = RollingFeatures.of(zigZagCloses(), volumes(21, 1e6));

    // mean return 0, each squared deviation 1e-4: sample variance 20e-4 / 19.
    assertThat(features.value(RollingFeature.REALIZED_VOL_20D)).isCloseTo(Math.sqrt(252 * 20e-4 / 19), within(EPS));
    assertThat(features.value(RollingFeature.MOMENTUM_20D)).isCloseTo(0, within(EPS));
    assertThat(features.value(RollingFeature.CVAR95_20D)).isCloseTo(0.01, within(EPS));
    assertThat(features.value(RollingFeature.RET_1D)).isCloseTo(-0.01, within(EPS));
    assertThat(features.value(RollingFeature.DRAWDOWN)).isCloseTo(Math.exp(-0.01) - 1, within(EPS));
    // |r| = 0.01 every day; 10 days close at 100 e^0.01 and 10 at 100; 1e6 x 0.01 / (C x 1e6) averaged.
    double amihud = 0.01 * (0.5 / 100 + 0.5 / (100 * Math.exp(0.01)));
    assertThat(features.value(RollingFeature.AMIHUD_20D)).isCloseTo(amihud, within(EPS));
    assertThat(features.closes()).isEqualTo(21);
  }

  @Test
  void drawdownIsMeasuredFromTheHighestCloseOfTheWindow() {
    RollingFeatures features = RollingFeatures.of(new double[] {100, 120, 90}, new double[3]);
    assertThat(features.value(RollingFeature.DRAWDOWN)).isCloseTo(-0.25, within(EPS));
    assertThat(features.value(RollingFeature.RET_1D)).isCloseTo(Math.log(0.75), within(EPS));
  }

  @Test
  void drawdownForgetsAPeakOlderThan252Closes() {
    double[] closes = new double[253];
    Arrays.fill(closes, 50);
    closes[0] = 100; // 253 closes back from the last: just outside the window
    assertThat(RollingFeatures.of(closes, new double[253]).value(RollingFeature.DRAWDOWN)).isZero();
    double[] inside = Arrays.copyOfRange(closes, 0, 252);
    assertThat(RollingFeatures.of(inside, new double[252]).value(RollingFeature.DRAWDOWN)).isCloseTo(-0.5, within(EPS));
  }

  @Test
  void aFirstCloseDefinesOnlyDrawdown() {
    RollingFeatures features = RollingFeatures.of(new double[] {100}, new double[] {5});
    assertThat(features.value(RollingFeature.DRAWDOWN)).isZero();
    Result<Double> ret = features.get(RollingFeature.RET_1D);
    assertThat(ret.isSuccess()).isFalse();
    assertThat(ret.reason()).isEqualTo("ret_1d needs 2 daily closes, 1 available (warm-up)");
  }

  @Test
  void twentyDayFeaturesNeed21ClosesAndSayHowManyThereAre() {
    double[] closes = Arrays.copyOf(zigZagCloses(), 20);
    RollingFeatures features = RollingFeatures.of(closes, volumes(20, 1));
    for (RollingFeature feature : new RollingFeature[] {RollingFeature.REALIZED_VOL_20D, RollingFeature.MOMENTUM_20D,
        RollingFeature.CVAR95_20D, RollingFeature.AMIHUD_20D}) {
      assertThat(features.isDefined(feature)).as(feature.name()).isFalse();
      assertThat(features.get(feature).reason())
          .isEqualTo(feature.contractName() + " needs 21 daily closes, 20 available (warm-up)");
    }
    assertThat(features.isDefined(RollingFeature.RET_1D)).isTrue();
  }

  @Test
  void amihudSkipsDaysWithoutVolumeAndIsUndefinedWhenNoDayTraded() {
    double[] closes = zigZagCloses();
    double[] someVolume = new double[21];
    someVolume[20] = 2e6; // only the last day traded: close 100, |r| = 0.01
    assertThat(RollingFeatures.of(closes, someVolume).value(RollingFeature.AMIHUD_20D))
        .isCloseTo(1e6 * 0.01 / (100 * 2e6), within(EPS));
    someVolume[0] = 7; // day 0 is not in the window of returns r_1 .. r_20
    someVolume[20] = 0;
    RollingFeatures none = RollingFeatures.of(closes, someVolume);
    assertThat(none.get(RollingFeature.AMIHUD_20D).reason())
        .isEqualTo("amihud_20d is undefined: no volume traded on any day of its 20-day window");
    assertThat(none.isDefined(RollingFeature.REALIZED_VOL_20D)).isTrue();
  }

  @Test
  void noClosesLeaveEveryFeatureUndefined() {
    for (RollingFeature feature : RollingFeature.values()) {
      assertThat(RollingFeatures.NONE.get(feature).reason()).endsWith("0 available (warm-up)");
    }
  }

  @Test
  void featureNamesAreTheContractNamesInContractOrder() {
    assertThat(Arrays.stream(RollingFeature.values()).map(RollingFeature::contractName)).containsExactly(
        "ret_1d", "realized_vol_20d", "drawdown", "momentum_20d", "cvar95_20d", "amihud_20d", "regime_low",
        "regime_medium", "regime_high", "regime_crisis", "illiquid");
    assertThat(RollingFeature.named("amihud_20d")).contains(RollingFeature.AMIHUD_20D);
    assertThat(RollingFeature.named("book_delta")).isEmpty();
  }
}
