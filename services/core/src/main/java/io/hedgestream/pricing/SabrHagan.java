package io.hedgestream.pricing;

/**
 * Hagan's SABR approximation of the Black (lognormal) implied volatility.
 *
 * <p>The formula is the one of Hagan, Kumar, Lesniewski and Woodward, "Managing smile risk" (2002),
 * eq. (2.17a), written as in appendix A.6 of the ANADDH paper (eqs. 54-56), with {@code alpha} the
 * paper's initial volatility {@code sigma}:
 * <pre>
 *   x = (F K)^((1 - beta) / 2),  y = (1 - beta) ln(F / K)
 *   Lambda = alpha / (x (1 + y^2 / 24 + y^4 / 1920))
 *   Psi    = 1 + T ((1 - beta)^2 alpha^2 / (24 x^2) + rho beta alpha nu / (4 x) + nu^2 (2 - 3 rho^2) / 24)
 *   Phi    = nu x ln(F / K) / alpha
 *   chi    = ln((sqrt(1 - 2 rho Phi + Phi^2) + Phi - rho) / (1 - rho))
 *   sigma_imp = Lambda Psi Phi / chi,   and alpha Psi / F^(1 - beta) at F = K.
 * </pre>
 * At {@code F = K} (and whenever {@code Phi = 0}, e.g. {@code nu = 0}) {@code Phi / chi} is replaced
 * by its limit 1, which gives exactly the paper's ATM case; {@code chi} is evaluated in a
 * cancellation-free {@code log1p} form, so the ratio is continuous through the money to machine
 * precision.
 *
 * <p>Why not Strata's {@code SabrHaganVolatilityFunctionProvider} (which the tests compare against):
 * it switches to the ATM formula inside an absolute band {@code |F - K| < 1e-7} (scale-dependent and
 * discontinuous), uses a different normal-SABR form for {@code beta} near 0 (not the paper's
 * formula), throws for {@code rho} near 1 with {@code Phi >= 1}, and logs with an allocation for small
 * strikes. Away from those cases the two agree to about 1e-12.
 */
public final class SabrHagan {

  private SabrHagan() {
  }

  /**
   * Hagan's SABR lognormal implied volatility.
   *
   * @param forward forward price of the underlying, > 0
   * @param strike strike, > 0
   * @param ttmYears time to expiry in years; values {@code <= 0} are treated as 0 (no time correction)
   * @param alpha initial volatility of the forward (in units of {@code F^(1 - beta)} per sqrt year), >= 0;
   *     0 gives 0
   * @param beta CEV exponent, in [0, 1] (1 = lognormal backbone)
   * @param rho correlation between forward and volatility, in (-1, 1)
   * @param nu volatility of volatility, >= 0
   * @return the annual Black implied volatility, finite and >= 0 (the expansion can turn negative for
   *     extreme parameters and long expiries; such values are floored at 0)
   * @throws IllegalArgumentException if an argument is NaN, infinite or out of its range
   */
  public static double impliedVol(double forward, double strike, double ttmYears, double alpha, double beta,
      double rho, double nu) {
    validate(forward, strike, ttmYears, alpha, beta, rho, nu);
    if (alpha == 0) {
      return 0;
    }
    double t = Math.max(ttmYears, 0);
    double oneMinusBeta = 1 - beta;
    double logMoneyness = Math.log(forward / strike);
    // (F K)^((1 - beta) / 2) through logs, so F K cannot overflow.
    double x = Math.exp(0.5 * oneMinusBeta * (Math.log(forward) + Math.log(strike)));
    double y2 = oneMinusBeta * oneMinusBeta * logMoneyness * logMoneyness;
    double lambda = alpha / (x * (1 + y2 / 24 + y2 * y2 / 1920));
    double psi = 1 + t * (oneMinusBeta * oneMinusBeta * alpha * alpha / (24 * x * x)
        + rho * beta * alpha * nu / (4 * x)
        + nu * nu * (2 - 3 * rho * rho) / 24);
    double phi = nu * x * logMoneyness / alpha;
    return Math.max(0, lambda * psi * phiOverChi(phi, rho));
  }

  /**
   * {@code z / chi(z)} with {@code chi(z) = ln((sqrt(1 - 2 rho z + z^2) + z - rho) / (1 - rho))}, limit 1
   * at z = 0.
   *
   * <p>{@code chi = log1p(a)} where {@code a = (s + z - rho) / (1 - rho) - 1}; expanding
   * {@code s - 1 = z (z - 2 rho) / (s + 1)} gives, for {@code z >= rho},
   * {@code a = z (s + 1 + z - 2 rho) / ((s + 1)(1 - rho))} (a sum of positive terms), and for
   * {@code z < rho}, after rationalising {@code s + z - rho = (1 - rho^2) / (s - z + rho)},
   * {@code chi = -log1p(-z (s + 1 - z + 2 rho) / ((s + 1)(1 + rho)))} (again positive terms). Neither
   * form cancels, so the ratio keeps full precision for tiny and for large |z|.
   */
  static double phiOverChi(double z, double rho) {
    if (Math.abs(z) < 1e-100) {
      return 1 - 0.5 * rho * z;
    }
    double zMinusRho = z - rho;
    double s = Math.sqrt(zMinusRho * zMinusRho + (1 - rho) * (1 + rho));
    double chi;
    if (zMinusRho >= 0) {
      chi = Math.log1p(z * (s + 1 + zMinusRho - rho) / ((s + 1) * (1 - rho)));
    } else {
      chi = -Math.log1p(-z * (s + 1 - zMinusRho + rho) / ((s + 1) * (1 + rho)));
    }
    return z / chi;
  }

  private static void validate(double forward, double strike, double ttmYears, double alpha, double beta,
      double rho, double nu) {
    if (!(forward > 0) || !Double.isFinite(forward)) {
      throw new IllegalArgumentException("forward must be finite and > 0, was " + forward);
    }
    if (!(strike > 0) || !Double.isFinite(strike)) {
      throw new IllegalArgumentException("strike must be finite and > 0, was " + strike);
    }
    if (!Double.isFinite(ttmYears)) {
      throw new IllegalArgumentException("ttmYears must be finite, was " + ttmYears);
    }
    if (!(alpha >= 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite and >= 0, was " + alpha);
    }
    if (!(beta >= 0 && beta <= 1)) {
      throw new IllegalArgumentException("beta must be in [0, 1], was " + beta);
    }
    if (!(rho > -1 && rho < 1)) {
      throw new IllegalArgumentException("rho must be in (-1, 1), was " + rho);
    }
    if (!(nu >= 0) || !Double.isFinite(nu)) {
      throw new IllegalArgumentException("nu must be finite and >= 0, was " + nu);
    }
  }
}
