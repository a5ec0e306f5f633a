package io.hedgestream.gateway;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.Side;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Orders, ticks and a recording listener for the gateway tests. */
final class TestRecords {

  static final Instant T0 = Instant.parse("2026-02-02T15:00:00Z");

  private TestRecords() {}

  static MarketTick tick(String symbol, double bid, double ask) {
    return tick(symbol, bid, ask, T0);
  }

  static MarketTick tick(String symbol, double bid, double ask, Instant time) {
    return MarketTick.newBuilder().setSymbol(symbol).setEventTimeMicros(time).setBid(bid).setAsk(ask)
        .setLast(0.5 * (bid + ask)).setVolume(0).setAtmImpliedVol(0.2).setRate(0).setDividendYield(0)
        .setSabr(null).setSource("test").build();
  }

  static HedgeOrder order(String id, String symbol, Side side, double quantity) {
    return HedgeOrder.newBuilder().setOrderId(id).setBook(symbol + "-book-1").setSymbol(symbol)
        .setInstrument(symbol).setInstrumentType(InstrumentType.UNDERLYING).setOption(null).setSide(side)
        .setQuantity(quantity).setLimitPrice(null).setReason(HedgeReason.POLICY).setPolicyVersion("bs-delta")
        .setDecisionId(symbol + "-book-1:1").setEventTimeMicros(T0.plusSeconds(1)).build();
  }

  static HedgeOrder optionOrder(String id, String symbol) {
    OptionSpec spec = OptionSpec.newBuilder().setOptionType(OptionType.CALL).setStrike(100)
        .setExpiryMicros(T0.plusSeconds(86_400 * 30)).setMultiplier(100).build();
    // Setters rather than newBuilder(order): Avro 1.12's copy-builder trusts only classes registered by
    // AvroSerde, which a pure unit test may not have loaded yet.
    HedgeOrder order = order(id, symbol, Side.BUY, 1);
    order.setInstrument(symbol + "-20260304-C-100");
    order.setInstrumentType(InstrumentType.OPTION);
    order.setOption(spec);
    return order;
  }

  /** Records every fill and rejection in arrival order. */
  static final class RecordingListener implements ExecutionListener {
    final List<Fill> fills = new CopyOnWriteArrayList<>();
    final List<Rejection> rejections = new CopyOnWriteArrayList<>();

    @Override
    public void onFills(HedgeOrder order, List<Fill> executed) {
      fills.addAll(executed);
    }

    @Override
    public void onReject(HedgeOrder order, Rejection rejection) {
      rejections.add(rejection);
    }
  }
}
