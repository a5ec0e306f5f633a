package io.hedgestream.feed.sabr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The SABR step against the trainer's discretisation: exactly for given normals, statistically for draws. */
class SabrMarketTest {

  private static final double DT = 1 / 12.0;
  private static final SabrMarket MARKET = new SabrMarket(0.5, 0.2, 0.8, DT);
  private static final SabrMarket.State START = new SabrMarket.State(10, 0.3 * Math.sqrt(10));

  /** Returns the given normals in order. */
  private static RandomGenerator normals(double... values) {
    return new RandomGenerator() {
      private int next;

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextGaussian() {
        return values[next++];
      }
    };
  }

  @Test
  void aStepIsTheEnvironmentsLogEulerUpdateOfSpotAndAlpha() {
    SabrMarket.State next = MARKET.step(START, normals(0.7, -1.3));

    double local = START.alpha() * Math.pow(10, -0.5);
    double qv = 0.2 * 0.7 + Math.sqrt(1 - 0.04) * -1.3;
    assertThat(next.spot()).isCloseTo(10 * Math.exp(-0.5 * local * local * DT + local * Math.sqrt(DT) * 0.7),
        within(1e-12));
    assertThat(next.alpha()).isCloseTo(START.alpha() * Math.exp(-0.5 * 0.64 * DT + 0.8 * Math.sqrt(DT) * qv),
        within(1e-12));
  }

  @Test
  void zeroVolOfVolFreezesAlpha() {
    SabrMarket cev = new SabrMarket(0.5, 0.2, 0, DT);
    SplittableRandom random = new SplittableRandom(3);
    SabrMarket.State state = START;
    for (int i = 0; i < 50; i++) {
      state = cev.step(state, random);
    }
    assertThat(state.alpha()).isEqualTo(START.alpha());
    assertThat(state.spot()).isNotEqualTo(10.0);
  }

  @Test
  void oneStepMomentsMatchTheDiscretisationWithinStandardErrors() {
    int n = 200_000;
    SplittableRandom random = new SplittableRandom(11);
    double local = START.alpha() * Math.pow(10, -0.5);
    double sumS = 0;
    double sumS2 = 0;
    double sumX = 0;
    double sumX2 = 0;
    double sumY = 0;
    double sumY2 = 0;
    double sumXy = 0;
    for (int i = 0; i < n; i++) {
      SabrMarket.State next = MARKET.step(START, random);
      double x = Math.log(next.spot() / 10);
      double y = Math.log(next.alpha() / START.alpha());
      sumS += next.spot();
      sumS2 += next.spot() * next.spot();
      sumX += x;
      sumX2 += x * x;
      sumY += y;
      sumY2 += y * y;
      sumXy += x * y;
    }
    double meanS = sumS / n;
    double seS = Math.sqrt((sumS2 / n - meanS * meanS) / n);
    double varX = sumX2 / n - Math.pow(sumX / n, 2);
    double varY = sumY2 / n - Math.pow(sumY / n, 2);
    double corr = (sumXy / n - sumX / n * sumY / n) / Math.sqrt(varX * varY);
    // Martingale: E[S'] = S. Log-return variance local^2 dt, log-alpha variance nu^2 dt, correlation rho;
    // variance estimators have SE ~ var sqrt(2 / n), the correlation ~ (1 - rho^2) / sqrt(n).
    assertThat(meanS).isCloseTo(10, within(4 * seS));
    assertThat(sumX / n).isCloseTo(-0.5 * local * local * DT, within(4 * Math.sqrt(varX / n)));
    assertThat(varX).isCloseTo(local * local * DT, within(4 * local * local * DT * Math.sqrt(2.0 / n)));
    assertThat(varY).isCloseTo(0.64 * DT, within(4 * 0.64 * DT * Math.sqrt(2.0 / n)));
    assertThat(corr).isCloseTo(0.2, within(4 * (1 - 0.04) / Math.sqrt(n)));
  }
}
