package io.hedgestream.pricing;

import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;
import io.hedgestream.basics.Result;

/**
 * Inverts the Black-Scholes-Merton price for the volatility, with every failure reported as a
 * {@link Result} (see {@link BlackScholes#impliedVol}).
 *
 * <p>The root finding is Strata's {@link BlackFormulaRepository#impliedVolatility(double, double, double,
 * double, boolean)} on the forward price {@code V / D} (it works on the out-of-the-money side through
 * parity, which keeps deep in-the-money prices accurate). Strata throws on out-of-bounds prices and on
 * non-convergence; the bounds are checked here first so the common failures carry a precise reason,
 * and the solution is re-priced to catch a silent non-convergence.
 */
final class ImpliedVolatility {

  /** Relative price error the solved vol must reproduce, plus an absolute floor per unit of scale. */
  private static final double RELATIVE_PRICE_TOLERANCE = 1e-8;
  private static final double ABSOLUTE_PRICE_TOLERANCE = 1e-14;

  private ImpliedVolatility() {
  }

  static Result<Double> solve(PutCall putCall, double price, double spot, double strike, double ttmYears,
      double rate, double dividendYield) {
    String invalid = invalidInput(putCall, price, spot, strike, ttmYears, rate, dividendYield);
    if (invalid != null) {
      return Result.failure(invalid);
    }
    double discount = Math.exp(-rate * ttmYears);
    double forward = spot * Math.exp((rate - dividendYield) * ttmYears);
    boolean isCall = putCall.isCall();
    double lower = discount * Math.max(putCall.sign() * (forward - strike), 0);
    double upper = discount * (isCall ? forward : strike);
    if (price <= lower) {
      return Result.failure("price " + price + " is at or below the no-arbitrage lower bound " + lower
          + " (discounted intrinsic value of the forward): implied vol is zero or undefined");
    }
    if (price >= upper) {
      return Result.failure("price " + price + " is at or above the no-arbitrage upper bound " + upper
          + (isCall ? " (spot discounted at the dividend yield)" : " (discounted strike)"));
    }
    double scale = Math.max(forward, strike);
    double target = price / (discount * scale);
    double f = forward / scale;
    double k = strike / scale;
    double vol;
    try {
      vol = BlackFormulaRepository.impliedVolatility(target, f, k, ttmYears, isCall);
    } catch (RuntimeException solverFailure) {
      return Result.failure("implied vol solver failed for price " + price + ": " + solverFailure.getMessage());
    }
    if (!(vol > 0) || !Double.isFinite(vol)) {
      return Result.failure("implied vol solver returned " + vol + " for price " + price
          + ", too close to the intrinsic value to resolve a volatility");
    }
    double repriced = BlackFormulaRepository.price(f, k, ttmYears, vol, isCall);
    if (Math.abs(repriced - target) > RELATIVE_PRICE_TOLERANCE * target + ABSOLUTE_PRICE_TOLERANCE) {
      return Result.failure("implied vol " + vol + " reprices to " + repriced * discount * scale
          + " instead of " + price + ": solver did not converge");
    }
    return Result.success(vol);
  }

  private static String invalidInput(PutCall putCall, double price, double spot, double strike,
      double ttmYears, double rate, double dividendYield) {
    if (putCall == null) {
      return "putCall is null";
    }
    if (!Double.isFinite(price) || price <= 0) {
      return "price must be finite and > 0, was " + price;
    }
    if (!Double.isFinite(spot) || spot <= 0) {
      return "spot must be finite and > 0, was " + spot;
    }
    if (!Double.isFinite(strike) || strike <= 0) {
      return "strike must be finite and > 0, was " + strike;
    }
    if (!Double.isFinite(ttmYears) || ttmYears <= 0) {
      return "ttmYears must be finite and > 0 (an expired option has no implied vol), was " + ttmYears;
    }
    if (!Double.isFinite(rate) || !Double.isFinite(dividendYield)) {
      return "rate and dividendYield must be finite, were " + rate + " and " + dividendYield;
    }
    return null;
  }
}
