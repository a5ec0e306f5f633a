package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.schemas.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

  @Test
  void theSameClientOrderTwiceBooksOnePosition() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      engine.order(clientBuysCalls("c1", 10, T0));

      assertThat(engine.drainOrders()).hasSize(1);
      List<PnlEvent> steps = engine.drainPnl();
      assertThat(steps).hasSize(1);
      assertThat(steps.get(0).getPositions()).containsEntry("SPY-20250201-C-100", -10.0);
      assertThat(engine.deadLetters(Topics.ORDERS_CLIENT).isEmpty()).as("replays are not dead letters").isTrue();

      engine.tick(tick(minutes(1), 100));
      assertThat(engine.drainPnl().get(0).getMarkToMarket()).as("premium booked once")
          .isCloseTo(steps.get(0).getMarkToMarket(), org.assertj.core.data.Offset.offset(50.0));
    }
  }

  @Test
  void twoClientOrdersOnTheSameContractNet() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      engine.order(clientBuysCalls("c2", -4, T0));

      List<PnlEvent> steps = engine.drainPnl();
      assertThat(steps.get(1).getPositions()).containsEntry("SPY-20250201-C-100", -6.0);
    }
  }

  @Test
  void theSameFillTwiceIsBookedOnce() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      HedgeOrder order = engine.drainOrders().get(0);
      engine.fill(fillOf(order, "f1", 100, 100, 0));
      engine.fill(fillOf(order, "f1", 100, 100, 0));
      engine.tick(tick(minutes(1), 100));

      assertThat(engine.drainPnl()).last().satisfies(pnl -> assertThat(pnl.getPositions()).containsEntry(SPY, 100.0));
      assertThat(engine.deadLetters(Topics.FILLS_HEDGE).isEmpty()).isTrue();
    }
  }

  @Test
  void replayingTheSameInputYieldsTheSameOrderIds() {
    List<HedgeOrder> first = replay();
    List<HedgeOrder> second = replay();

    assertThat(first).hasSizeGreaterThan(5);
    assertThat(second).extracting(HedgeOrder::getOrderId).containsExactlyElementsOf(
        first.stream().map(HedgeOrder::getOrderId).toList());
    assertThat(second).isEqualTo(first);
    assertThat(first).extracting(HedgeOrder::getOrderId).doesNotHaveDuplicates();
  }

  private static List<HedgeOrder> replay() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      return HedgingRun.random(engine, 3, 120).orders();
    }
  }
}
