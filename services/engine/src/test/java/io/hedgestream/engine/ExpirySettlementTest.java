package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.EXPIRY;
import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpirySettlementTest {

  /**
   * A long interval, so only the expiry itself can trigger the decision at EXPIRY; the next tick comes at
   * expiry, a month on, and later ones months apart (beyond the default engine.input.max-event-lead).
   */
  private static EngineDriver engine() {
    return EngineDriver.create("engine.decision.interval", "P60D", "engine.input.max-event-lead", "P365D");
  }

  private static HedgeOrder hedgeAndFill(EngineDriver engine) {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
    HedgeOrder order = engine.drainOrders().get(0);
    engine.fill(fillOf(order, "f1", order.getQuantity(), 100, 0));
    return order;
  }

  @Test
  void inTheMoneyCallIsCashSettledAtIntrinsicAndHedgesAreFlattened() {
    try (EngineDriver engine = engine()) {
      HedgeOrder hedge = hedgeAndFill(engine);
      PnlEvent before = engine.drainPnl().get(0);
      double units = hedge.getQuantity();

      engine.tick(tick(EXPIRY, 110));

      PnlEvent settled = engine.drainPnl().get(0);
      double cash = 2500 - units * 100 - 10 * 100 * (110 - 100);
      assertThat(settled.getMarkToMarket()).isCloseTo(cash + units * 110, within(1e-9));
      assertThat(settled.getOptionPnl())
          .isCloseTo(-10 * 100 * 10.0 - (before.getMarkToMarket() - 2500), within(1e-9));
      assertThat(settled.getPositions()).containsOnlyKeys(SPY);
      assertThat(settled.getDelta()).isEqualTo(units);
      assertThat(settled.getGamma()).isZero();
      assertThat(settled.getReason()).startsWith("EXPIRY").contains("settled SPY-20250201-C-100");
      List<HedgeOrder> unwind = engine.drainOrders();
      assertThat(unwind).singleElement().satisfies(order -> {
        assertThat(order.getReason()).isEqualTo(HedgeReason.EXPIRY);
        assertThat(order.getSide()).isEqualTo(Side.SELL);
        assertThat(order.getQuantity()).isEqualTo(units);
      });
    }
  }

  @Test
  void outOfTheMoneyCallExpiresWorthlessAndTheShortKeepsItsValue() {
    try (EngineDriver engine = engine()) {
      HedgeOrder hedge = hedgeAndFill(engine);
      PnlEvent before = engine.drainPnl().get(0);
      double optionValueBefore = before.getMarkToMarket() - 2500;

      engine.tick(tick(EXPIRY, 90));

      PnlEvent settled = engine.drainPnl().get(0);
      double units = hedge.getQuantity();
      assertThat(settled.getOptionPnl()).isCloseTo(-optionValueBefore, within(1e-9));
      assertThat(settled.getMarkToMarket()).isCloseTo(2500 - units * 100 + units * 90, within(1e-9));
      assertThat(settled.getPositions()).doesNotContainKey("SPY-20250201-C-100");
    }
  }

  @Test
  void inTheMoneyPutSoldByTheClientIsReceivedByTheDesk() {
    try (EngineDriver engine = engine()) {
      engine.tick(tick(T0, 100));
      engine.order(Samples.orderBuilder("p1", OptionType.PUT, 100, -4, T0).setPremium(3).build());
      engine.drainPnl();
      engine.drainOrders();

      engine.tick(tick(EXPIRY, 95));

      PnlEvent settled = engine.drainPnl().get(0);
      double premiumPaid = -3 * 4 * 100;
      double settlement = 4 * 100 * 5.0;
      assertThat(settled.getMarkToMarket()).isCloseTo(premiumPaid + settlement, within(1e-9));
      assertThat(settled.getReason()).contains("settled SPY-20250201-P-100 x4.0 at intrinsic 5.0");
    }
  }

  @Test
  void aFlatBookStopsDecidingUntilANewTradeArrives() {
    try (EngineDriver engine = engine()) {
      HedgeOrder hedge = hedgeAndFill(engine);
      engine.tick(tick(EXPIRY, 110));
      HedgeOrder unwind = engine.drainOrders().get(0);
      engine.fill(fillOf(unwind, "f2", hedge.getQuantity(), 110, 0));
      engine.drainPnl();

      engine.tick(tick(EXPIRY.plusSeconds(61 * 86_400L), 111));
      assertThat(engine.drainPnl()).as("one last step sees the book flat").hasSize(1);
      engine.tick(tick(EXPIRY.plusSeconds(200 * 86_400L), 112));
      assertThat(engine.drainPnl()).as("then the book is dormant").isEmpty();
    }
  }
}
