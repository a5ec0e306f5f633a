package io.hedgestream.gateway;

import java.util.Objects;

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
 * @param fillAt which quote an order fills at; {@link FillTime#ORDER_TIME} requires no latency and no
 *     partial fills (the whole order fills at once at its tick)
 * @param quoteHistory quotes kept per symbol for {@link FillTime#ORDER_TIME}, &gt;= 1
 */
public record PaperExchangeConfig(double feeBps, long latencyMillis, double maxFillQuantity, int maxWaitingOrders,
    double optionHalfSpreadVol, FillTime fillAt, int quoteHistory) {

  /** Default {@link #optionHalfSpreadVol}: half a vol point. */
  public static final double DEFAULT_OPTION_HALF_SPREAD_VOL = 0.005;
  /** Default {@link #quoteHistory}. */
  public static final int DEFAULT_QUOTE_HISTORY = 1024;

  /** Settings with the default option half-spread, filling at the latest quote. */
  public PaperExchangeConfig(double feeBps, long latencyMillis, double maxFillQuantity, int maxWaitingOrders) {
    this(feeBps, latencyMillis, maxFillQuantity, maxWaitingOrders, DEFAULT_OPTION_HALF_SPREAD_VOL);
  }

  /** Settings filling at the latest quote. */
  public PaperExchangeConfig(double feeBps, long latencyMillis, double maxFillQuantity, int maxWaitingOrders,
      double optionHalfSpreadVol) {
    this(feeBps, latencyMillis, maxFillQuantity, maxWaitingOrders, optionHalfSpreadVol, FillTime.LATEST,
        DEFAULT_QUOTE_HISTORY);
  }

  /**
   * Replay settings: fill every order whole, at once, at the quote of its own event time, with a fee of
   * {@code feeBps} and the default option half-spread.
   *
   * @param feeBps fee per fill in basis points of its notional
   * @return the settings
   */
  public static PaperExchangeConfig orderTime(double feeBps) {
    return new PaperExchangeConfig(feeBps, 0, 0, 10_000, DEFAULT_OPTION_HALF_SPREAD_VOL, FillTime.ORDER_TIME,
        DEFAULT_QUOTE_HISTORY);
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
    Objects.requireNonNull(fillAt, "fillAt");
    if (quoteHistory < 1) {
      throw new IllegalArgumentException("quoteHistory must be >= 1, got " + quoteHistory);
    }
    if (fillAt == FillTime.ORDER_TIME && (latencyMillis != 0 || maxFillQuantity != 0)) {
      throw new IllegalArgumentException("fill-at order-time fills each order whole at its own tick: latency ("
          + latencyMillis + " ms) and max-fill-quantity (" + maxFillQuantity + ") must be 0");
    }
  }
}
