package io.hedgestream.pricing;

/**
 * Price and first-order risk of one European option on one unit of underlying.
 *
 * <p>Units: {@code price} in the underlying's currency per unit of underlying (multiply by the
 * contract multiplier and the number of contracts for a position); {@code delta} = dV/dS (units of
 * underlying); {@code gamma} = d2V/dS2 (per currency unit of spot); {@code vega} = dV/dsigma per 1.00
 * (i.e. 100 vol points) of annual volatility, so a 1-point move is {@code vega / 100}; {@code theta} =
 * dV/dt per year of calendar time with spot, vol and rates held fixed (typically negative for a long
 * option; divide by 365 for a one-day decay).
 *
 * @param price the present value
 * @param delta first derivative of the price with respect to spot
 * @param gamma second derivative of the price with respect to spot
 * @param vega derivative of the price with respect to volatility, per 1.00 of vol
 * @param theta derivative of the price with respect to calendar time, per year
 */
public record OptionGreeks(double price, double delta, double gamma, double vega, double theta) {

  /**
   * Scales every figure by a position size, e.g. {@code contracts * multiplier}.
   *
   * @param quantity units of underlying the position controls (negative for a short position)
   * @return the position's price and Greeks
   */
  public OptionGreeks times(double quantity) {
    return new OptionGreeks(price * quantity, delta * quantity, gamma * quantity, vega * quantity,
        theta * quantity);
  }
}
