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
 * @param optionQuoting how option fills are charged: a spread in vol points (the default) or a fraction of
 *     the option's value
 * @param optionCostFraction with {@link OptionQuoting#COST_FRACTION}, the fee of an option fill as a fraction
 *     of its premium notional (0.005 = 0.5%), in [0, 1); unused otherwise
 */
public record PaperExchangeConfig(double feeBps, long latencyMillis, double maxFillQuantity, int maxWaitingOrders,
    double optionHalfSpreadVol, FillTime fillAt, int quoteHistory, OptionQuoting optionQuoting,
    double optionCostFraction) {

  /** Default {@link #optionHalfSpreadVol}: half a vol point. */
  public static final double DEFAULT_OPTION_HALF_SPREAD_VOL = 0.005;
  /** Default {@link #quoteHistory}. */
  public static final int DEFAULT_QUOTE_HISTORY = 1024;
  /** Default {@link #optionCostFraction}: 0.5%, the trainer environment's base option cost. */
  public static final double DEFAULT_OPTION_COST_FRACTION = 0.005;

  /** Settings with options quoted by the half-spread in vol points. */
  public PaperExchangeConfig(double feeBps, long latencyMillis, double maxFillQuantity, int maxWaitingOrders,
      double optionHalfSpreadVol, FillTime fillAt, int quoteHistory) {
    this(feeBps, latencyMillis, maxFillQuantity, maxWaitingOrders, optionHalfSpreadVol, fillAt, quoteHistory,
        OptionQuoting.HALF_SPREAD_VOL, DEFAULT_OPTION_COST_FRACTION);
  }

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

  /** The same settings with options charged a fraction {@code fraction} of their value ({@link OptionQuoting#COST_FRACTION}). */
  public PaperExchangeConfig withOptionCostFraction(double fraction) {
    return new PaperExchangeConfig(feeBps, latencyMillis, maxFillQuantity, maxWaitingOrders, optionHalfSpreadVol,
        fillAt, quoteHistory, OptionQuoting.COST_FRACTION, fraction);
  }

  /**
   * The fee of one fill in currency.
   *
   * @param option whether the fill is of a listed option
   * @param notional |price x quantity x units per quantity| of the fill
   * @return the fee: {@code optionCostFraction} of the notional for an option under
   *     {@link OptionQuoting#COST_FRACTION}, {@code feeBps} of it otherwise
   */
  public double fee(boolean option, double notional) {
    if (option && optionQuoting == OptionQuoting.COST_FRACTION) {
      return Math.abs(notional) * optionCostFraction;
    }
    return PaperPricing.fee(notional, 1, feeBps);
  }

  /** The half-spread in vol points option fills pay: {@link #optionHalfSpreadVol}, or 0 under cost-fraction. */
  public double effectiveOptionHalfSpreadVol() {
    return optionQuoting == OptionQuoting.COST_FRACTION ? 0 : optionHalfSpreadVol;
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
    Objects.requireNonNull(optionQuoting, "optionQuoting");
    if (!(optionCostFraction >= 0 && optionCostFraction < 1)) {
      throw new IllegalArgumentException("optionCostFraction must be in [0, 1), got " + optionCostFraction);
    }
    if (quoteHistory < 1) {
      throw new IllegalArgumentException("quoteHistory must be >= 1, got " + quoteHistory);
    }
    if (fillAt == FillTime.ORDER_TIME && (latencyMillis != 0 || maxFillQuantity != 0)) {
      throw new IllegalArgumentException("fill-at order-time fills each order whole at its own tick: latency ("
          + latencyMillis + " ms) and max-fill-quantity (" + maxFillQuantity + ") must be 0");
    }
  }
}
