package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.replay.ReplayEvent;
import io.hedgestream.replay.ReplayTimeline;
import java.util.ArrayList;
import java.util.List;

/**
 * A timeline cut into steps: each tick with the client orders stamped at its time, which the timeline lists
 * (and the run publishes) just before the tick. Stamped later than the engine's latest market, the orders are
 * booked and decided at the tick (the engine's rule), so every book decides once per tick.
 */
final class ReplaySteps {

  /**
   * One tick and the orders of its time.
   *
   * @param tick the tick
   * @param orders the client orders stamped at the tick's time
   */
  record Step(MarketTick tick, List<ClientOrder> orders) {}

  private ReplaySteps() {}

  /**
   * Cuts a timeline into steps, re-quoting every tick at {@code halfSpreadBps} around its last price.
   *
   * @param timeline the window's ticks and orders
   * @param halfSpreadBps half-spread in bps of the close (0: bid = ask = close)
   * @return the steps in order
   * @throws IllegalArgumentException when an order's time is not its following tick's
   */
  static List<Step> of(ReplayTimeline timeline, double halfSpreadBps) {
    List<Step> steps = new ArrayList<>();
    List<ClientOrder> orders = new ArrayList<>();
    for (ReplayEvent event : timeline.events()) {
      if (!event.isTick()) {
        orders.add(event.order());
        continue;
      }
      MarketTick tick = requote(event.tick(), halfSpreadBps);
      for (ClientOrder order : orders) {
        if (!order.getEventTimeMicros().equals(tick.getEventTimeMicros())) {
          throw new IllegalArgumentException("client order " + order.getOrderId() + " at "
              + order.getEventTimeMicros() + " does not precede a tick of its time");
        }
      }
      steps.add(new Step(tick, List.copyOf(orders)));
      orders.clear();
    }
    if (!orders.isEmpty()) {
      throw new IllegalArgumentException("client order " + orders.get(0).getOrderId() + " has no tick after it");
    }
    return steps;
  }

  /** Sets bid and ask around the last price (in place: the timeline's ticks are the run's own copies). */
  private static MarketTick requote(MarketTick tick, double halfSpreadBps) {
    double last = tick.getLast();
    tick.setBid(halfSpreadBps == 0 ? last : last * (1 - halfSpreadBps * 1e-4));
    tick.setAsk(halfSpreadBps == 0 ? last : last * (1 + halfSpreadBps * 1e-4));
    return tick;
  }
}
