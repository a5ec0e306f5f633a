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
}
