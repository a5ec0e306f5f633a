package io.hedgestream.gateway;

/**
 * Settings of the {@link PaperExchange} (property names and defaults are listed on {@link GatewayConfig}).
 *
 * @param feeBps fee per fill in basis points of its notional, &gt;= 0
 * @param latencyMillis delay between accepting an order and executing it, &gt;= 0 (0 = on the caller's
 *     thread)
 * @param maxFillQuantity largest child fill; an order above it is executed in several fills (0 = one fill)
 * @param maxWaitingOrders orders that may wait for a symbol's first tick, over all symbols, &gt;= 0
 * @param optionHalfSpreadVol half-spread of option quotes in vol points (0.005 = half a vol point): an option
 *     buys at the Black-Scholes price at ATM vol + this, sells at ATM vol - this, &gt;= 0
 */
public record PaperExchangeConfig(double feeBps, long latencyMillis, double maxFillQuantity, int maxWaitingOrders,
    double optionHalfSpreadVol) {

  /** Default {@link #optionHalfSpreadVol}: half a vol point. */
  public static final double DEFAULT_OPTION_HALF_SPREAD_VOL = 0.005;

  /** Settings with the default option half-spread. */
  public PaperExchangeConfig(double feeBps, long latencyMillis, double maxFillQuantity, int maxWaitingOrders) {
    this(feeBps, latencyMillis, maxFillQuantity, maxWaitingOrders, DEFAULT_OPTION_HALF_SPREAD_VOL);
  }

  /** Validates every field with a message naming it. */
  public PaperExchangeConfig {
    if (!(feeBps >= 0) || !Double.isFinite(feeBps)) {
      throw new IllegalArgumentException("feeBps must be finite and >= 0, got " + feeBps);
    }
    if (latencyMillis < 0) {
      throw new IllegalArgumentException("latencyMillis must be >= 0, got " + latencyMillis);
    }
    if (!(maxFillQuantity >= 0) || !Double.isFinite(maxFillQuantity)) {
      throw new IllegalArgumentException("maxFillQuantity must be finite and >= 0, got " + maxFillQuantity);
    }
    if (!(optionHalfSpreadVol >= 0) || !Double.isFinite(optionHalfSpreadVol)) {
      throw new IllegalArgumentException("optionHalfSpreadVol must be finite and >= 0, got " + optionHalfSpreadVol);
    }
    if (maxWaitingOrders < 0) {
      throw new IllegalArgumentException("maxWaitingOrders must be >= 0, got " + maxWaitingOrders);
    }
  }
}
