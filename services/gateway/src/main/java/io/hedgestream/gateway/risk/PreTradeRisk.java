package io.hedgestream.gateway.risk;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.TradingState;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.gateway.Rejection;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The pre-trade checks of {@link PreTradeLimits}, in this order (the first one an order breaks is its
 * rejection): trading state HALTED, restricted symbol, order quantity, reference present, reference fresh,
 * trading state REDUCING (only orders that bring their book's delta closer to 0), position and Greek limits
 * ({@link ExposureLimits}), notional, price collar, duplicate, throttle per book, throttle overall. Quotes update the references; {@link #accepted} records
 * an order that passed and was sent, for the duplicate and throttle windows. The windows run on event
 * times, so a replay gets the same answers at any speed; they count orders less than the window apart
 * either side, and forget an order once one a window later was sent. A reference's age is how long ago
 * the gateway received it, on its own clock: after a restart or while the gateway catches up, the quotes it
 * re-reads are fresh, whatever their event time, and a feed that stops makes every reference stale. Not
 * thread-safe: the gateway's consumer thread owns it.
 */
public final class PreTradeRisk {

  private static final long MICROS_PER_SECOND = 1_000_000L;

  /**
   * The latest quote of a symbol: its mid, its event time and when the gateway received it (monotonic), and
   * the ATM vol, rate and dividend yield an option's Greeks are computed with.
   */
  private record Reference(double mid, long eventMicros, long receivedNanos, double vol, double rate,
      double dividendYield) {}

  /** An accepted order in a time window. */
  private record Sent(long eventMicros, String key) {}

  private final PreTradeLimits limits;
  private final TradingStates states;
  private final BookExposures exposures;
  private final long maxReferenceAgeNanos;
  private final LongSupplier clock;
  private final long duplicateWindowMicros;
  private final Map<String, Reference> references = new HashMap<>();
  private final Map<String, Deque<Long>> perBook = new HashMap<>();
  private final Deque<Long> overall = new ArrayDeque<>();
  private final Deque<Sent> recent = new ArrayDeque<>();
  private final Map<String, Long> lastSent = new HashMap<>();

  /**
   * Checks against {@code limits}.
   *
   * @param limits the limits
   */
  public PreTradeRisk(PreTradeLimits limits) {
    this(limits, new TradingStates(), new BookExposures(), System::nanoTime);
  }

  /** Checks against {@code limits} and the trading states, without the engine's book reports. */
  public PreTradeRisk(PreTradeLimits limits, TradingStates states, LongSupplier clock) {
    this(limits, states, new BookExposures(), clock);
  }

  /**
   * Checks against {@code limits} and the trading states, ageing quotes on {@code clock}.
   *
   * @param limits the limits
   * @param states the trading states (the gateway's, kept across its sessions)
   * @param exposures the books' exposures (the gateway's, fed from pnl.events, kept across its sessions)
   * @param clock monotonic nanoseconds (tests pass their own)
   */
  public PreTradeRisk(PreTradeLimits limits, TradingStates states, BookExposures exposures, LongSupplier clock) {
    this.limits = limits;
    this.states = states;
    this.exposures = exposures;
    this.clock = clock;
    this.maxReferenceAgeNanos = saturatedNanos(limits.maxReferenceAge());
    this.duplicateWindowMicros = micros(limits.duplicateWindow());
  }

  /** The limits checked. */
  public PreTradeLimits limits() {
    return limits;
  }

  /** A validated quote: the symbol's reference from now on, unless an older quote arrives late. */
  public void onQuote(MarketTick tick) {
    long time = EpochMicros.of(tick.getEventTimeMicros());
    Reference current = references.get(tick.getSymbol());
    if (current == null || time >= current.eventMicros()) {
      references.put(tick.getSymbol(), new Reference(0.5 * (tick.getBid() + tick.getAsk()), time,
          clock.getAsLong(), tick.getAtmImpliedVol(), tick.getRate(), tick.getDividendYield()));
    }
  }

  /** Whether the symbol has a reference quote. */
  public boolean hasReference(String symbol) {
    return references.containsKey(symbol);
  }

  /**
   * Checks a validated order. Changes nothing: call {@link #accepted} once it is sent.
   *
   * @return empty when the order may be sent, else the first limit it breaks
   */
  public Optional<Rejection> check(HedgeOrder order) {
    String symbol = order.getSymbol();
    TradingState state = states.effective(symbol);
    if (state == TradingState.HALTED) {
      return reject(RiskCode.HALTED, symbol + " is HALTED: no new orders (hedge control trading)");
    }
    if (limits.restrictedSymbols().contains(symbol)) {
      return reject(RiskCode.RESTRICTED_SYMBOL, symbol + " is restricted (" + PreTradeLimits.PREFIX
          + "restricted-symbols)");
    }
    boolean option = order.getInstrumentType() == InstrumentType.OPTION;
    double maxQuantity = option ? limits.maxOptionContracts() : limits.maxOrderQuantity();
    if (order.getQuantity() > maxQuantity) {
      return reject(RiskCode.ORDER_QUANTITY, "quantity " + order.getQuantity() + " exceeds " + PreTradeLimits.PREFIX
          + (option ? "max-option-contracts=" : "max-order-quantity=") + maxQuantity);
    }
    Reference reference = references.get(symbol);
    if (reference == null) {
      return reject(RiskCode.NO_REFERENCE, "no quote of " + symbol + " to check the order against");
    }
    long age = clock.getAsLong() - reference.receivedNanos();
    if (age > maxReferenceAgeNanos) {
      return reject(RiskCode.STALE_REFERENCE, "the latest quote of " + symbol + " was received "
          + Duration.ofNanos(age) + " ago (" + PreTradeLimits.PREFIX + "max-reference-age="
          + limits.maxReferenceAge() + ")");
    }
    long time = EpochMicros.of(order.getEventTimeMicros());
    // The order's delta and vega (Black-Scholes for an option) only when a check reads them.
    boolean exposureChecked = state == TradingState.REDUCING || limits.exposure().any();
    BookExposures.Contribution effect = exposureChecked ? contribution(order, reference, time) : null;
    if (state == TradingState.REDUCING) {
      if (!exposures.knows(order)) {
        return reject(RiskCode.REDUCING, symbol + " is REDUCING and the engine has not reported book "
            + order.getBook() + " on pnl.events yet: the gateway cannot tell whether the order reduces its delta");
      }
      double before = exposures.of(symbol, order.getBook()).delta();
      if (!(Math.abs(before + effect.delta()) < Math.abs(before))) {
        return reject(RiskCode.REDUCING, symbol + " is REDUCING: the order takes book " + order.getBook()
            + "'s delta from " + before + " to " + (before + effect.delta()) + ", not closer to 0");
      }
    }
    Optional<Rejection> overExposed = exposureChecked ? checkExposure(order, effect) : Optional.empty();
    if (overExposed.isPresent()) {
      return overExposed;
    }
    double unitsPerQuantity = option ? order.getOption().getMultiplier() : 1.0;
    double notional = order.getQuantity() * unitsPerQuantity * reference.mid();
    if (notional > limits.maxOrderNotional()) {
      return reject(RiskCode.ORDER_NOTIONAL, "notional " + notional + " exceeds " + PreTradeLimits.PREFIX
          + "max-order-notional=" + limits.maxOrderNotional());
    }
    Double limit = order.getLimitPrice();
    if (!option && limit != null && Math.abs(limit / reference.mid() - 1) > limits.priceCollar()) {
      return reject(RiskCode.PRICE_COLLAR, "limit " + limit + " is outside " + PreTradeLimits.PREFIX
          + "price-collar=" + limits.priceCollar() + " of the reference mid " + reference.mid());
    }
    if (duplicateWindowMicros > 0) {
      Long previous = lastSent.get(sameOrderKey(order));
      long gap = previous == null ? Long.MAX_VALUE : Math.abs(saturatedDifference(time, previous));
      if (gap < duplicateWindowMicros) {
        return reject(RiskCode.DUPLICATE_ORDER, "the same order (book, instrument, side, quantity) was sent "
            + Duration.of(gap, ChronoUnit.MICROS) + " apart (" + PreTradeLimits.PREFIX
            + "duplicate-window=" + limits.duplicateWindow() + ")");
      }
    }
    if (limits.maxOrdersPerSecondPerBook() > 0
        && inLastSecond(perBook.get(bookKey(order)), time) >= limits.maxOrdersPerSecondPerBook()) {
      return reject(RiskCode.THROTTLE_BOOK, "book " + bookKey(order) + " sent "
          + limits.maxOrdersPerSecondPerBook() + " orders within a second (" + PreTradeLimits.PREFIX
          + "max-orders-per-second-per-book)");
    }
    if (limits.maxOrdersPerSecond() > 0 && inLastSecond(overall, time) >= limits.maxOrdersPerSecond()) {
      return reject(RiskCode.THROTTLE_TOTAL, limits.maxOrdersPerSecond() + " orders within a second ("
          + PreTradeLimits.PREFIX + "max-orders-per-second)");
    }
    return Optional.empty();
  }

  /**
   * The order's effect on its book: its signed quantity, and its delta and vega (an option's from
   * Black-Scholes at the reference's mid, ATM vol, rate and dividend yield, times its multiplier).
   */
  private static BookExposures.Contribution contribution(HedgeOrder order, Reference reference, long time) {
    double sign = order.getSide() == io.hedgestream.avro.Side.BUY ? 1 : -1;
    double quantity = sign * order.getQuantity();
    if (order.getInstrumentType() != InstrumentType.OPTION) {
      return new BookExposures.Contribution(time, order.getInstrument(), quantity, quantity, 0);
    }
    io.hedgestream.avro.OptionSpec option = order.getOption();
    double years = (EpochMicros.of(option.getExpiryMicros()) - time) / (365.0 * 86_400 * MICROS_PER_SECOND);
    io.hedgestream.pricing.OptionGreeks greeks = io.hedgestream.pricing.BlackScholes.tryGreeks(
        option.getOptionType() == io.hedgestream.avro.OptionType.CALL ? io.hedgestream.pricing.PutCall.CALL
            : io.hedgestream.pricing.PutCall.PUT,
        reference.mid(), option.getStrike(), years, reference.vol(), reference.rate(), reference.dividendYield())
        .orElse(null);
    double units = quantity * option.getMultiplier();
    return greeks == null
        ? new BookExposures.Contribution(time, order.getInstrument(), quantity, Double.NaN, Double.NaN)
        : new BookExposures.Contribution(time, order.getInstrument(), quantity, units * greeks.delta(),
            units * greeks.vega());
  }

  /** The position and Greek limits: an order may not take an exposure beyond its limit further out. */
  private Optional<Rejection> checkExposure(HedgeOrder order, BookExposures.Contribution effect) {
    ExposureLimits limit = limits.exposure();
    if (!limit.any()) {
      return Optional.empty();
    }
    BookExposures.Exposure before = exposures.of(order.getSymbol(), order.getBook());
    boolean option = order.getInstrumentType() == InstrumentType.OPTION;
    double positionLimit = option ? limit.maxOptionPositionContracts() : limit.maxPositionUnits();
    double position = before.position(order.getInstrument());
    if (beyond(position, effect.quantity(), positionLimit)) {
      return reject(RiskCode.POSITION_LIMIT, "book " + order.getBook() + " would hold " + (position + effect.quantity())
          + " of " + order.getInstrument() + " (" + PreTradeLimits.PREFIX
          + (option ? "max-option-position-contracts=" : "max-position-units=") + positionLimit + ")");
    }
    if (!option && limit.maxSymbolPositionUnits() > 0) {
      double symbolPosition = exposures.symbolPosition(order.getSymbol());
      if (beyond(symbolPosition, effect.quantity(), limit.maxSymbolPositionUnits())) {
        return reject(RiskCode.SYMBOL_POSITION_LIMIT, "the books of " + order.getSymbol() + " would hold "
            + (symbolPosition + effect.quantity()) + " units (" + PreTradeLimits.PREFIX + "max-symbol-position-units="
            + limit.maxSymbolPositionUnits() + ")");
      }
    }
    if ((limit.maxBookDelta() > 0 || limit.maxBookVega() > 0) && Double.isNaN(effect.delta())) {
      return reject(RiskCode.DELTA_LIMIT, "the Greeks of " + order.getInstrument() + " cannot be computed from the "
          + "reference quote of " + order.getSymbol() + ", so its effect on the book's exposure limits is unknown");
    }
    if (beyond(before.delta(), effect.delta(), limit.maxBookDelta())) {
      return reject(RiskCode.DELTA_LIMIT, "book " + order.getBook() + "'s delta would be "
          + (before.delta() + effect.delta()) + " (" + PreTradeLimits.PREFIX + "max-book-delta=" + limit.maxBookDelta()
          + ")");
    }
    if (beyond(before.vega(), effect.vega(), limit.maxBookVega())) {
      return reject(RiskCode.VEGA_LIMIT, "book " + order.getBook() + "'s vega would be "
          + (before.vega() + effect.vega()) + " (" + PreTradeLimits.PREFIX + "max-book-vega=" + limit.maxBookVega()
          + ")");
    }
    return Optional.empty();
  }

  /** Whether adding {@code change} to {@code before} ends beyond {@code limit} (0: off) and further out. */
  static boolean beyond(double before, double change, double limit) {
    double after = before + change;
    return limit > 0 && Math.abs(after) > limit && Math.abs(after) > Math.abs(before);
  }

  /** Records an order that passed {@link #check} and was sent. */
  public void accepted(HedgeOrder order) {
    long time = EpochMicros.of(order.getEventTimeMicros());
    Reference reference = references.get(order.getSymbol());
    if (reference != null) {
      BookExposures.Contribution effect = contribution(order, reference, time);
      exposures.sent(order, Double.isNaN(effect.delta())
          ? new BookExposures.Contribution(time, effect.instrument(), effect.quantity(), 0, 0) : effect);
    }
    if (limits.maxOrdersPerSecondPerBook() > 0) {
      record(perBook.computeIfAbsent(bookKey(order), book -> new ArrayDeque<>()), time);
    }
    if (limits.maxOrdersPerSecond() > 0) {
      record(overall, time);
    }
    if (duplicateWindowMicros > 0) {
      String key = sameOrderKey(order);
      lastSent.put(key, time);
      recent.addLast(new Sent(time, key));
      while (!recent.isEmpty()
          && saturatedDifference(time, recent.peekFirst().eventMicros()) > duplicateWindowMicros) {
        Sent old = recent.removeFirst();
        lastSent.remove(old.key(), old.eventMicros());
      }
    }
  }

  /** Orders of the window less than a second of event time from {@code time}, either side. */
  private static int inLastSecond(Deque<Long> window, long time) {
    if (window == null) {
      return 0;
    }
    int count = 0;
    for (long sent : window) {
      if (Math.abs(saturatedDifference(time, sent)) < MICROS_PER_SECOND) {
        count++;
      }
    }
    return count;
  }

  /** Adds an accepted order's time, dropping the times a second or more before it. */
  private static void record(Deque<Long> window, long time) {
    while (!window.isEmpty() && saturatedDifference(time, window.peekFirst()) >= MICROS_PER_SECOND) {
      window.removeFirst();
    }
    window.addLast(time);
  }

  private static long saturatedDifference(long a, long b) {
    long difference = a - b;
    // Overflow when the operands' signs differ and the result's sign differs from a's.
    if (((a ^ b) & (a ^ difference)) < 0) {
      return a >= 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return difference;
  }

  /** A book is named within its underlying (the engine's books of two symbols may share a name). */
  private static String bookKey(HedgeOrder order) {
    return order.getSymbol() + '/' + order.getBook();
  }

  private static String sameOrderKey(HedgeOrder order) {
    return order.getBook() + '\u0000' + order.getInstrument() + '\u0000' + order.getSide() + '\u0000'
        + Double.doubleToLongBits(order.getQuantity());
  }

  private static Optional<Rejection> reject(String code, String reason) {
    return Optional.of(new Rejection(code, reason));
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long micros(Duration duration) {
    return duration.getSeconds() * MICROS_PER_SECOND + duration.getNano() / 1_000;
  }
}
