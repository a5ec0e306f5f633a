package io.hedgestream.pricing;

/**
 * The SABR smile of one underlying at one instant: Hagan's parameters, and the Black vol of any strike and
 * expiry read off them ({@link SabrHagan}) with the forward {@code S e^{(r-q)T}} of a spot quote. One place
 * for the rule "price an option at the smile vol of its own strike and expiry", shared by the engine's marks
 * and the paper exchange's fills so the two cannot drift apart.
 *
 * @param alpha initial vol level (units of {@code F^(1 - beta)} per sqrt year), &gt;= 0
 * @param beta CEV exponent in [0, 1]
 * @param rho forward-vol correlation in (-1, 1)
 * @param nu vol of vol, &gt;= 0
 */
public record SabrSmile(double alpha, double beta, double rho, double nu) {

  /**
   * The Black vol of a European option at a spot quote.
   *
   * @param spot spot price, &gt; 0
   * @param strike strike, &gt; 0
   * @param ttmYears time to expiry in years (values &lt;= 0 give the vol without time correction)
   * @param rate continuously compounded rate
   * @param dividendYield continuous dividend yield
   * @return the annual vol, or NaN when Hagan's formula refuses the inputs (a caller in the hot path keeps
   *     its previous mark or rejects, rather than dying on an exception)
   */
  public double volAt(double spot, double strike, double ttmYears, double rate, double dividendYield) {
    double forward = spot * Math.exp((rate - dividendYield) * Math.max(ttmYears, 0));
    try {
      return SabrHagan.impliedVol(forward, strike, ttmYears, alpha, beta, rho, nu);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }
}
