package io.hedgestream.pricing;

import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;
import io.hedgestream.basics.Result;

/**
 * Black-Scholes-Merton prices and Greeks of European options on a spot with a continuous rate and
 * dividend yield.
 *
 * <p>The model is Black's formula on the forward {@code F = S e^{(r-q)T}}, discounted with
 * {@code D = e^{-rT}}: {@code V = D * Black(F, K, T, sigma)}. The forward Black formula and its
 * forward-measure sensitivities come from OpenGamma Strata's {@link BlackFormulaRepository}; this class
 * adds what Strata does not do: the conversion to spot Greeks under r and q, the spot theta (which needs
 * the carry terms {@code r V - (r - q) S delta} on top of Strata's driftless theta), explicit limits at
 * the degenerate edges, and a {@link Result} instead of exceptions for implied vol. Strata's absolute
 * tolerances (1e-13 on {@code |F - K|}, say) are made scale-free by evaluating Black on
 * {@code (F / s, K / s)} with {@code s = max(F, K)} and rescaling (Black is homogeneous of degree one).
 * Strata's forward functions are static and allocate nothing, so wrapping them costs the hot path little:
 * one {@link #greeks} call measured about 0.2 microseconds here, allocating only the returned record.
 *
 * <p><b>Units.</b> Spot, strike and price in currency per unit of underlying; {@code ttmYears} in
 * years; {@code vol}, {@code rate} and {@code dividendYield} annualised and continuously compounded
 * (0.2 = 20%). The Greeks are as documented on {@link OptionGreeks}.
 *
 * <p><b>Edge conventions</b> (never NaN, never infinite for finite valid input):
 * <ul>
 *   <li>{@code ttmYears <= 0}: the option has expired; price = intrinsic {@code max(+-(S - K), 0)},
 *       delta = the step (call 1 / 0, put 0 / -1), gamma = vega = theta = 0.</li>
 *   <li>{@code vol <= 0}, or {@code vol * sqrt(T) < 1e-12}, or spot or strike equal to 0, with
 *       {@code T > 0}: zero variance; price = discounted intrinsic of the forward
 *       {@code D * max(+-(F - K), 0)}, delta = {@code e^{-qT}} times the step, gamma = vega = 0, theta
 *       = the carry {@code r V - (r - q) S delta}.</li>
 *   <li>At the money in those limits ({@code |F - K| <= 1e-12 * max(F, K)}, or {@code S == K} at
 *       expiry) the step is one half: call delta {@code +e^{-qT}/2}, put delta {@code -e^{-qT}/2}; this
 *       is the limit of {@code N(d1)} as {@code sigma sqrt(T) -> 0} at {@code K = F}, and it keeps
 *       put-call parity {@code delta_C - delta_P = e^{-qT}}.</li>
 *   <li>Deep in or out of the money the formula is evaluated as is; its tails go smoothly to the
 *       limits above.</li>
 * </ul>
 * NaN or infinite arguments, or a negative spot or strike, are caller errors:
 * {@link #greeks} and {@link #price} throw {@link IllegalArgumentException}; {@link #tryGreeks} returns a
 * failure instead.
 */
public final class BlackScholes {

  /** Standard deviation {@code vol * sqrt(T)} below which the variance is treated as zero. */
  static final double MIN_STD_DEV = 1e-12;
  /** Relative distance {@code |F - K| / max(F, K)} within which a zero-variance option is at the money. */
  static final double ATM_RELATIVE = 1e-12;

  private BlackScholes() {
  }

  /**
   * Price and Greeks of a European option.
   *
   * @param putCall call or put
   * @param spot underlying price, >= 0
   * @param strike strike, >= 0
   * @param ttmYears time to expiry in years; {@code <= 0} means expired
   * @param vol annual lognormal volatility; {@code <= 0} means zero variance
   * @param rate continuously compounded risk-free rate
   * @param dividendYield continuous dividend (or borrow) yield
   * @return the price and Greeks per unit of underlying, all finite
   * @throws IllegalArgumentException for NaN or infinite input, or a negative spot or strike
   */
  public static OptionGreeks greeks(PutCall putCall, double spot, double strike, double ttmYears, double vol,
      double rate, double dividendYield) {
    String invalid = invalidInput(putCall, spot, strike, ttmYears, vol, rate, dividendYield);
    if (invalid != null) {
      throw new IllegalArgumentException(invalid);
    }
    return validGreeks(putCall, spot, strike, ttmYears, vol, rate, dividendYield);
  }

  /**
   * Price and Greeks, as {@link #greeks}, but reporting invalid input as a failure instead of throwing.
   *
   * @param putCall call or put
   * @param spot underlying price, >= 0
   * @param strike strike, >= 0
   * @param ttmYears time to expiry in years
   * @param vol annual lognormal volatility
   * @param rate continuously compounded risk-free rate
   * @param dividendYield continuous dividend yield
   * @return the Greeks, or a failure naming the bad argument
   */
  public static Result<OptionGreeks> tryGreeks(PutCall putCall, double spot, double strike, double ttmYears,
      double vol, double rate, double dividendYield) {
    String invalid = invalidInput(putCall, spot, strike, ttmYears, vol, rate, dividendYield);
    if (invalid != null) {
      return Result.failure(invalid);
    }
    return Result.success(validGreeks(putCall, spot, strike, ttmYears, vol, rate, dividendYield));
  }

  /**
   * Present value of a European option (the {@code price} of {@link #greeks}, computed alone).
   *
   * @param putCall call or put
   * @param spot underlying price, >= 0
   * @param strike strike, >= 0
   * @param ttmYears time to expiry in years; {@code <= 0} means expired
   * @param vol annual lognormal volatility; {@code <= 0} means zero variance
   * @param rate continuously compounded risk-free rate
   * @param dividendYield continuous dividend yield
   * @return the price per unit of underlying, finite and >= 0
   * @throws IllegalArgumentException for NaN or infinite input, or a negative spot or strike
   */
  public static double price(PutCall putCall, double spot, double strike, double ttmYears, double vol,
      double rate, double dividendYield) {
    String invalid = invalidInput(putCall, spot, strike, ttmYears, vol, rate, dividendYield);
    if (invalid != null) {
      throw new IllegalArgumentException(invalid);
    }
    int sign = putCall.sign();
    if (ttmYears <= 0) {
      return Math.max(sign * (spot - strike), 0);
    }
    double discount = Math.exp(-rate * ttmYears);
    double forward = spot * Math.exp((rate - dividendYield) * ttmYears);
    if (isZeroVariance(spot, strike, ttmYears, vol)) {
      return discount * Math.max(sign * (forward - strike), 0);
    }
    double scale = Math.max(forward, strike);
    return discount * scale
        * BlackFormulaRepository.price(forward / scale, strike / scale, ttmYears, vol, putCall.isCall());
  }

  /**
   * Black-Scholes-Merton implied volatility of an option price.
   *
   * <p>The price must lie strictly inside the no-arbitrage bounds: above the discounted intrinsic value
   * of the forward {@code D max(+-(F - K), 0)} and below {@code S e^{-qT}} (call) or {@code D K}
   * (put). At the lower bound the implied vol is zero and carries no information, so it is a failure.
   *
   * @param putCall call or put
   * @param price option price per unit of underlying
   * @param spot underlying price, > 0
   * @param strike strike, > 0
   * @param ttmYears time to expiry in years, > 0
   * @param rate continuously compounded risk-free rate
   * @param dividendYield continuous dividend yield
   * @return the annual vol, or a failure saying which input or bound was violated
   */
  public static Result<Double> impliedVol(PutCall putCall, double price, double spot, double strike,
      double ttmYears, double rate, double dividendYield) {
    return ImpliedVolatility.solve(putCall, price, spot, strike, ttmYears, rate, dividendYield);
  }

  private static OptionGreeks validGreeks(PutCall putCall, double spot, double strike, double ttmYears,
      double vol, double rate, double dividendYield) {
    if (ttmYears <= 0) {
      return expired(putCall, spot, strike);
    }
    double discount = Math.exp(-rate * ttmYears);
    double growth = Math.exp((rate - dividendYield) * ttmYears);
    double dividendDiscount = Math.exp(-dividendYield * ttmYears);
    double forward = spot * growth;
    if (isZeroVariance(spot, strike, ttmYears, vol)) {
      return zeroVariance(putCall, spot, strike, forward, discount, dividendDiscount, rate, dividendYield);
    }
    boolean isCall = putCall.isCall();
    double scale = Math.max(forward, strike);
    double f = forward / scale;
    double k = strike / scale;
    double price = discount * scale * BlackFormulaRepository.price(f, k, ttmYears, vol, isCall);
    // dV/dS = D dF/dS dBlack/dF = e^{-qT} dBlack/dF; dBlack/dF is degree-0 homogeneous, so no rescaling.
    double delta = dividendDiscount * BlackFormulaRepository.delta(f, k, ttmYears, vol, isCall);
    // d2V/dS2 = D (dF/dS)^2 d2Black/dF2 = e^{-qT} e^{(r-q)T} d2Black/dF2; d2Black/dF2 scales as 1/s.
    double gamma = dividendDiscount * growth * BlackFormulaRepository.gamma(f, k, ttmYears, vol) / scale;
    double vega = discount * scale * BlackFormulaRepository.vega(f, k, ttmYears, vol);
    // dV/dt at fixed S = -dV/dT = r V - (r - q) S delta + D * (dBlack/dt at fixed F); Strata's
    // driftlessTheta is the last derivative, -F n(d1) sigma / (2 sqrt T).
    double driftless = discount * scale * BlackFormulaRepository.driftlessTheta(f, k, ttmYears, vol);
    double theta = rate * price - (rate - dividendYield) * spot * delta + driftless;
    return new OptionGreeks(price, delta, gamma, vega, theta);
  }

  private static boolean isZeroVariance(double spot, double strike, double ttmYears, double vol) {
    return spot == 0 || strike == 0 || !(vol * Math.sqrt(ttmYears) >= MIN_STD_DEV);
  }

  private static OptionGreeks expired(PutCall putCall, double spot, double strike) {
    int sign = putCall.sign();
    double price = Math.max(sign * (spot - strike), 0);
    return new OptionGreeks(price, step(putCall, spot, strike), 0, 0, 0);
  }

  private static OptionGreeks zeroVariance(PutCall putCall, double spot, double strike, double forward,
      double discount, double dividendDiscount, double rate, double dividendYield) {
    int sign = putCall.sign();
    double price = discount * Math.max(sign * (forward - strike), 0);
    double delta = dividendDiscount * step(putCall, forward, strike);
    double theta = rate * price - (rate - dividendYield) * spot * delta;
    return new OptionGreeks(price, delta, 0, 0, theta);
  }

  /** dPayoff/dUnderlying of {@code max(+-(underlying - strike), 0)}, one half (signed) at the money. */
  private static double step(PutCall putCall, double underlying, double strike) {
    double half = 0.5 * putCall.sign();
    if (Math.abs(underlying - strike) <= ATM_RELATIVE * Math.max(underlying, strike)) {
      return half;
    }
    boolean inTheMoney = putCall.isCall() ? underlying > strike : underlying < strike;
    return inTheMoney ? 2 * half : 0;
  }

  /** Returns why the arguments cannot be priced, or null when they can. */
  static String invalidInput(PutCall putCall, double spot, double strike, double ttmYears, double vol,
      double rate, double dividendYield) {
    if (putCall == null) {
      return "putCall is null";
    }
    if (!Double.isFinite(spot) || spot < 0) {
      return "spot must be finite and >= 0, was " + spot;
    }
    if (!Double.isFinite(strike) || strike < 0) {
      return "strike must be finite and >= 0, was " + strike;
    }
    if (!Double.isFinite(ttmYears)) {
      return "ttmYears must be finite, was " + ttmYears;
    }
    if (!Double.isFinite(vol)) {
      return "vol must be finite, was " + vol;
    }
    if (!Double.isFinite(rate) || !Double.isFinite(dividendYield)) {
      return "rate and dividendYield must be finite, were " + rate + " and " + dividendYield;
    }
    return null;
  }
}
