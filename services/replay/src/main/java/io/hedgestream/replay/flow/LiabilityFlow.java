package io.hedgestream.replay.flow;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import java.util.List;

/**
 * A source of client orders driven by the replay's close ticks. Stateful: one instance per replay, fed
 * every close in order.
 */
public interface LiabilityFlow {

  /**
   * The orders booked at a day's close.
   *
   * @param close the day's close tick (orders carry its event time and are published just before it)
   * @param endOfSegment true at the last close of a window segment that another segment follows: the flow
   *     closes every open position and opens none, so nothing is held across the excluded dates
   * @return the orders, possibly none
   */
  List<ClientOrder> atClose(MarketTick close, boolean endOfSegment);

  /** A flow with no orders. */
  LiabilityFlow NONE = (close, endOfSegment) -> List.of();
}
