package io.hedgestream.gateway;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import java.util.List;

/**
 * Receives what an {@link OrderRoute} does with accepted orders. Routes may call it from their own threads
 * (e.g. after a simulated latency or when an exchange answers), so implementations must be thread-safe.
 */
public interface ExecutionListener {

  /**
   * One execution of (part of) an order, as the fills it was reported in; they are published together, in
   * one transaction, so a crash never leaves part of an execution visible. The order is complete when the
   * last fill's {@code leavesQuantity} is 0.
   *
   * @param order the order the fills belong to
   * @param fills the execution's fills, in order, at least one
   */
  void onFills(HedgeOrder order, List<Fill> fills);

  /**
   * An accepted order that the route later could not execute (e.g. a limit no longer marketable); the
   * order is complete and will get no fill.
   *
   * @param order the order
   * @param rejection why it was not executed
   */
  void onReject(HedgeOrder order, Rejection rejection);

  /**
   * The venue acknowledged an order (FIX ExecutionReport with ExecType NEW). Routes that report their own
   * acknowledgements ({@link OrderRoute#acknowledgesOrders()}) call it; the gateway publishes NEW then.
   *
   * @param order the order
   * @param venueOrderId the venue's id of the order (FIX OrderID), or null
   */
  default void onAccepted(HedgeOrder order, String venueOrderId) {
  }

  /**
   * An order ended at the venue without filling its rest: {@code CANCELED} or {@code EXPIRED}, after any
   * fills already reported. The order is complete.
   *
   * @param order the order
   * @param end CANCELED or EXPIRED
   * @param reason the venue's code and text
   */
  default void onEnded(HedgeOrder order, io.hedgestream.avro.OrderState end, Rejection reason) {
    throw new UnsupportedOperationException("this listener does not take canceled or expired orders");
  }

  /** A cancel of {@code order} was sent to the venue (PENDING_CANCEL). */
  default void onCancelRequested(HedgeOrder order) {
  }

  /** The venue refused to cancel {@code order} (FIX OrderCancelReject); the order works on. */
  default void onCancelRefused(HedgeOrder order, Rejection reason) {
  }

  /**
   * The route cannot establish the state of {@code order} (no answer from the venue to a status request):
   * the gateway fails closed, halting new orders of its symbol and leaving the order open, and does not
   * guess.
   *
   * @param order the order in doubt
   * @param reason what the route knows
   */
  default void onInDoubt(HedgeOrder order, String reason) {
    throw new UnsupportedOperationException("this listener does not take orders in doubt: " + reason);
  }
}
