package io.hedgestream.feed.market;

/**
 * Parameters of the Heston model {@code dS/S = μ·dt + √v·dW₁}, {@code dv = κ(θ − v)·dt + ξ·√v·dW₂},
 * {@code d⟨W₁,W₂⟩ = ρ·dt}. All annualised.
 *
 * @param initialSpot S(0), &gt; 0
 * @param drift μ (use r − q for a risk-neutral path)
 * @param initialVariance v(0), &gt;= 0 (0.04 = 20% vol)
 * @param meanReversion κ, &gt;= 0
 * @param longRunVariance θ, &gt;= 0
 * @param volOfVol ξ, &gt;= 0 (0 makes the variance deterministic)
 * @param correlation ρ between spot and variance shocks, in [−1, 1]
 */
public record HestonParameters(
    double initialSpot,
    double drift,
    double initialVariance,
    double meanReversion,
    double longRunVariance,
    double volOfVol,
    double correlation) {

  /** Validates every parameter; the Feller condition 2κθ ≥ ξ² is not required (the scheme keeps v ≥ 0). */
  public HestonParameters {
    requireFinite("drift", drift);
    if (!(initialSpot > 0) || !Double.isFinite(initialSpot)) {
      throw new IllegalArgumentException("initialSpot must be finite and > 0, got " + initialSpot);
    }
    requireNonNegative("initialVariance", initialVariance);
    requireNonNegative("meanReversion", meanReversion);
    requireNonNegative("longRunVariance", longRunVariance);
    requireNonNegative("volOfVol", volOfVol);
    if (!(correlation >= -1 && correlation <= 1)) {
      throw new IllegalArgumentException("correlation must be in [-1, 1], got " + correlation);
    }
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
  }

  private static void requireNonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
  }
}
