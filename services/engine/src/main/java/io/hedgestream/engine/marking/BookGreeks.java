package io.hedgestream.engine.marking;

/**
 * Greeks of a position or a whole book, in money per unit move: delta in underlying units, gamma per
 * currency unit of spot, vega per 1.00 of vol, theta per year.
 *
 * @param delta dV/dS
 * @param gamma d2V/dS2
 * @param vega dV/dsigma per 1.00 of vol
 * @param theta dV/dt per year
 */
public record BookGreeks(double delta, double gamma, double vega, double theta) {

  /** No risk. */
  public static final BookGreeks ZERO = new BookGreeks(0, 0, 0, 0);

  /** The sum of two sets of Greeks. */
  public BookGreeks plus(BookGreeks other) {
    return new BookGreeks(delta + other.delta, gamma + other.gamma, vega + other.vega, theta + other.theta);
  }

  /** These Greeks with {@code units} of delta-one exposure added (a holding of the underlying). */
  public BookGreeks plusDelta(double units) {
    return new BookGreeks(delta + units, gamma, vega, theta);
  }
}
