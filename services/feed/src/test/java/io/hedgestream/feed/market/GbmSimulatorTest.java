package io.hedgestream.feed.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GbmSimulatorTest {

  private static final double DT = 1.0 / 252;
  private static final int STEPS = 63;
  private static final double T = STEPS * DT;
  private static final int PATHS = 20_000;
  /** Tolerance of every statistical check, in standard errors: a false alarm has probability ~6e-5. */
  private static final double Z = 4.0;

  @Test
  void discountedSpotIsAMartingaleAtItsDrift() {
    GbmSimulator gbm = new GbmSimulator(100, 0.05, 0.30);
    PathStatistics stats = PathStatistics.terminal(gbm, PATHS, STEPS, DT, 1);
    double[] discounted = new double[PATHS];
    for (int i = 0; i < PATHS; i++) {
      discounted[i] = stats.spots[i] * Math.exp(-0.05 * T);
    }
    assertThat(PathStatistics.mean(discounted))
        .isCloseTo(100.0, within(Z * PathStatistics.standardError(discounted)));
  }

  @Test
  void logReturnHasGbmMeanAndVariance() {
    double sigma = 0.25;
    GbmSimulator gbm = new GbmSimulator(50, 0.02, sigma);
    PathStatistics stats = PathStatistics.terminal(gbm, PATHS, STEPS, DT, 2);
    double[] logReturns = new double[PATHS];
    for (int i = 0; i < PATHS; i++) {
      logReturns[i] = Math.log(stats.spots[i] / 50);
    }
    double expectedVariance = sigma * sigma * T;
    assertThat(PathStatistics.mean(logReturns))
        .isCloseTo((0.02 - 0.5 * sigma * sigma) * T, within(Z * PathStatistics.standardError(logReturns)));
    // For Gaussian data the sample variance has standard error variance·sqrt(2/(n−1)).
    assertThat(PathStatistics.sampleVariance(logReturns))
        .isCloseTo(expectedVariance, within(Z * expectedVariance * Math.sqrt(2.0 / (PATHS - 1))));
  }

  @Test
  void zeroVolatilityGivesTheDeterministicExponentialPath() {
    GbmSimulator gbm = new GbmSimulator(80, 0.04, 0.0);
    SplittableRandom random = new SplittableRandom(3);
    MarketState state = gbm.initialState();
    for (int k = 1; k <= 500; k++) {
      state = gbm.step(state, DT, random);
      assertThat(state.spot()).isCloseTo(80 * Math.exp(0.04 * k * DT), within(1e-10));
    }
  }

  @Test
  void sameSeedGivesSamePathAndAnotherSeedDoesNot() {
    GbmSimulator gbm = new GbmSimulator(100, 0.0, 0.2);
    assertThat(path(gbm, 7)).containsExactly(path(gbm, 7));
    assertThat(path(gbm, 8)).isNotEqualTo(path(gbm, 7));
  }

  @Test
  void impliedVolIsSigmaAtEveryTenor() {
    GbmSimulator gbm = new GbmSimulator(100, 0.0, 0.2);
    assertThat(gbm.atmImpliedVol(gbm.initialState(), 0.1)).isEqualTo(0.2);
    assertThat(gbm.atmImpliedVol(gbm.initialState(), 2.0)).isEqualTo(0.2);
    assertThat(gbm.source()).isEqualTo("feed-gbm");
  }

  @Test
  void shouldRejectNonPositiveSpotAndNegativeVolatility() {
    assertThatThrownBy(() -> new GbmSimulator(0, 0, 0.2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GbmSimulator(100, 0, -0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GbmSimulator(100, Double.NaN, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double[] path(MarketSimulator simulator, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] spots = new double[100];
    MarketState state = simulator.initialState();
    for (int i = 0; i < spots.length; i++) {
      state = simulator.step(state, DT, random);
      spots[i] = state.spot();
    }
    return spots;
  }
}
