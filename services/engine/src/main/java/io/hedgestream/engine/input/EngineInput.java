package io.hedgestream.engine.input;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PolicyControl;

/**
 * One validated input of the book processor. Ticks, client orders, fills, order statuses and control
 * commands of a symbol arrive as one merged stream in the symbol's task, so no joins are needed.
 */
public sealed interface EngineInput
    permits EngineInput.Tick, EngineInput.ClientTrade, EngineInput.HedgeFill, EngineInput.HedgeOrderStatus,
        EngineInput.Control {

  /**
   * A valid market tick.
   *
   * @param tick the tick
   * @param eventMicros its event time in epoch microseconds
   * @param raw its source record
   */
  record Tick(MarketTick tick, long eventMicros, RawRecord raw) implements EngineInput {}

  /**
   * A valid client option order: the desk takes the other side.
   *
   * @param order the order
   * @param raw its source record
   */
  record ClientTrade(ClientOrder order, RawRecord raw) implements EngineInput {}

  /**
   * A well-formed fill of a hedge order; whether the order is pending is checked against the book.
   *
   * @param fill the fill
   * @param raw its source record
   */
  record HedgeFill(Fill fill, RawRecord raw) implements EngineInput {}

  /**
   * A well-formed status of a hedge order from its venue; whether the order is pending is checked against
   * the book.
   *
   * @param status the status
   * @param raw its source record
   */
  record HedgeOrderStatus(OrderStatus status, RawRecord raw) implements EngineInput {}

  /**
   * A supported operator command, after its broadcast to every task.
   *
   * @param target the symbol it applies to, or {@link #ALL_SYMBOLS}
   * @param command the command
   */
  record Control(String target, PolicyControl command) implements EngineInput {
    /** The control key that addresses every symbol. */
    public static final String ALL_SYMBOLS = "*";
  }
}
