package io.hedgestream.feed.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonArrivalsTest {

  private static final double DAY = 86_400.0;
  /** Tolerance of every statistical check, in standard errors. */
  private static final double Z = 4.0;

  @Test
  void dailyCountsHavePoissonMeanAndVariance() {
    double rate = 40;
    int days = 5_000;
    PoissonArrivals arrivals = new PoissonArrivals(rate, new SplittableRandom(1));
    double sum = 0;
    double sumSquares = 0;
    for (int d = 1; d <= days; d++) {
      int count = 0;
      while (!Double.isNaN(arrivals.pollUntil(d * DAY))) {
        count++;
      }
      sum += count;
      sumSquares += (double) count * count;
    }
    double mean = sum / days;
    double variance = (sumSquares - days * mean * mean) / (days - 1);
    assertThat(mean).isCloseTo(rate, within(Z * Math.sqrt(rate / days)));
    // Var of the sample variance of Poisson(λ) counts ≈ (2λ² + λ)/n.
    assertThat(variance).isCloseTo(rate, within(Z * Math.sqrt((2 * rate * rate + rate) / days)));
  }

  @Test
  void interArrivalTimesAverageOneOverTheRate() {
    double rate = 250;
    int n = 50_000;
    PoissonArrivals arrivals = new PoissonArrivals(rate, new SplittableRandom(2));
    double previous = 0;
    double sumGaps = 0;
    for (int i = 0; i < n; i++) {
      double t = arrivals.pollUntil(Double.MAX_VALUE);
      assertThat(t).isGreaterThanOrEqualTo(previous);
      sumGaps += t - previous;
      previous = t;
    }
    double meanGap = DAY / rate;
    // Exponential gaps: standard deviation equals the mean.
    assertThat(sumGaps / n).isCloseTo(meanGap, within(Z * meanGap / Math.sqrt(n)));
  }

  @Test
  void pollUntilReturnsNothingBeforeTheNextArrival() {
    PoissonArrivals arrivals = new PoissonArrivals(10, new SplittableRandom(3));
    double next = arrivals.peek();
    assertThat(arrivals.pollUntil(next - 1e-9)).isNaN();
    assertThat(arrivals.pollUntil(next)).isEqualTo(next);
    assertThat(arrivals.peek()).isGreaterThan(next);
  }

  @Test
  void zeroRateNeverArrives() {
    PoissonArrivals arrivals = new PoissonArrivals(0, new SplittableRandom(4));
    assertThat(arrivals.pollUntil(1e12)).isNaN();
  }
}
