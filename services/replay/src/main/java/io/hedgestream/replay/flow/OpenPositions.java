package io.hedgestream.replay.flow;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import java.util.ArrayList;
import java.util.List;

/** The contracts a flow has opened and not closed (nor seen expire), in opening order. Mutable. */
final class OpenPositions {

  /** One open contract: the suffix of its opening order's id, the contract and the client's quantity. */
  record Position(String openId, OptionSpec option, double quantity) {}

  private final List<Position> open = new ArrayList<>();

  void add(Position position) {
    open.add(position);
  }

  List<Position> all() {
    return List.copyOf(open);
  }

  /** Forgets contracts that expired at or before the tick (the engine settles those itself). */
  void dropExpired(MarketTick tick) {
    open.removeIf(position -> !position.option().getExpiryMicros().isAfter(tick.getEventTimeMicros()));
  }

  /** Orders closing every open contract at the tick (same contract, opposite quantity), then none is open. */
  List<ClientOrder> closeAll(MarketTick tick, OrderFactory orders) {
    dropExpired(tick);
    List<ClientOrder> closing = new ArrayList<>(open.size());
    for (Position position : open) {
      closing.add(orders.order(position.openId() + "-close", tick, position.option(), -position.quantity()));
    }
    open.clear();
    return closing;
  }
}
