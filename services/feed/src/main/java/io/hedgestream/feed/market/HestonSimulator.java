package io.hedgestream.feed.market;

import java.util.random.RandomGenerator;

/**
 * The Heston stochastic-volatility model stepped with Andersen's Quadratic-Exponential (QE) scheme.
 *
 * <p>Variance: QE (L. Andersen, "Simple and efficient simulation of the Heston stochastic volatility model",
 * J. Comput. Finance 11(3), 2008, §3.2.3) matches the exact conditional mean and variance of v(t+Δ) and
 * draws it from a squared Gaussian when ψ = s²/m² ≤ 1.5 or from a point mass at zero plus an exponential
 * otherwise, so v ≥ 0 at every step by construction, also when the Feller condition fails. Log-spot: the
 * paper's scheme (eq. 33) with central weights γ₁ = γ₂ = ½, plus the drift μ·Δ; it has no martingale
 * correction, which leaves a bias of order Δ in E[S] that is negligible at the feed's one-minute steps.
 * With ξ = 0 the variance follows its deterministic mean and the spot uses the trapezoidal integrated
 * variance.
 *
 * <p>ATM implied volatility of tenor T is {@code sqrt(E[(1/T)∫₀ᵀ v(s) ds])}
 * {@code = sqrt(θ + (v − θ)(1 − e^{−κT})/(κT))}: the variance-swap fair vol, i.e. the leading-order ATM vol
 * ignoring the smile from ρ and ξ, under the assumption that the pricing measure's κ, θ equal the
 * simulation's (no variance risk premium).
 */
public final class HestonSimulator implements MarketSimulator {

  private static final double PSI_CRITICAL = 1.5;

  private final HestonParameters parameters;

  /** A Heston simulator with the given parameters. */
  public HestonSimulator(HestonParameters parameters) {
    this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
  }

  /** The model parameters. */
  public HestonParameters parameters() {
    return parameters;
  }

  @Override
  public MarketState initialState() {
    return new MarketState(parameters.initialSpot(), parameters.initialVariance());
  }

  @Override
  public MarketState step(MarketState state, double dtYears, RandomGenerator random) {
    double v = state.variance();
    double nextVariance = parameters.volOfVol() == 0
        ? conditionalMean(v, dtYears)
        : quadraticExponential(v, dtYears, random);
    double logReturn = parameters.drift() * dtYears + logSpotIncrement(v, nextVariance, dtYears, random);
    return new MarketState(state.spot() * Math.exp(logReturn), nextVariance);
  }

  @Override
  public double atmImpliedVol(MarketState state, double tenorYears) {
    if (tenorYears <= 0) {
      return Math.sqrt(state.variance());
    }
    double theta = parameters.longRunVariance();
    double averageVariance = theta + (state.variance() - theta) * decayIntegral(tenorYears) / tenorYears;
    return Math.sqrt(Math.max(0.0, averageVariance));
  }

  @Override
  public String source() {
    return "feed-heston";
  }

  /** (1 − e^{−κt})/κ, which tends to t as κ → 0. */
  private double decayIntegral(double t) {
    double kappa = parameters.meanReversion();
    return kappa == 0 ? t : -Math.expm1(-kappa * t) / kappa;
  }

  /** E[v(t+Δ) | v(t) = v] = v·e^{−κΔ} + θ(1 − e^{−κΔ}), written so it is exactly non-negative. */
  private double conditionalMean(double v, double dt) {
    double kappaF = parameters.meanReversion() * decayIntegral(dt);
    return v * (1 - kappaF) + parameters.longRunVariance() * kappaF;
  }

  private double quadraticExponential(double v, double dt, RandomGenerator random) {
    double m = conditionalMean(v, dt);
    if (m <= 0) {
      return 0.0;
    }
    double kappa = parameters.meanReversion();
    double xi2 = parameters.volOfVol() * parameters.volOfVol();
    double f = decayIntegral(dt);
    double decay = 1 - kappa * f;
    // Var[v(t+Δ) | v] = v ξ² e^{−κΔ}(1 − e^{−κΔ})/κ + θ ξ² (1 − e^{−κΔ})²/(2κ), with (1 − e^{−κΔ}) = κ·f.
    double s2 = v * xi2 * decay * f + parameters.longRunVariance() * xi2 * kappa * f * f / 2;
    double psi = s2 / (m * m);
    if (psi <= PSI_CRITICAL) {
      double twoOverPsi = 2 / psi;
      double b2 = twoOverPsi - 1 + Math.sqrt(twoOverPsi) * Math.sqrt(twoOverPsi - 1);
      double a = m / (1 + b2);
      double shifted = Math.sqrt(b2) + random.nextGaussian();
      return a * shifted * shifted;
    }
    double p = (psi - 1) / (psi + 1);
    double beta = (1 - p) / m;
    double u = random.nextDouble();
    return u <= p ? 0.0 : Math.log((1 - p) / (1 - u)) / beta;
  }

  /** ln S(t+Δ) − ln S(t) − μΔ given v(t) and v(t+Δ): Andersen eq. 33, γ₁ = γ₂ = ½. */
  private double logSpotIncrement(double v, double nextV, double dt, RandomGenerator random) {
    double z = random.nextGaussian();
    double integratedVariance = 0.5 * dt * (v + nextV);
    double xi = parameters.volOfVol();
    if (xi == 0) {
      return -0.5 * integratedVariance + Math.sqrt(integratedVariance) * z;
    }
    double rho = parameters.correlation();
    double kappa = parameters.meanReversion();
    double k0 = -rho * kappa * parameters.longRunVariance() * dt / xi;
    double k1 = 0.5 * dt * (kappa * rho / xi - 0.5) - rho / xi;
    double k2 = 0.5 * dt * (kappa * rho / xi - 0.5) + rho / xi;
    double orthogonalVariance = (1 - rho * rho) * integratedVariance;
    return k0 + k1 * v + k2 * nextV + Math.sqrt(orthogonalVariance) * z;
  }
}
