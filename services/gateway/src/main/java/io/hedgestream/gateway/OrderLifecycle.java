package io.hedgestream.gateway;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state machine of one hedge order at its venue, in FIX OrdStatus terms. Every event either moves the
 * order along a legal transition and returns the {@link OrderStatus} to publish, or throws
 * {@link IllegalTransition} and changes nothing: a fill after a final state, an overfill, a cancel of a
 * filled order never reach {@code orders.status}.
 *
 * <pre>
 * PENDING_NEW    -> NEW, REJECTED, PENDING_CANCEL, CANCELED
 * NEW            -> PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, EXPIRED, REJECTED (a late reject)
 * PARTIALLY_FILLED -> PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, EXPIRED
 * PENDING_CANCEL -> PENDING_CANCEL (only by a fill while the cancel is pending), FILLED, CANCELED, EXPIRED,
 *                   NEW or PARTIALLY_FILLED (the cancel was refused: back to what the fills say)
 * FILLED, REJECTED, CANCELED, EXPIRED: final
 * </pre>
 *
 * Not thread-safe: the owner serialises the events of one order (a route may report from its own threads).
 */
final class OrderLifecycle {

  /** Rounding allowed when fills sum to the order quantity (whole-lot splits). */
  private static final double QUANTITY_TOLERANCE = 1e-9;

  private static final Map<OrderState, Set<OrderState>> LEGAL = new EnumMap<>(OrderState.class);

  static {
    LEGAL.put(OrderState.PENDING_NEW, EnumSet.of(OrderState.NEW, OrderState.REJECTED, OrderState.PENDING_CANCEL,
        OrderState.CANCELED));
    LEGAL.put(OrderState.NEW, EnumSet.of(OrderState.PARTIALLY_FILLED, OrderState.FILLED, OrderState.PENDING_CANCEL,
        OrderState.CANCELED, OrderState.EXPIRED, OrderState.REJECTED));
    LEGAL.put(OrderState.PARTIALLY_FILLED, EnumSet.of(OrderState.PARTIALLY_FILLED, OrderState.FILLED,
        OrderState.PENDING_CANCEL, OrderState.CANCELED, OrderState.EXPIRED));
    LEGAL.put(OrderState.PENDING_CANCEL, EnumSet.of(OrderState.PENDING_CANCEL, OrderState.FILLED,
        OrderState.CANCELED, OrderState.EXPIRED, OrderState.NEW, OrderState.PARTIALLY_FILLED));
    for (OrderState last : new OrderState[] {OrderState.FILLED, OrderState.REJECTED, OrderState.CANCELED,
        OrderState.EXPIRED}) {
      LEGAL.put(last, EnumSet.noneOf(OrderState.class));
    }
  }

  /** An event the order's current state does not allow; the order is unchanged. */
  static final class IllegalTransition extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    IllegalTransition(String message) {
      super(message);
    }
  }

  private final HedgeOrder order;
  private final String venue;
  private OrderState state = OrderState.PENDING_NEW;
  private double cumulative;
  private double notional;
  private String venueOrderId;

  /**
   * An order just handed to its venue, PENDING_NEW.
   *
   * @param order the hedge order
   * @param venue the route's venue name
   */
  OrderLifecycle(HedgeOrder order, String venue) {
    this.order = Objects.requireNonNull(order, "order");
    this.venue = Objects.requireNonNull(venue, "venue");
  }

  /**
   * An order a restarted gateway re-read with fills an earlier session published already: PARTIALLY_FILLED
   * with those fills (NEW, as PENDING_NEW when none).
   *
   * @param order the hedge order
   * @param venue the route's venue name
   * @param filled quantity filled and published before, &gt;= 0 and less than the order's
   * @param notional the sum of quantity x price of those fills
   */
  static OrderLifecycle resumed(HedgeOrder order, String venue, double filled, double notional) {
    OrderLifecycle lifecycle = new OrderLifecycle(order, venue);
    if (filled > 0) {
      if (!(filled < order.getQuantity()) || !(notional > 0)) {
        throw new IllegalArgumentException("order " + order.getOrderId() + " resumed with " + filled + " of "
            + order.getQuantity() + " filled at notional " + notional);
      }
      lifecycle.state = OrderState.PARTIALLY_FILLED;
      lifecycle.cumulative = filled;
      lifecycle.notional = notional;
    }
    return lifecycle;
  }

  /** Whether {@code from -> to} is a legal transition. */
  static boolean legal(OrderState from, OrderState to) {
    return LEGAL.get(from).contains(to);
  }

  /** Whether no event may follow {@code state}. */
  static boolean isFinal(OrderState state) {
    return LEGAL.get(state).isEmpty();
  }

  /** The current state. */
  OrderState state() {
    return state;
  }

  /** Quantity filled so far. */
  double cumulativeQuantity() {
    return cumulative;
  }

  /** The order. */
  HedgeOrder order() {
    return order;
  }

  /** The venue acknowledged the order: PENDING_NEW to NEW. */
  OrderStatus acknowledge(String venueOrderId, Instant time) {
    if (state != OrderState.PENDING_NEW) {
      throw new IllegalTransition("order " + order.getOrderId() + " acknowledged again in state " + state);
    }
    this.venueOrderId = venueOrderId;
    return move(OrderState.NEW, null, null, time);
  }

  /**
   * A fill of {@code quantity} at {@code price}: PARTIALLY_FILLED, or FILLED once the fills reach the order
   * quantity; while a cancel is pending, a partial fill keeps PENDING_CANCEL.
   *
   * @throws IllegalTransition for a non-positive or non-finite quantity or price, an overfill, or a fill in a
   *     state that takes none (PENDING_NEW, or final)
   */
  OrderStatus fill(double quantity, double price, Instant time) {
    if (!(quantity > 0) || !Double.isFinite(quantity) || !(price > 0) || !Double.isFinite(price)) {
      throw new IllegalTransition("fill of " + quantity + " at " + price + " for order " + order.getOrderId()
          + ": quantity and price must be finite and > 0");
    }
    double after = cumulative + quantity;
    if (after > order.getQuantity() * (1 + QUANTITY_TOLERANCE)) {
      throw new IllegalTransition("fill of " + quantity + " overfills order " + order.getOrderId() + ": "
          + cumulative + " of " + order.getQuantity() + " filled already");
    }
    boolean complete = after >= order.getQuantity() * (1 - QUANTITY_TOLERANCE);
    OrderState next = complete ? OrderState.FILLED
        : state == OrderState.PENDING_CANCEL ? OrderState.PENDING_CANCEL : OrderState.PARTIALLY_FILLED;
    if (state == OrderState.PENDING_NEW || !legal(state, next)) {
      throw new IllegalTransition("fill of order " + order.getOrderId() + " in state " + state);
    }
    cumulative = complete ? order.getQuantity() : after;
    notional += quantity * price;
    return move(next, null, null, time);
  }

  /** The venue refused the order (before or after acknowledging it). */
  OrderStatus reject(String code, String text, Instant time) {
    return move(OrderState.REJECTED, code, text, time);
  }

  /** A cancel was requested (once: a second request while one is pending is refused). */
  OrderStatus cancelRequested(Instant time) {
    if (state == OrderState.PENDING_CANCEL) {
      throw new IllegalTransition("a cancel of order " + order.getOrderId() + " is pending already");
    }
    return move(OrderState.PENDING_CANCEL, null, null, time);
  }

  /** The venue refused the cancel: back to NEW or PARTIALLY_FILLED, as the fills say. */
  OrderStatus cancelRefused(String code, String text, Instant time) {
    if (state != OrderState.PENDING_CANCEL) {
      throw new IllegalTransition("cancel refused for order " + order.getOrderId() + " in state " + state);
    }
    return move(cumulative > 0 ? OrderState.PARTIALLY_FILLED : OrderState.NEW, code, text, time);
  }

  /** The venue canceled the unfilled rest. */
  OrderStatus canceled(String code, String text, Instant time) {
    return move(OrderState.CANCELED, code, text, time);
  }

  /** The order's time in force ran out. */
  OrderStatus expired(String code, String text, Instant time) {
    return move(OrderState.EXPIRED, code, text, time);
  }

  private OrderStatus move(OrderState next, String code, String text, Instant time) {
    if (!legal(state, next)) {
      throw new IllegalTransition("order " + order.getOrderId() + " cannot go from " + state + " to " + next);
    }
    state = next;
    boolean live = !isFinal(next);
    return OrderStatus.newBuilder()
        .setOrderId(order.getOrderId())
        .setBook(order.getBook())
        .setSymbol(order.getSymbol())
        .setInstrument(order.getInstrument())
        .setSide(order.getSide())
        .setStatus(next)
        .setOrderQuantity(order.getQuantity())
        .setCumulativeQuantity(cumulative)
        .setLeavesQuantity(live ? Math.max(0, order.getQuantity() - cumulative) : 0)
        .setAveragePrice(cumulative > 0 ? notional / cumulative : null)
        .setVenue(venue)
        .setVenueOrderId(venueOrderId)
        .setReasonCode(code)
        .setReasonText(text)
        .setEventTimeMicros(Objects.requireNonNull(time, "time"))
        .build();
  }
}
