package io.hedgestream.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.opengamma.strata.pricer.impl.volatility.smile.SabrHaganVolatilityFunctionProvider;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Hagan's SABR vol against the paper's formula, Strata's implementation, and its known limits. */
class SabrHaganTest {

  private static final SabrHaganVolatilityFunctionProvider STRATA = SabrHaganVolatilityFunctionProvider.DEFAULT;

  /** Eqs. (54)-(56) of ANADDH appendix A.6, transcribed literally (fine away from F = K). */
  private static double paperFormula(double f, double k, double t, double sigma, double beta, double rho,
      double v) {
    double x = Math.pow(f * k, (1 - beta) / 2);
    double y = (1 - beta) * Math.log(f / k);
    double lambda = sigma / (x * (1 + y * y / 24 + Math.pow(y, 4) / 1920));
    double psi = 1 + t * ((1 - beta) * (1 - beta) * sigma * sigma / (24 * x * x)
        + rho * beta * sigma * v / (4 * x) + v * v * (2 - 3 * rho * rho) / 24);
    if (f == k) {
      return sigma * psi / Math.pow(f, 1 - beta);
    }
    double phi = v * x / sigma * Math.log(f / k);
    double chi = Math.log((Math.sqrt(1 - 2 * rho * phi + phi * phi) + phi - rho) / (1 - rho));
    return lambda * psi * phi / chi;
  }

  private static Offset<Double> relative(double expected, double tolerance) {
    return within(tolerance * Math.abs(expected));
  }

  @Test
  void matchesThePapersFormulaTranscribedLiterally() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      double f = random.nextDouble(10, 200);
      // |ln(F/K)| >= 1e-3 keeps the literal chi free of cancellation, so it is accurate to ~1e-12.
      double k = f * Math.exp((random.nextBoolean() ? 1 : -1) * random.nextDouble(1e-3, 0.8));
      double t = random.nextDouble(0, 3);
      double beta = random.nextDouble(0, 1);
      double alpha = random.nextDouble(0.05, 0.6) * Math.pow(f, 1 - beta);
      double rho = random.nextDouble(-0.9, 0.9);
      double nu = random.nextDouble(0.01, 1.5);
      double expected = paperFormula(f, k, t, alpha, beta, rho, nu);

      assertThat(SabrHagan.impliedVol(f, k, t, alpha, beta, rho, nu))
          .as("F=%s K=%s T=%s a=%s b=%s r=%s n=%s", f, k, t, alpha, beta, rho, nu)
          .isCloseTo(expected, relative(expected, 1e-10));
    }
  }

  @Test
  void agreesWithStrataAwayFromBetaZero() {
    SplittableRandom random = new SplittableRandom(5);
    double[] betas = {0.25, 0.5, 0.75, 0.9, 1.0};
    for (int i = 0; i < 2000; i++) {
      double f = random.nextDouble(0.5, 200);
      double k = f * Math.exp(random.nextDouble(-1, 1));
      double t = random.nextDouble(0, 3);
      double beta = betas[i % betas.length];
      double alpha = random.nextDouble(0.05, 0.6) * Math.pow(f, 1 - beta);
      double rho = random.nextDouble(-0.9, 0.9);
      double nu = random.nextDouble(0, 1.5);
      double strata = STRATA.volatility(f, k, t, alpha, beta, rho, nu);

      // Same formula; Strata's first-order z/chi for |z| < 1e-6 differs by O(z^2) ~ 1e-12.
      assertThat(SabrHagan.impliedVol(f, k, t, alpha, beta, rho, nu))
          .as("F=%s K=%s T=%s a=%s b=%s r=%s n=%s", f, k, t, alpha, beta, rho, nu)
          .isCloseTo(strata, relative(strata, 1e-10));
    }
  }

  @Test
  void agreesWithStrataAtBetaZeroUpToTheSinhExpansionTheyDifferBy() {
    // At beta = 0 Strata uses alpha ln(F/K) / (F - K) where the paper has
    // alpha / (sqrt(FK) (1 + ln^2/24 + ln^4/1920)); since F - K = 2 sqrt(FK) sinh(ln/2), the two differ
    // by ln^6 / 322560 relative, i.e. < 5e-8 for |ln(F/K)| <= 0.5.
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 500; i++) {
      double f = random.nextDouble(10, 200);
      double k = f * Math.exp(random.nextDouble(-0.5, 0.5));
      double alpha = random.nextDouble(0.05, 0.6) * f;
      double rho = random.nextDouble(-0.9, 0.9);
      double nu = random.nextDouble(0, 1.5);
      double strata = STRATA.volatility(f, k, 1, alpha, 0, rho, nu);

      assertThat(SabrHagan.impliedVol(f, k, 1, alpha, 0, rho, nu)).isCloseTo(strata, relative(strata, 1e-7));
    }
  }

  @Test
  void atTheMoneyEqualsAlphaPsiOverForwardToOneMinusBeta() {
    double f = 100;
    double alpha = 2.5;
    double beta = 0.5;
    double rho = -0.3;
    double nu = 0.6;
    double t = 1.5;
    double f1 = Math.pow(f, 1 - beta);
    double psi = 1 + t * ((1 - beta) * (1 - beta) * alpha * alpha / (24 * f1 * f1)
        + rho * beta * alpha * nu / (4 * f1) + nu * nu * (2 - 3 * rho * rho) / 24);

    assertThat(SabrHagan.impliedVol(f, f, t, alpha, beta, rho, nu)).isCloseTo(alpha * psi / f1, within(1e-15));
  }

  @Test
  void isContinuousThroughTheMoney() {
    double atm = SabrHagan.impliedVol(100, 100, 1, 2.5, 0.5, -0.3, 0.6);
    for (double bump : new double[] {1e-15, 1e-12, 1e-9, -1e-9, -1e-12}) {
      double nearby = SabrHagan.impliedVol(100, 100 * (1 + bump), 1, 2.5, 0.5, -0.3, 0.6);

      // The smile's slope dsigma/dlnK is O(1) here, so a relative strike bump moves the vol by ~bump.
      assertThat(nearby).isCloseTo(atm, within(2 * Math.abs(bump) + 1e-15));
    }
  }

  @Test
  void zeroVolOfVolGivesTheCevFormulaAndIsTheLimitOfSmallNu() {
    double f = 100;
    double k = 120;
    double alpha = 2.5;
    double beta = 0.5;
    double t = 2;
    double x = Math.pow(f * k, (1 - beta) / 2);
    double y = (1 - beta) * Math.log(f / k);
    double cev = alpha / (x * (1 + y * y / 24 + Math.pow(y, 4) / 1920))
        * (1 + t * (1 - beta) * (1 - beta) * alpha * alpha / (24 * x * x));

    assertThat(SabrHagan.impliedVol(f, k, t, alpha, beta, 0.4, 0)).isCloseTo(cev, within(1e-15));
    assertThat(SabrHagan.impliedVol(f, k, t, alpha, beta, 0.4, 1e-9)).isCloseTo(cev, within(1e-9));
  }

  @Test
  void lognormalBackboneWithoutVolOfVolIsFlatAtAlpha() {
    for (double k : new double[] {20, 99.99, 100, 100.01, 500}) {
      assertThat(SabrHagan.impliedVol(100, k, 3, 0.2, 1, -0.5, 0)).isCloseTo(0.2, within(1e-15));
    }
  }

  @Test
  void lognormalBackboneMatchesItsClosedForm() {
    // beta = 1: x = 1, y = 0, so sigma = alpha (z / chi(z)) (1 + T (rho alpha nu / 4 + nu^2 (2 - 3 rho^2) / 24)).
    double alpha = 0.25;
    double rho = -0.4;
    double nu = 0.8;
    double z = nu / alpha * Math.log(100.0 / 130);
    double chi = Math.log((Math.sqrt(1 - 2 * rho * z + z * z) + z - rho) / (1 - rho));
    double expected = alpha * z / chi * (1 + 0.5 * (rho * alpha * nu / 4 + nu * nu * (2 - 3 * rho * rho) / 24));

    assertThat(SabrHagan.impliedVol(100, 130, 0.5, alpha, 1, rho, nu)).isCloseTo(expected, within(1e-14));
  }

  @Test
  void zOverChiMatchesHighPrecisionValuesIncludingLargeArguments() {
    // z / chi(z) computed with 50-digit arithmetic (mpmath).
    double[][] reference = {
        {-10000, -0.9, 819.270376940198}, {-10000, 0.5, 1052.8452017870865}, {-10000, 0.95, 1082.7487276640845},
        {-50, -0.9, 7.2573037755532547}, {-50, 0.5, 11.87724932331014}, {-50, 0.95, 12.638479959775844},
        {-0.7, -0.9, 0.68084803996707457}, {-0.7, 0.5, 1.2062699999390519}, {-0.7, 0.95, 1.3085864369641155},
        {0.3, -0.9, 1.131738039456521}, {0.3, 0.5, 0.93641411136145014}, {0.3, 0.95, 0.8517680649557048},
        {50, -0.9, 12.559107708925547}, {50, 0.5, 9.4547564047643806}, {50, 0.95, 6.5948011216702114},
        {10000, -0.9, 1079.7126284578436}, {10000, 0.5, 943.70028186320031}, {10000, 0.95, 775.24639369976853}};
    for (double[] r : reference) {
      assertThat(SabrHagan.phiOverChi(r[0], r[1])).as("z=%s rho=%s", r[0], r[1])
          .isCloseTo(r[2], relative(r[2], 1e-13));
    }
  }

  @Test
  void zOverChiFollowsItsSeriesNearZero() {
    // z / chi(z) = 1 - rho z / 2 + (2 - 3 rho^2) z^2 / 12 + O(z^3).
    for (double rho : new double[] {-0.9, 0, 0.7}) {
      for (double z : new double[] {1e-4, -1e-4, 1e-8, -1e-8, 1e-200, 0}) {
        double series = 1 - rho * z / 2 + (2 - 3 * rho * rho) * z * z / 12;

        assertThat(SabrHagan.phiOverChi(z, rho)).isCloseTo(series, within(1e-12));
      }
    }
  }

  @Test
  void expansionThatTurnsNegativeIsFlooredAtZero() {
    // A lognormal vol near 20 with rho = -0.65 over 2.7 years drives Psi below zero.
    double f = 179.46;
    double k = 221.69;
    double raw = paperFormula(f, k, 2.69, 26.87, 0.9433, -0.653, 0.4214);

    assertThat(raw).isNegative();
    assertThat(SabrHagan.impliedVol(f, k, 2.69, 26.87, 0.9433, -0.653, 0.4214)).isZero();
  }

  @Test
  void negativeTimeToExpiryIsTreatedAsZeroAndZeroAlphaGivesZero() {
    assertThat(SabrHagan.impliedVol(100, 110, -1, 2, 0.5, 0.2, 0.5))
        .isEqualTo(SabrHagan.impliedVol(100, 110, 0, 2, 0.5, 0.2, 0.5));
    assertThat(SabrHagan.impliedVol(100, 110, 1, 0, 0.5, 0.2, 0.5)).isZero();
  }

  @Test
  void extremeStrikesAndParametersStayFiniteAndNonNegative() {
    for (double k : new double[] {1e-6, 1e-3, 1, 100, 1e4, 1e8}) {
      for (double rho : new double[] {-0.999, 0, 0.999}) {
        for (double beta : new double[] {0, 0.5, 1}) {
          double vol = SabrHagan.impliedVol(100, k, 30, 0.3 * Math.pow(100, 1 - beta), beta, rho, 3);

          assertThat(vol).as("K=%s rho=%s beta=%s", k, rho, beta).isFinite().isGreaterThanOrEqualTo(0);
        }
      }
    }
  }

  @Test
  void shouldRejectParametersOutsideTheModelsDomain() {
    assertThatThrownBy(() -> SabrHagan.impliedVol(0, 100, 1, 0.2, 0.5, 0, 0.3)).hasMessageContaining("forward");
    assertThatThrownBy(() -> SabrHagan.impliedVol(100, -1, 1, 0.2, 0.5, 0, 0.3)).hasMessageContaining("strike");
    assertThatThrownBy(() -> SabrHagan.impliedVol(100, 100, Double.NaN, 0.2, 0.5, 0, 0.3))
        .hasMessageContaining("ttmYears");
    assertThatThrownBy(() -> SabrHagan.impliedVol(100, 100, 1, -0.2, 0.5, 0, 0.3)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> SabrHagan.impliedVol(100, 100, 1, 0.2, 1.5, 0, 0.3)).hasMessageContaining("beta");
    assertThatThrownBy(() -> SabrHagan.impliedVol(100, 100, 1, 0.2, 0.5, 1, 0.3)).hasMessageContaining("rho");
    assertThatThrownBy(() -> SabrHagan.impliedVol(100, 100, 1, 0.2, 0.5, 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nu");
  }
}
