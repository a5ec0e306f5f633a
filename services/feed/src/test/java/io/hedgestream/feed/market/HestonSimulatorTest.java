package io.hedgestream.feed.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HestonSimulatorTest {

  private static final double DT = 1.0 / 252;
  private static final int STEPS = 126;
  private static final double T = STEPS * DT;
  private static final int PATHS = 20_000;
  /** Tolerance of every statistical check, in standard errors. */
  private static final double Z = 4.0;

  /** Feller condition violated (2κθ = 0.12 < ξ² = 0.64): the variance hits zero often. */
  private static final HestonParameters HARSH = new HestonParameters(100, 0.03, 0.09, 1.5, 0.04, 0.8, -0.7);

  @Test
  void varianceNeverGoesNegativeEvenWhenFellerFails() {
    HestonSimulator heston = new HestonSimulator(HARSH);
    SplittableRandom random = new SplittableRandom(11);
    int zeros = 0;
    for (int p = 0; p < 200; p++) {
      MarketState state = heston.initialState();
      for (int s = 0; s < 500; s++) {
        state = heston.step(state, DT, random);
        assertThat(state.variance()).isGreaterThanOrEqualTo(0.0);
        zeros += state.variance() == 0 ? 1 : 0;
      }
    }
    assertThat(zeros).as("the QE scheme's point mass at zero is exercised").isPositive();
  }

  @Test
  void terminalVarianceHasTheExactConditionalMean() {
    PathStatistics stats = PathStatistics.terminal(new HestonSimulator(HARSH), PATHS, STEPS, DT, 12);
    double expected = HARSH.longRunVariance()
        + (HARSH.initialVariance() - HARSH.longRunVariance()) * Math.exp(-HARSH.meanReversion() * T);
    assertThat(PathStatistics.mean(stats.variances))
        .isCloseTo(expected, within(Z * PathStatistics.standardError(stats.variances)));
  }

  @Test
  void discountedSpotIsAMartingaleAtItsDrift() {
    PathStatistics stats = PathStatistics.terminal(new HestonSimulator(HARSH), PATHS, STEPS, DT, 13);
    double[] discounted = new double[PATHS];
    for (int i = 0; i < PATHS; i++) {
      discounted[i] = stats.spots[i] * Math.exp(-HARSH.drift() * T);
    }
    assertThat(PathStatistics.mean(discounted))
        .isCloseTo(100.0, within(Z * PathStatistics.standardError(discounted)));
  }

  @Test
  void zeroVolOfVolAndZeroVarianceGiveTheDeterministicPath() {
    HestonSimulator heston = new HestonSimulator(new HestonParameters(90, 0.05, 0, 2, 0, 0, -0.5));
    SplittableRandom random = new SplittableRandom(14);
    MarketState state = heston.initialState();
    for (int k = 1; k <= 500; k++) {
      state = heston.step(state, DT, random);
      assertThat(state.spot()).isCloseTo(90 * Math.exp(0.05 * k * DT), within(1e-10));
      assertThat(state.variance()).isZero();
    }
  }

  @Test
  void zeroVolOfVolMakesVarianceFollowItsMean() {
    HestonParameters params = new HestonParameters(100, 0, 0.09, 3, 0.04, 0, 0);
    HestonSimulator heston = new HestonSimulator(params);
    SplittableRandom random = new SplittableRandom(15);
    MarketState state = heston.initialState();
    for (int k = 1; k <= 100; k++) {
      state = heston.step(state, DT, random);
      assertThat(state.variance()).isCloseTo(0.04 + 0.05 * Math.exp(-3 * k * DT), within(1e-12));
    }
  }

  @Test
  void atmVolIsTheRootOfExpectedAverageVarianceToTheTenor() {
    HestonSimulator heston = new HestonSimulator(HARSH);
    MarketState state = new MarketState(100, 0.09);
    double tenor = 30 / 365.0;
    double kappa = HARSH.meanReversion();
    double average = 0.04 + (0.09 - 0.04) * (1 - Math.exp(-kappa * tenor)) / (kappa * tenor);
    assertThat(heston.atmImpliedVol(state, tenor)).isCloseTo(Math.sqrt(average), within(1e-14));
    assertThat(heston.atmImpliedVol(state, 0)).isCloseTo(0.3, within(1e-14));
    assertThat(heston.atmImpliedVol(new MarketState(100, 0.04), 5.0)).isCloseTo(0.2, within(1e-14));
  }

  @Test
  void atmVolWithoutMeanReversionIsTheSpotVol() {
    HestonSimulator heston = new HestonSimulator(new HestonParameters(100, 0, 0.0625, 0, 0.04, 0.3, 0));
    assertThat(heston.atmImpliedVol(heston.initialState(), 1.0)).isCloseTo(0.25, within(1e-14));
  }

  @Test
  void sameSeedGivesSamePathAndAnotherSeedDoesNot() {
    HestonSimulator heston = new HestonSimulator(HARSH);
    assertThat(path(heston, 21)).containsExactly(path(heston, 21));
    assertThat(path(heston, 22)).isNotEqualTo(path(heston, 21));
  }

  @Test
  void shouldRejectCorrelationOutsideMinusOneToOne() {
    assertThatThrownBy(() -> new HestonParameters(100, 0, 0.04, 1, 0.04, 0.5, -1.2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("correlation");
    assertThatThrownBy(() -> new HestonParameters(100, 0, -0.04, 1, 0.04, 0.5, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialVariance");
  }

  private static double[] path(MarketSimulator simulator, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[200];
    MarketState state = simulator.initialState();
    for (int i = 0; i < values.length; i += 2) {
      state = simulator.step(state, DT, random);
      values[i] = state.spot();
      values[i + 1] = state.variance();
    }
    return values;
  }
}
