package io.hedgestream.feed;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import java.util.List;

/**
 * The events of one symbol in one simulated step, in event-time order.
 *
 * @param orders client orders that arrived since the symbol's previous tick, in arrival order
 * @param tick the tick at the end of the step
 */
public record SymbolStep(List<ClientOrder> orders, MarketTick tick) {

  /** Copies the order list. */
  public SymbolStep {
    orders = List.copyOf(orders);
  }
}
