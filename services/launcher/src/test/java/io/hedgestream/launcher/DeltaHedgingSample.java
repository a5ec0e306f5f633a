package io.hedgestream.launcher;

/**
 * Summary statistics of a sample of PnLs: mean, sample standard deviation (n-1), sample kurtosis, and the
 * standard error of the sample standard deviation.
 *
 * @param n sample size
 * @param mean sample mean
 * @param std sample standard deviation (n-1 denominator)
 * @param kurtosis sample kurtosis m4 / m2^2 (3 for a normal distribution)
 */
record DeltaHedgingSample(int n, double mean, double std, double kurtosis) {

  /** The statistics of {@code values} (at least two). */
  static DeltaHedgingSample of(double[] values) {
    int n = values.length;
    if (n < 2) {
      throw new IllegalArgumentException("need at least two values, got " + n);
    }
    double mean = 0;
    for (double value : values) {
      mean += value;
    }
    mean /= n;
    double m2 = 0;
    double m4 = 0;
    for (double value : values) {
      double d = value - mean;
      m2 += d * d;
      m4 += d * d * d * d;
    }
    m2 /= n;
    m4 /= n;
    return new DeltaHedgingSample(n, mean, Math.sqrt(m2 * n / (n - 1)), m4 / (m2 * m2));
  }

  /**
   * Standard error of the sample standard deviation: {@code s sqrt((kurtosis - 1) / (4 n))} (delta method
   * on the sample variance, whose variance is {@code sigma^4 (kurtosis - 1) / n} to first order).
   */
  double stdError() {
    return std * Math.sqrt((kurtosis - 1) / (4.0 * n));
  }
}
