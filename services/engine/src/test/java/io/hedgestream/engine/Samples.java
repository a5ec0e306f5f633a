package io.hedgestream.engine;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.avro.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Sample records for engine tests: SPY around 100, 20% vol, a 30-day option. */
final class Samples {

  static final String SPY = "SPY";
  static final String BOOK = "desk-1";
  static final Instant T0 = Instant.parse("2025-01-02T14:30:00Z");
  static final Instant EXPIRY = T0.plus(Duration.ofDays(30));

  private Samples() {}

  static Instant minutes(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static MarketTick.Builder tickBuilder(String symbol, Instant time, double mid) {
    return MarketTick.newBuilder()
        .setSymbol(symbol)
        .setEventTimeMicros(time)
        .setBid(mid - 0.01)
        .setAsk(mid + 0.01)
        .setLast(mid)
        .setVolume(100)
        .setAtmImpliedVol(0.2)
        .setRate(0.0)
        .setDividendYield(0.0)
        .setSabr(null)
        .setSource("test");
  }

  static MarketTick tick(Instant time, double mid) {
    return tickBuilder(SPY, time, mid).build();
  }

  static MarketTick sabrTick(Instant time, double mid) {
    return tickBuilder(SPY, time, mid).setSabr(new SabrParams(0.3, 1.0, -0.5, 0.8)).build();
  }

  static ClientOrder.Builder orderBuilder(String orderId, OptionType type, double strike, double quantity,
      Instant time) {
    return ClientOrder.newBuilder()
        .setOrderId(orderId)
        .setBook(BOOK)
        .setClient("client-a")
        .setSymbol(SPY)
        .setOption(new OptionSpec(type, strike, EXPIRY, 100.0))
        .setQuantity(quantity)
        .setPremium(2.5)
        .setEventTimeMicros(time);
  }

  /** The client buys {@code quantity} 30-day calls struck at 100 (the desk is short them). */
  static ClientOrder clientBuysCalls(String orderId, double quantity, Instant time) {
    return orderBuilder(orderId, OptionType.CALL, 100, quantity, time).build();
  }

  static Fill fillOf(HedgeOrder order, String fillId, double quantity, double price, double fee) {
    return Fill.newBuilder()
        .setFillId(fillId)
        .setOrderId(order.getOrderId())
        .setBook(order.getBook())
        .setSymbol(order.getSymbol())
        .setInstrument(order.getInstrument())
        .setSide(order.getSide())
        .setQuantity(quantity)
        .setPrice(price)
        .setFee(fee)
        .setLeavesQuantity(order.getQuantity() - quantity)
        .setVenue("paper")
        .setEventTimeMicros(order.getEventTimeMicros())
        .build();
  }

  static Fill fill(String orderId, Side side, double quantity, double price) {
    return Fill.newBuilder()
        .setFillId("fill-" + orderId)
        .setOrderId(orderId)
        .setBook(BOOK)
        .setSymbol(SPY)
        .setInstrument(SPY)
        .setSide(side)
        .setQuantity(quantity)
        .setPrice(price)
        .setFee(0.0)
        .setLeavesQuantity(0.0)
        .setVenue("paper")
        .setEventTimeMicros(T0)
        .build();
  }

  static PolicyControl command(String id, ControlCommand command, Map<String, Double> limits) {
    return PolicyControl.newBuilder()
        .setCommandId(id)
        .setCommand(command)
        .setLimits(limits)
        .setOperator("test")
        .setEventTimeMicros(T0)
        .build();
  }
}
