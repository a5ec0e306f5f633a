/**
 * Option pricing: Black-Scholes-Merton prices, Greeks and implied volatility on a spot with a rate and a
 * dividend yield, and Hagan's SABR implied volatility.
 *
 * <p>Every function is static, stateless and allocation-light so the engine can call it per option per
 * decision. Conventions (units, the limits at expiry, zero vol and at the money) are documented on
 * {@link io.hedgestream.pricing.BlackScholes} and {@link io.hedgestream.pricing.OptionGreeks}. The
 * forward Black formula comes from OpenGamma Strata; what is written here is said, with the reason, in
 * each class.
 */
package io.hedgestream.pricing;
