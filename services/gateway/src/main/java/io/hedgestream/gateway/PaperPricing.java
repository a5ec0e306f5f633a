package io.hedgestream.gateway;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.Side;

/**
 * The paper exchange's execution arithmetic: buys lift the ask (mid + half spread), sells hit the bid
 * (mid − half spread), a fee proportional to notional, and the split of an order into child fills.
 */
public final class PaperPricing {

  private static final double BPS = 10_000.0;
  /** Relative slack so that e.g. 0.3 / 0.1 = 2.9999999999999996 is not taken as needing a fourth fill. */
  private static final double SPLIT_SLACK = 1e-9;

  private PaperPricing() {}

  /** The execution price of a marketable order of {@code side} against {@code quote}. */
  public static double fillPrice(Side side, MarketTick quote) {
    return side == Side.BUY ? quote.getAsk() : quote.getBid();
  }

  /**
   * The fee of one fill in currency.
   *
   * @param price execution price per unit
   * @param quantity units executed, &gt; 0
   * @param feeBps fee in basis points of notional, &gt;= 0
   * @return {@code price · quantity · feeBps / 10,000}, &gt;= 0
   */
  public static double fee(double price, double quantity, double feeBps) {
    return Math.abs(price * quantity) * feeBps / BPS;
  }

  /** Whether a fill at {@code price} respects the limit (null = marketable, always true). */
  public static boolean withinLimit(Side side, double price, Double limitPrice) {
    if (limitPrice == null) {
      return true;
    }
    return side == Side.BUY ? price <= limitPrice : price >= limitPrice;
  }

  /**
   * The child fill quantities of an order: full fills of {@code maxFillQuantity} and a last one with the
   * remainder, so they sum to {@code quantity} exactly in the last fill's leaves (which is set to 0).
   *
   * @param quantity order quantity, &gt; 0
   * @param maxFillQuantity largest child fill; 0 or anything &gt;= quantity means one fill
   * @return the child quantities in execution order
   */
  public static double[] split(double quantity, double maxFillQuantity) {
    if (maxFillQuantity <= 0 || maxFillQuantity >= quantity) {
      return new double[] {quantity};
    }
    int count = (int) Math.ceil(quantity / maxFillQuantity - SPLIT_SLACK);
    double[] fills = new double[count];
    for (int i = 0; i < count - 1; i++) {
      fills[i] = maxFillQuantity;
    }
    fills[count - 1] = quantity - (count - 1) * maxFillQuantity;
    return fills;
  }
}
