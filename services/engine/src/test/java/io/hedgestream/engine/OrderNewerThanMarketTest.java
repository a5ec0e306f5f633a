package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine never decides at a market older than a client order: an order stamped after the symbol's
 * latest tick is booked and decided at the next tick (how a daily replay gets one decision per book per
 * day, at that day's close).
 */
class OrderNewerThanMarketTest {

  private static Instant day(int n) {
    return T0.plus(Duration.ofDays(n));
  }

  @Test
  void orderNewerThanTheLatestTickIsBookedAndDecidedAtTheNextTick() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1H")) {
      engine.tick(tick(day(0), 100));
      engine.order(clientBuysCalls("c1", 10, day(1)));

      assertThat(engine.drainOrders()).isEmpty();
      assertThat(engine.drainPnl()).isEmpty();

      engine.tick(tick(day(1), 104));

      List<HedgeOrder> orders = engine.drainOrders();
      assertThat(orders).singleElement()
          .satisfies(order -> assertThat(order.getEventTimeMicros()).isEqualTo(day(1)));
      assertThat(engine.drainPnl()).singleElement().satisfies(pnl -> {
        assertThat(pnl.getEventTimeMicros()).isEqualTo(day(1));
        assertThat(pnl.getSpot()).isEqualTo(104.0);
      });
    }
  }

  @Test
  void orderAtTheLatestTickTimeIsDecidedAtOnce() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1H")) {
      engine.tick(tick(day(0), 100));
      engine.order(clientBuysCalls("c1", 10, day(0)));

      assertThat(engine.drainOrders()).hasSize(1);
      assertThat(engine.drainPnl()).singleElement()
          .satisfies(pnl -> assertThat(pnl.getEventTimeMicros()).isEqualTo(day(0)));
    }
  }

  @Test
  void dailyReplayDecidesEachBookOncePerTickAtThatTick() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1H")) {
      double[] closes = {100, 101, 99, 102};
      for (int d = 0; d < closes.length; d++) {
        engine.order(clientBuysCalls("c" + d, 1, day(d)));
        engine.tick(tick(day(d), closes[d]));
        for (HedgeOrder order : engine.drainOrders()) {
          engine.fill(fillOf(order, order.getOrderId() + "-1", order.getQuantity(), closes[d], 0.0));
        }
        List<PnlEvent> pnl = engine.drainPnl();
        int today = d;
        assertThat(pnl).singleElement().satisfies(event -> {
          assertThat(event.getEventTimeMicros()).isEqualTo(day(today));
          assertThat(event.getSpot()).isEqualTo(closes[today]);
        });
      }
    }
  }
}
