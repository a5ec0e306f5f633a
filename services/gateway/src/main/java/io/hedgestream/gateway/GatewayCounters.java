package io.hedgestream.gateway;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of what the gateway did, for status lines and metrics. Thread-safe. */
public final class GatewayCounters {

  private final LongAdder ordersReceived = new LongAdder();
  private final LongAdder ordersAccepted = new LongAdder();
  private final LongAdder ordersRejected = new LongAdder();
  private final LongAdder duplicateOrders = new LongAdder();
  private final LongAdder fillsPublished = new LongAdder();
  private final LongAdder ticksReceived = new LongAdder();
  private final LongAdder ticksRejected = new LongAdder();
  private final LongAdder ordersInDoubt = new LongAdder();

  /** Order records read from orders.hedge, valid or not. */
  public long ordersReceived() {
    return ordersReceived.sum();
  }

  /** Orders the route accepted. */
  public long ordersAccepted() {
    return ordersAccepted.sum();
  }

  /** Order records dead-lettered: undecodable, invalid, refused or not executed by the route. */
  public long ordersRejected() {
    return ordersRejected.sum();
  }

  /** Orders dropped because their id was already executed. */
  public long duplicateOrders() {
    return duplicateOrders.sum();
  }

  /** Fills published on fills.hedge in committed transactions. */
  public long fillsPublished() {
    return fillsPublished.sum();
  }

  /** Tick records read from md.ticks, valid or not. */
  public long ticksReceived() {
    return ticksReceived.sum();
  }

  /** Tick records dead-lettered as undecodable or unusable. */
  public long ticksRejected() {
    return ticksRejected.sum();
  }

  /** Orders whose state the route could not establish (their symbols were halted). */
  public long ordersInDoubt() {
    return ordersInDoubt.sum();
  }

  void orderInDoubt() {
    ordersInDoubt.increment();
  }

  void orderReceived() {
    ordersReceived.increment();
  }

  void orderAccepted() {
    ordersAccepted.increment();
  }

  void orderRejected() {
    ordersRejected.increment();
  }

  void duplicateOrder() {
    duplicateOrders.increment();
  }

  void fillsPublished(long count) {
    fillsPublished.add(count);
  }

  void tickReceived() {
    ticksReceived.increment();
  }

  void tickRejected() {
    ticksRejected.increment();
  }

  @Override
  public String toString() {
    return "orders=" + ordersReceived() + " accepted=" + ordersAccepted() + " rejected=" + ordersRejected()
        + " duplicates=" + duplicateOrders() + " fills=" + fillsPublished() + " ticks=" + ticksReceived()
        + (ordersInDoubt() > 0 ? " in-doubt=" + ordersInDoubt() : "");
  }
}
