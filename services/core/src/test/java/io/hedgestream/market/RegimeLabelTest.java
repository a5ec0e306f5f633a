package io.hedgestream.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Regime labels: vol bands, Amihud quartile tags, warm-up, and no look-ahead. */
class RegimeLabelTest {

  @Test
  void volBandsFollowTheAnnualisedRealisedVol() {
    assertThat(VolRegime.of(Double.NaN)).isEqualTo(VolRegime.UNKNOWN);
    assertThat(VolRegime.of(0.0)).isEqualTo(VolRegime.LOW);
    assertThat(VolRegime.of(0.0999)).isEqualTo(VolRegime.LOW);
    assertThat(VolRegime.of(0.10)).isEqualTo(VolRegime.MEDIUM);
    assertThat(VolRegime.of(0.2499)).isEqualTo(VolRegime.MEDIUM);
    assertThat(VolRegime.of(0.25)).isEqualTo(VolRegime.HIGH);
    assertThat(VolRegime.of(0.40)).isEqualTo(VolRegime.HIGH);
    assertThat(VolRegime.of(0.4001)).isEqualTo(VolRegime.CRISIS);
  }

  @Test
  void quartileBoundariesAreLowerEmpiricalQuantilesOfTheDailyAmihudValues() {
    // Constant |return| 1% and close ~100: daily amihud = 1e6 * 0.01 / (close * volume), so volume sets it.
    int days = 120;
    double[] closes = new double[days];
    double[] volumes = new double[days];
    for (int d = 0; d < days; d++) {
      closes[d] = d % 2 == 0 ? 100 : 100 * Math.exp(0.01);
      volumes[d] = 1_000 + d;
    }
    AmihudQuartiles quartiles = AmihudQuartiles.of(DailyHistory.of(closes, volumes));
    assertThat(quartiles.days()).isEqualTo(days - RollingFeature.RETURN_WINDOW);
    // Brute force: the reference values, sorted, b_j = v[ceil(j m / 4)].
    double[] reference = new double[days - 20];
    for (int d = 20; d < days; d++) {
      reference[d - 20] = RollingFeatures.of(Arrays.copyOfRange(closes, 0, d + 1), Arrays.copyOfRange(volumes, 0, d + 1))
          .value(RollingFeature.AMIHUD_20D);
    }
    Arrays.sort(reference);
    int m = reference.length;
    double q1 = reference[(m + 3) / 4 - 1];
    double q2 = reference[(2 * m + 3) / 4 - 1];
    double q3 = reference[(3 * m + 3) / 4 - 1];
    assertThat(quartiles.tag(q1)).isEqualTo(LiquidityTag.Q1);
    assertThat(quartiles.tag(Math.nextUp(q1))).isEqualTo(LiquidityTag.Q2);
    assertThat(quartiles.tag(q2)).isEqualTo(LiquidityTag.Q2);
    assertThat(quartiles.tag(Math.nextUp(q2))).isEqualTo(LiquidityTag.Q3);
    assertThat(quartiles.tag(q3)).isEqualTo(LiquidityTag.Q3);
    assertThat(quartiles.tag(Math.nextUp(q3))).isEqualTo(LiquidityTag.Q4);
    assertThat(quartiles.tag(Double.NaN)).isEqualTo(LiquidityTag.UNKNOWN);
  }

  @Test
  void liquidityIsUnknownUntilSixtyDailyAmihudValuesThenUsesTheLast200() {
    SplittableRandom random = new SplittableRandom(3);
    RollingMarketState state = new RollingMarketState();
    int firstTagged = -1;
    for (int day = 0; day < 300; day++) {
      state.onTick(day, 100 * Math.exp(0.01 * random.nextGaussian()), 1_000 + random.nextInt(1_000));
      AmihudQuartiles quartiles = AmihudQuartiles.of(state.history());
      if (firstTagged < 0 && quartiles.isDefined()) {
        firstTagged = day;
      }
      assertThat(quartiles.days()).isLessThanOrEqualTo(AmihudQuartiles.WINDOW_DAYS);
    }
    // Day index 80 has 80 completed days (0..79): amihud defined for days 20..79 = 60 values.
    assertThat(firstTagged).isEqualTo(RollingFeature.RETURN_WINDOW + AmihudQuartiles.MIN_DAYS);
    assertThat(AmihudQuartiles.of(state.history()).days()).isEqualTo(AmihudQuartiles.WINDOW_DAYS);
  }

  @Test
  void appendingLaterTicksNeverChangesAnEarlierLabel() {
    List<double[]> ticks = new ArrayList<>(); // day, price, volume
    SplittableRandom random = new SplittableRandom(11);
    double price = 100;
    for (int day = 0; day < 320; day++) {
      double vol = day < 120 ? 0.004 : day < 200 ? 0.03 : 0.012; // daily: ~6%, ~48%, ~19% annualised
      for (int i = 0; i < 1 + random.nextInt(3); i++) {
        price *= Math.exp(vol * random.nextGaussian());
        ticks.add(new double[] {day, price, random.nextInt(5) == 0 ? 0 : 1e4 * (1 + random.nextDouble())});
      }
    }
    List<RegimeLabel> full = labels(ticks, ticks.size());
    for (int prefix : new int[] {1, 40, 250, 400, ticks.size() / 2, ticks.size() - 1}) {
      assertThat(labels(ticks, prefix)).isEqualTo(full.subList(0, prefix));
    }
    assertThat(full).extracting(RegimeLabel::regime)
        .contains(VolRegime.UNKNOWN, VolRegime.LOW, VolRegime.CRISIS, VolRegime.MEDIUM);
    assertThat(full).extracting(RegimeLabel::liquidity).contains(LiquidityTag.UNKNOWN, LiquidityTag.Q1, LiquidityTag.Q4);
  }

  private static List<RegimeLabel> labels(List<double[]> ticks, int count) {
    RollingMarketState state = new RollingMarketState();
    List<RegimeLabel> labels = new ArrayList<>();
    for (double[] tick : ticks.subList(0, count)) {
      state.onTick((long) tick[0], tick[1], tick[2]);
      labels.add(RegimeLabel.of(state));
    }
    return labels;
  }
}
