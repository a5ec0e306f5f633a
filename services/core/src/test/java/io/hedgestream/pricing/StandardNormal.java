package io.hedgestream.pricing;

/** An independent standard normal CDF for the tests, so they do not check Strata against itself. */
final class StandardNormal {

  private static final double LOG_SQRT_TWO_PI = 0.91893853320467274178;

  private StandardNormal() {
  }

  /**
   * Marsaglia's series (J. Stat. Softw. 11(4), 2004): N(x) = 1/2 + phi(x) (x + x^3/3 + x^5/15 + ...),
   * absolute error about 1e-15 for |x| < 8.
   */
  static double cdf(double x) {
    double sum = x;
    double term = x;
    for (int i = 1; sum != sum + term; i++) {
      term *= x * x / (2 * i + 1);
      sum += term;
    }
    return 0.5 + sum * Math.exp(-0.5 * x * x - LOG_SQRT_TWO_PI);
  }
}
