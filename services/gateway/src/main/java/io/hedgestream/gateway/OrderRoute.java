package io.hedgestream.gateway;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import java.util.Optional;

/**
 * Where hedge orders are executed: the paper exchange, or (later) a FIX session to an external OMS.
 *
 * <p>Lifecycle: construct with an {@link ExecutionListener}, feed it market data and orders from one
 * thread, then {@link #close()} it, which delivers the executions still in flight before returning. Orders
 * reach the route already validated and de-duplicated by the gateway; a route checks only what is
 * specific to it (instrument types it trades, markets it has).
 */
public interface OrderRoute extends AutoCloseable {

  /** The venue name written on every fill, e.g. {@code paper}. */
  String venue();

  /**
   * Submits an order. Executions and late rejections arrive through the listener, possibly before this
   * method returns.
   *
   * @param order a validated order
   * @return empty if the route accepted the order, otherwise why it refused it (no listener call follows)
   */
  Optional<Rejection> submit(HedgeOrder order);

  /**
   * The latest market of a symbol. Routes that price or collar orders keep it; the route calls
   * {@code release} once it can no longer need this tick (a newer quote replaced it, or no future order can
   * fill at it), which lets the gateway commit past it: after a restart the gateway re-reads the ticks not
   * yet released, so the route gets back every quote it still needed. The default keeps nothing.
   *
   * @param tick a validated tick
   * @param release marks the tick as no longer needed; call it once, from any thread
   */
  default void onMarketData(MarketTick tick, Runnable release) {
    release.run();
  }

  /** {@link #onMarketData(MarketTick, Runnable)} for a caller that tracks no ticks. */
  default void onMarketData(MarketTick tick) {
    onMarketData(tick, () -> { });
  }

  /**
   * The orders the route holds that have waited longer than {@code age} (for a market, a tick of their own
   * time, or an answer), described for an operator; empty when none.
   */
  default String stuckOrders(java.time.Duration age) {
    return "";
  }

  /** Which held orders to take back: an order, and how long it has waited. */
  @FunctionalInterface
  interface WaitingFilter {
    /** Whether to take back {@code order}, which has waited {@code waited}. */
    boolean test(HedgeOrder order, java.time.Duration waited);
  }

  /**
   * Takes back the orders the route still holds, not yet at the venue (waiting for a market, or a tick of
   * their own time), that {@code which} selects: they will never execute, and no listener call follows for
   * them. The gateway expires orders that waited too long and cancels those of a halted symbol this way. The
   * default holds none.
   *
   * @param which the orders to take back
   * @return the orders taken back
   */
  default java.util.List<HedgeOrder> takeBackWaiting(WaitingFilter which) {
    return java.util.List.of();
  }

  /**
   * Whether the route sent {@code order} to its venue before (in an earlier run): such an order, re-read after
   * a restart, is at the venue already, so the pre-trade checks, which decide whether an order may leave, do not
   * apply to it again; the route finds out its state instead. The paper exchange never has one.
   */
  default boolean sentBefore(HedgeOrder order) {
    return false;
  }

  /**
   * Tells the route, before {@link #submit}, what of an order re-read after a restart the gateway published
   * already (fills of an earlier run, committed); a route that resumes orders at their venue books only the
   * rest. Not called when the gateway cannot know (its commit did not say).
   *
   * @param order the order about to be submitted again
   * @param quantity quantity filled and published, &gt;= 0
   * @param notional sum of quantity x price of those fills
   */
  default void publishedBefore(HedgeOrder order, double quantity, double notional) {
  }

  /**
   * Whether the route reports the venue's acknowledgement of each order itself
   * ({@link ExecutionListener#onAccepted}); otherwise the gateway reports an order NEW as soon as the route
   * accepts it (the paper exchange, which answers at once).
   */
  default boolean acknowledgesOrders() {
    return false;
  }

  /**
   * Asks the venue to cancel the orders of {@code symbol} ({@code *}: every symbol) it is working (the
   * gateway's HALTED). Answers come through the listener. The default has nothing at a venue to cancel.
   *
   * @return how many cancels were sent
   */
  default int cancelWorking(String symbol) {
    return 0;
  }

  /** How the route's connection to its venue stands, for the status line; empty when it has none. */
  default String sessionStatus() {
    return "";
  }

  /** The route's session with its venue, for metrics; empty when it has none (the paper exchange). */
  default java.util.Optional<SessionState> session() {
    return java.util.Optional.empty();
  }

  /**
   * A venue session as metrics show it.
   *
   * @param up whether it is logged on
   * @param nextSenderSeq the next sequence number it sends
   * @param nextTargetSeq the next sequence number it expects
   * @param inDoubt orders whose state it could not establish
   */
  record SessionState(boolean up, long nextSenderSeq, long nextTargetSeq, long inDoubt) {}

  /** Orders accepted but not yet complete (waiting for a market, latency, or an exchange answer). */
  int openOrders();

  /** Delivers in-flight executions, then releases the route's resources. */
  @Override
  void close();
}
