package io.hedgestream.gateway.risk;

/**
 * The reject codes of the pre-trade checks: the {@code reasonCode} of a REJECTED order status and the
 * {@code errorType} of the order's dead letter.
 */
public final class RiskCode {

  /** The symbol (or every symbol) is HALTED by {@code hedge control trading}. */
  public static final String HALTED = "RISK_HALTED";
  /**
   * The symbol (or every symbol) is REDUCING and the order does not reduce its book's absolute delta (or the
   * engine has not reported the book yet, so the gateway cannot tell).
   */
  public static final String REDUCING = "RISK_REDUCING";
  /** The order's underlying is in {@code gateway.risk.restricted-symbols}. */
  public static final String RESTRICTED_SYMBOL = "RISK_RESTRICTED_SYMBOL";
  /** More units (or option contracts) than one order may carry. */
  public static final String ORDER_QUANTITY = "RISK_ORDER_QUANTITY";
  /** No quote of the symbol to check the order against, and no room left to wait for one. */
  public static final String NO_REFERENCE = "RISK_NO_REFERENCE";
  /** The symbol's latest quote is older than {@code gateway.risk.max-reference-age} before the order. */
  public static final String STALE_REFERENCE = "RISK_STALE_REFERENCE";
  /** More notional than one order may carry. */
  public static final String ORDER_NOTIONAL = "RISK_ORDER_NOTIONAL";
  /** A limit price too far from the reference mid. */
  public static final String PRICE_COLLAR = "RISK_PRICE_COLLAR";
  /** The same book, instrument, side and quantity within {@code gateway.risk.duplicate-window}. */
  public static final String DUPLICATE_ORDER = "RISK_DUPLICATE_ORDER";
  /** Too many orders of one book within a second. */
  public static final String THROTTLE_BOOK = "RISK_THROTTLE_BOOK";
  /** Too many orders of all books within a second. */
  public static final String THROTTLE_TOTAL = "RISK_THROTTLE_TOTAL";

  /** The order takes a book's position in its instrument beyond its limit. */
  public static final String POSITION_LIMIT = "RISK_POSITION_LIMIT";
  /** The order takes the underlying position of all books of its symbol beyond its limit. */
  public static final String SYMBOL_POSITION_LIMIT = "RISK_SYMBOL_POSITION_LIMIT";
  /** The order takes its book's delta beyond {@code gateway.risk.max-book-delta}. */
  public static final String DELTA_LIMIT = "RISK_DELTA_LIMIT";
  /** The order takes its book's vega beyond {@code gateway.risk.max-book-vega}. */
  public static final String VEGA_LIMIT = "RISK_VEGA_LIMIT";

  private RiskCode() {}
}
