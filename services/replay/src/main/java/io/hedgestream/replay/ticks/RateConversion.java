package io.hedgestream.replay.ticks;

/**
 * DTB3 (3-month T-bill, secondary market, percent on a bank-discount basis) to the continuously compounded
 * ACT/365 rate that pricing uses. A 91-day bill quoted at discount {@code d} costs
 * {@code P = 1 - d * 91/360} per unit face; the continuous rate earning the face over 91 days is
 * {@code r = -ln(P) * 365/91}. E.g. 1.49% gives P = 0.9962336 and r = 1.5135%.
 */
public final class RateConversion {

  /** Days to maturity of a 3-month bill. */
  public static final double BILL_DAYS = 91;
  /** Bank-discount day-count basis. */
  public static final double DISCOUNT_BASIS = 360;
  /** ACT/365 basis of the continuous rate. */
  public static final double YEAR_DAYS = 365;

  private RateConversion() {}

  /**
   * The continuous ACT/365 rate of a discount quote.
   *
   * @param discountPercent the quote in percent (may be 0 or slightly negative)
   * @return the continuously compounded annual rate as a decimal
   */
  public static double continuousFromDiscountPercent(double discountPercent) {
    double price = 1 - discountPercent / 100 * BILL_DAYS / DISCOUNT_BASIS;
    return -Math.log(price) * YEAR_DAYS / BILL_DAYS;
  }
}
