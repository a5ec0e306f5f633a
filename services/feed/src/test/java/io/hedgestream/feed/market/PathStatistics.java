package io.hedgestream.feed.market;

import java.util.SplittableRandom;

/** Terminal values of many seeded paths and their sample moments, for the simulator tests. */
final class PathStatistics {

  final double[] spots;
  final double[] variances;

  private PathStatistics(double[] spots, double[] variances) {
    this.spots = spots;
    this.variances = variances;
  }

  /** Simulates {@code paths} independent paths of {@code steps} steps of {@code dtYears} each. */
  static PathStatistics terminal(MarketSimulator simulator, int paths, int steps, double dtYears, long seed) {
    double[] spots = new double[paths];
    double[] variances = new double[paths];
    SplittableRandom random = new SplittableRandom(seed);
    for (int p = 0; p < paths; p++) {
      MarketState state = simulator.initialState();
      for (int s = 0; s < steps; s++) {
        state = simulator.step(state, dtYears, random);
      }
      spots[p] = state.spot();
      variances[p] = state.variance();
    }
    return new PathStatistics(spots, variances);
  }

  static double mean(double[] xs) {
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  static double sampleVariance(double[] xs) {
    double mean = mean(xs);
    double sum = 0;
    for (double x : xs) {
      sum += (x - mean) * (x - mean);
    }
    return sum / (xs.length - 1);
  }

  /** Standard error of the sample mean. */
  static double standardError(double[] xs) {
    return Math.sqrt(sampleVariance(xs) / xs.length);
  }
}
