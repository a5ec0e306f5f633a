package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.command;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.Side;
import io.hedgestream.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlCommandTest {

  private static HedgeOrder hedgedBook(EngineDriver engine) {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
    HedgeOrder order = engine.drainOrders().get(0);
    engine.fill(fillOf(order, "f1", order.getQuantity(), 100, 0));
    engine.drainPnl();
    return order;
  }

  @Test
  void killSwitchFlattensAtOnceAndStopsPolicyOrdersUntilResume() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      HedgeOrder hedge = hedgedBook(engine);

      engine.control(SPY, command("k1", ControlCommand.KILL_SWITCH, Map.of()));

      HedgeOrder flatten = engine.drainOrders().get(0);
      assertThat(flatten.getReason()).isEqualTo(HedgeReason.KILL);
      assertThat(flatten.getSide()).isEqualTo(Side.SELL);
      assertThat(flatten.getQuantity()).isEqualTo(hedge.getQuantity());
      assertThat(engine.drainPnl()).singleElement()
          .satisfies(pnl -> assertThat(pnl.getReason()).startsWith("KILL"));
      engine.fill(fillOf(flatten, "f2", flatten.getQuantity(), 100, 0));

      for (int minute = 1; minute <= 5; minute++) {
        engine.tick(tick(minutes(minute), 100 + 3 * minute));
      }
      assertThat(engine.drainOrders()).as("no orders while killed, however far the market moves").isEmpty();
      List<PnlEvent> killedSteps = engine.drainPnl();
      assertThat(killedSteps).hasSize(5).allSatisfy(pnl -> assertThat(pnl.getReason()).startsWith("KILL"));
      assertThat(killedSteps.get(4).getPositions()).doesNotContainKey(SPY);

      engine.control(SPY, command("r1", ControlCommand.RESUME, Map.of()));
      engine.tick(tick(minutes(6), 115));
      assertThat(engine.drainOrders()).singleElement().satisfies(order -> {
        assertThat(order.getReason()).isEqualTo(HedgeReason.POLICY);
        assertThat(order.getSide()).isEqualTo(Side.BUY);
      });
    }
  }

  @Test
  void killSwitchForAllSymbolsReachesEveryBook() {
    try (EngineDriver engine = EngineDriver.create()) {
      hedgedBook(engine);
      engine.tick(Samples.tickBuilder("QQQ", T0, 400).build());
      engine.order(Samples.orderBuilder("q1", io.hedgestream.avro.OptionType.CALL, 400, 3, T0).setSymbol("QQQ")
          .build());
      HedgeOrder qqq = engine.drainOrders().get(0);
      engine.fill(fillOf(qqq, "fq", qqq.getQuantity(), 400, 0));

      engine.control("*", command("k-all", ControlCommand.KILL_SWITCH, Map.of()));

      List<HedgeOrder> flatten = engine.drainOrders();
      assertThat(flatten).extracting(HedgeOrder::getSymbol).containsExactlyInAnyOrder(SPY, "QQQ");
      assertThat(flatten).allSatisfy(order -> assertThat(order.getReason()).isEqualTo(HedgeReason.KILL));
    }
  }

  @Test
  void aKilledBookTakesNewClientTradesWithoutHedgingThem() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.control("*", command("k1", ControlCommand.KILL_SWITCH, Map.of()));
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));

      assertThat(engine.drainOrders()).isEmpty();
      assertThat(engine.drainPnl()).singleElement()
          .satisfies(pnl -> assertThat(pnl.getPositions()).containsEntry("SPY-20250201-C-100", -10.0));
    }
  }

  @Test
  void setLimitsClipsOrdersAndSaysSo() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.control(SPY, command("l1", ControlCommand.SET_LIMITS, Map.of("maxOrderQuantity", 100.0)));
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));

      assertThat(engine.drainOrders()).singleElement()
          .satisfies(order -> assertThat(order.getQuantity()).isEqualTo(100));
      assertThat(engine.drainPnl().get(0).getReason()).contains("clipped to max-order-quantity 100.0");
    }
  }

  @Test
  void aTargetBeyondTheMaxPositionFallsBackToTheClampedDeltaHedge() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.control("*", command("l1", ControlCommand.SET_LIMITS, Map.of("maxPosition", 50.0)));
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));

      assertThat(engine.drainOrders()).singleElement().satisfies(order -> {
        assertThat(order.getQuantity()).isEqualTo(50);
        assertThat(order.getReason()).isEqualTo(HedgeReason.FALLBACK);
      });
      assertThat(engine.drainPnl().get(0).getReason()).startsWith("FALLBACK").contains("exceeds max-position 50.0");
    }
  }

  @Test
  void anActivationWithoutAModelPathIsDeadLetteredAndTheNextCommandStillApplies() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.control(SPY, command("m1", ControlCommand.ACTIVATE_MODEL, Map.of()));

      DeadLetter dead = engine.deadLetters(Topics.POLICY_CONTROL).readValue();
      assertThat(dead.getErrorType()).isEqualTo("MODEL_REFUSED");
      assertThat(dead.getError()).contains("without modelPath");
      assertThat(dead.getSourceTopic()).isEqualTo(Topics.POLICY_CONTROL.name());

      engine.control(SPY, command("l1", ControlCommand.SET_LIMITS, Map.of("maxOrderQuantity", 7.0)));
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      assertThat(engine.drainOrders()).as("the next command is applied")
          .singleElement().satisfies(order -> assertThat(order.getQuantity()).isEqualTo(7));
    }
  }
}
