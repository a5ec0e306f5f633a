package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.BOOK;
import static io.hedgestream.engine.Samples.EXPIRY;
import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.pricing.SabrHagan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaHedgingTest {

  private static double callDelta(Instant now, double mid, double vol) {
    double ttm = Duration.between(now, EXPIRY).toNanos() / 1e9 / (365.0 * 86_400);
    return BlackScholes.greeks(PutCall.CALL, mid, 100, ttm, vol, 0, 0).delta();
  }

  @Test
  void clientOrderBeforeAnyMarketIsHedgedAtTheFirstTick() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.order(clientBuysCalls("c1", 10, T0));
      assertThat(engine.drainOrders()).isEmpty();

      engine.tick(tick(T0, 100));

      List<HedgeOrder> orders = engine.drainOrders();
      assertThat(orders).hasSize(1);
      HedgeOrder order = orders.get(0);
      long expected = Math.round(callDelta(T0, 100, 0.2) * 100 * 10);
      assertThat(order.getQuantity()).isEqualTo(expected);
      assertThat(order.getSide()).isEqualTo(Side.BUY);
      assertThat(order.getInstrument()).isEqualTo(SPY);
      assertThat(order.getInstrumentType()).isEqualTo(InstrumentType.UNDERLYING);
      assertThat(order.getReason()).isEqualTo(HedgeReason.POLICY);
      assertThat(order.getPolicyVersion()).isEqualTo(DeltaHedgePolicy.VERSION);
      assertThat(order.getDecisionId()).isEqualTo(BOOK + ":" + SPY + ":1");
      assertThat(order.getOrderId()).isEqualTo(BOOK + ":" + SPY + ":1:" + SPY);
      assertThat(order.getEventTimeMicros()).isEqualTo(T0);
    }
  }

  @Test
  void clientOrderIsDecidedAtOnceAtTheLatestMarket() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.tick(tick(T0, 101));
      engine.order(clientBuysCalls("c1", 10, T0));

      List<HedgeOrder> orders = engine.drainOrders();
      assertThat(orders).singleElement()
          .satisfies(order -> assertThat(order.getQuantity()).isEqualTo(Math.round(callDelta(T0, 101, 0.2) * 1000)));
      assertThat(engine.drainPnl()).hasSize(1);
    }
  }

  @Test
  void ticksBeforeTheDecisionIntervalDoNotDecide() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      engine.drainOrders();
      engine.drainPnl();

      engine.tick(tick(T0.plusSeconds(30), 103));
      engine.tick(tick(T0.plusSeconds(59), 103));
      assertThat(engine.drainPnl()).isEmpty();

      engine.tick(tick(minutes(1), 103));
      assertThat(engine.drainPnl()).hasSize(1);
    }
  }

  @Test
  void laterDecisionsOrderOnlyTheDifferenceNetOfPending() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "60")) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      HedgeOrder first = engine.drainOrders().get(0);

      engine.tick(tick(minutes(1), 103));

      HedgeOrder second = engine.drainOrders().get(0);
      long target = Math.round(callDelta(minutes(1), 103, 0.2) * 1000);
      assertThat(first.getQuantity() + second.getQuantity()).isEqualTo(target);
      assertThat(second.getDecisionId()).isEqualTo(BOOK + ":" + SPY + ":2");
    }
  }

  @Test
  void deskShortPutsSellsTheUnderlying() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.tick(tick(T0, 100));
      engine.order(Samples.orderBuilder("p1", OptionType.PUT, 100, 5, T0).build());

      HedgeOrder order = engine.drainOrders().get(0);
      double ttm = Duration.between(T0, EXPIRY).toNanos() / 1e9 / (365.0 * 86_400);
      double putDelta = BlackScholes.greeks(PutCall.PUT, 100, 100, ttm, 0.2, 0, 0).delta();
      assertThat(order.getSide()).isEqualTo(Side.SELL);
      assertThat(order.getQuantity()).isEqualTo(Math.round(-putDelta * 500));
    }
  }

  @Test
  void sabrParametersPriceTheOptionAtTheSmileVol() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.tick(Samples.sabrTick(T0, 100));
      engine.order(Samples.orderBuilder("c1", OptionType.CALL, 110, 10, T0).build());

      PnlEvent event = engine.drainPnl().get(0);
      MarketSnapshot market = MarketSnapshot.of(Samples.sabrTick(T0, 100));
      double ttm = EpochMicros.yearsBetween(EpochMicros.of(T0), EpochMicros.of(EXPIRY));
      double sabrVol = SabrHagan.impliedVol(market.mid(), 110, ttm, 0.3, 1.0, -0.5, 0.8);
      double sabrDelta = BlackScholes.greeks(PutCall.CALL, market.mid(), 110, ttm, sabrVol, 0, 0).delta();
      double atmDelta = BlackScholes.greeks(PutCall.CALL, market.mid(), 110, ttm, 0.2, 0, 0).delta();
      assertThat(sabrVol).isNotCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
      double optionDelta = event.getDelta() - event.getPositions().getOrDefault(SPY, 0.0);
      assertThat(optionDelta).isCloseTo(-sabrDelta * 1000, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(optionDelta).isNotCloseTo(-atmDelta * 1000, org.assertj.core.data.Offset.offset(1.0));
      assertThat(engine.drainOrders().get(0).getQuantity()).isEqualTo(Math.round(sabrDelta * 1000));
    }
  }
}
