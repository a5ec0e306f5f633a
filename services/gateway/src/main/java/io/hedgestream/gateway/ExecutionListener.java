package io.hedgestream.gateway;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;

/**
 * Receives what an {@link OrderRoute} does with accepted orders. Routes may call it from their own threads
 * (e.g. after a simulated latency or when an exchange answers), so implementations must be thread-safe.
 */
public interface ExecutionListener {

  /**
   * An execution of (part of) an order; the order is complete when {@code fill.getLeavesQuantity()} is 0.
   *
   * @param order the order the fill belongs to
   * @param fill the execution
   */
  void onFill(HedgeOrder order, Fill fill);

  /**
   * An accepted order that the route later could not execute (e.g. a limit no longer marketable); the
   * order is complete and will get no fill.
   *
   * @param order the order
   * @param rejection why it was not executed
   */
  void onReject(HedgeOrder order, Rejection rejection);
}
