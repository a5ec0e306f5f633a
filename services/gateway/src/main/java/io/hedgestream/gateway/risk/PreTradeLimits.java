package io.hedgestream.gateway.risk;

import io.hedgestream.config.SettingsReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway's pre-trade limits, read from {@code gateway.risk.*} (defaults in brackets). Every order of
 * every route is checked against them before it leaves ({@link PreTradeRisk}); an order that breaks one is
 * not sent and is reported REJECTED on {@code orders.status} (and dead-lettered) with the limit's code.
 *
 * <ul>
 *   <li>{@code restricted-symbols} [none] comma-separated underlyings no order may trade
 *       ({@code RISK_RESTRICTED_SYMBOL}).
 *   <li>{@code max-order-quantity} [100000] units of the underlying in one order ({@code RISK_ORDER_QUANTITY}).
 *   <li>{@code max-option-contracts} [10000] contracts of a listed option in one order
 *       ({@code RISK_ORDER_QUANTITY}).
 *   <li>{@code max-reference-age} [PT10M] the symbol's latest quote (the reference every price check uses)
 *       must have been received at most this long ago, on the gateway's clock; older, the order is refused
 *       ({@code RISK_STALE_REFERENCE}): the market data stopped reaching the gateway. The age is the
 *       quote's receipt, not its event time, so a gateway that re-reads quotes after a restart, or reads
 *       orders ahead of ticks while it catches up, does not refuse orders for it; a replay is refused only
 *       if its gateway stalls that long. An order of a symbol with no quote yet waits for the first one (at
 *       most {@code max-waiting-orders} of them, beyond that refused {@code RISK_NO_REFERENCE}).
 *   <li>{@code max-order-notional} [100000000] quantity x units per contract x the reference mid, in
 *       currency; for an option order this is the underlying-equivalent notional ({@code RISK_ORDER_NOTIONAL}).
 *   <li>{@code price-collar} [0.05] a limit price of an underlying order may differ from the reference mid
 *       by at most this fraction ({@code RISK_PRICE_COLLAR}); market orders have no price to collar, and a
 *       listed option has no quote on md.ticks to collar against.
 *   <li>{@code duplicate-window} [0s: off] an order with the same book, instrument, side and quantity as one
 *       accepted less than this before it (event time) is refused ({@code RISK_DUPLICATE_ORDER}); an order id
 *       seen before is always dropped, by the gateway's de-duplication.
 *   <li>{@code max-orders-per-second-per-book} [100] orders of one book (a book of one underlying: the
 *       engine's books are named within their symbol) accepted within one second of event time
 *       ({@code RISK_THROTTLE_BOOK}; 0 = off).
 *   <li>{@code max-orders-per-second} [0: off] orders of all books within one second of event time
 *       ({@code RISK_THROTTLE_TOTAL}).
 *   <li>{@code max-waiting-orders} [10000] orders that may wait for their symbol's first quote.
 *   <li>position and Greek-exposure limits, off by default: {@link ExposureLimits}.
 * </ul>
 *
 * @param restrictedSymbols underlyings no order may trade
 * @param maxOrderQuantity most units of the underlying in one order
 * @param maxOptionContracts most contracts of an option in one order
 * @param maxReferenceAge oldest reference a price check may use, relative to the order's time
 * @param maxOrderNotional most notional of one order, currency
 * @param priceCollar largest relative distance of a limit price from the reference mid
 * @param duplicateWindow window of the same-order check (zero: off)
 * @param maxOrdersPerSecondPerBook throttle per book (0: off)
 * @param maxOrdersPerSecond throttle over all books (0: off)
 * @param maxWaitingOrders orders that may wait for a first quote
 * @param exposure position and Greek-exposure limits
 */
public record PreTradeLimits(Set<String> restrictedSymbols, double maxOrderQuantity, double maxOptionContracts,
    Duration maxReferenceAge, double maxOrderNotional, double priceCollar, Duration duplicateWindow,
    int maxOrdersPerSecondPerBook, int maxOrdersPerSecond, int maxWaitingOrders, ExposureLimits exposure) {

  /** The settings' prefix. */
  public static final String PREFIX = "gateway.risk.";

  /** Limits without position or exposure limits. */
  public PreTradeLimits(Set<String> restrictedSymbols, double maxOrderQuantity, double maxOptionContracts,
      Duration maxReferenceAge, double maxOrderNotional, double priceCollar, Duration duplicateWindow,
      int maxOrdersPerSecondPerBook, int maxOrdersPerSecond, int maxWaitingOrders) {
    this(restrictedSymbols, maxOrderQuantity, maxOptionContracts, maxReferenceAge, maxOrderNotional, priceCollar,
        duplicateWindow, maxOrdersPerSecondPerBook, maxOrdersPerSecond, maxWaitingOrders, ExposureLimits.OFF);
  }

  /** The same limits with {@code limits} as the exposure limits. */
  public PreTradeLimits withExposure(ExposureLimits limits) {
    return new PreTradeLimits(restrictedSymbols, maxOrderQuantity, maxOptionContracts, maxReferenceAge,
        maxOrderNotional, priceCollar, duplicateWindow, maxOrdersPerSecondPerBook, maxOrdersPerSecond,
        maxWaitingOrders, limits);
  }

  /** Checks the values. */
  public PreTradeLimits {
    java.util.Objects.requireNonNull(exposure, "exposure");
    restrictedSymbols = Set.copyOf(restrictedSymbols);
    if (!(maxOrderQuantity > 0) || !(maxOptionContracts > 0) || !(maxOrderNotional > 0) || !(priceCollar > 0)) {
      throw new IllegalArgumentException("quantity, notional and collar limits must be > 0");
    }
    if (maxReferenceAge.isNegative() || duplicateWindow.isNegative() || maxOrdersPerSecondPerBook < 0
        || maxOrdersPerSecond < 0 || maxWaitingOrders < 0) {
      throw new IllegalArgumentException("durations, throttles and the waiting bound must be >= 0");
    }
  }

  /** The defaults listed above. */
  public static PreTradeLimits defaults() {
    return new PreTradeLimits(Set.of(), 100_000, 10_000, Duration.ofMinutes(10), 1e8, 0.05, Duration.ZERO, 100, 0,
        10_000);
  }

  /** The limits from {@code gateway.risk.*}, defaults for the rest; errors go to {@code in}. */
  public static PreTradeLimits from(SettingsReader in) {
    PreTradeLimits d = defaults();
    Set<String> restricted = Arrays.stream(in.text(PREFIX + "restricted-symbols", "").split(","))
        .map(String::trim).filter(symbol -> !symbol.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new PreTradeLimits(restricted,
        in.positiveDecimal(PREFIX + "max-order-quantity", d.maxOrderQuantity()),
        in.positiveDecimal(PREFIX + "max-option-contracts", d.maxOptionContracts()),
        in.nonNegativeDuration(PREFIX + "max-reference-age", d.maxReferenceAge()),
        in.positiveDecimal(PREFIX + "max-order-notional", d.maxOrderNotional()),
        in.positiveDecimal(PREFIX + "price-collar", d.priceCollar()),
        in.nonNegativeDuration(PREFIX + "duplicate-window", d.duplicateWindow()),
        (int) in.integer(PREFIX + "max-orders-per-second-per-book", d.maxOrdersPerSecondPerBook(), 0, 1_000_000),
        (int) in.integer(PREFIX + "max-orders-per-second", d.maxOrdersPerSecond(), 0, 10_000_000),
        (int) in.integer(PREFIX + "max-waiting-orders", d.maxWaitingOrders(), 0, 10_000_000),
        ExposureLimits.from(in));
  }
}
