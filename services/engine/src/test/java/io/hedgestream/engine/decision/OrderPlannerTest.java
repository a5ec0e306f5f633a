package io.hedgestream.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.Side;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.PendingOrder;
import org.junit.jupiter.api.Test;

class OrderPlannerTest {

  private static final HedgeLimits LIMITS = new HedgeLimits(1e6, 1e5);
  private static final OrderPlanner.DecisionLabel LABEL =
      new OrderPlanner.DecisionLabel("b:SPY:7", HedgeReason.POLICY, "v", 0);

  @Test
  void orderIsTargetMinusHoldingMinusPendingRoundedToLots() {
    BookState book = new BookState("b", "SPY");
    book.bookFill("SPY", 300, 100, 0, 100);
    book.addPending(new PendingOrder("old", "SPY", 120));
    OrderPlanner planner = new OrderPlanner(100);

    OrderPlanner.Plan plan = planner.place(book, TargetHoldings.of("SPY", 1_000), LABEL, LIMITS);

    HedgeOrder order = plan.orders().get(0);
    assertThat(order.getQuantity()).isEqualTo(600);
    assertThat(order.getSide()).isEqualTo(Side.BUY);
    assertThat(order.getOrderId()).isEqualTo("b:SPY:7:SPY");
    assertThat(book.pendingQuantity("SPY")).isEqualTo(720);
  }

  @Test
  void lessThanHalfALotSendsNothing() {
    BookState book = new BookState("b", "SPY");
    OrderPlanner planner = new OrderPlanner(100);
    assertThat(planner.place(book, TargetHoldings.of("SPY", 49.9), LABEL, LIMITS).orders()).isEmpty();
    assertThat(planner.place(book, TargetHoldings.of("SPY", -50), LABEL, LIMITS).orders())
        .singleElement().satisfies(order -> {
          assertThat(order.getSide()).isEqualTo(Side.SELL);
          assertThat(order.getQuantity()).isEqualTo(100);
        });
  }

  @Test
  void roundsHalvesAwayFromZero() {
    OrderPlanner planner = new OrderPlanner(1);
    assertThat(planner.roundToLots(2.5)).isEqualTo(3);
    assertThat(planner.roundToLots(-2.5)).isEqualTo(-3);
    assertThat(planner.roundToLots(0.49)).isZero();
  }

  @Test
  void ordersAboveTheLimitAreClippedToWholeLotsAndNoted() {
    BookState book = new BookState("b", "SPY");
    OrderPlanner planner = new OrderPlanner(10);
    OrderPlanner.Plan plan = planner.place(book, TargetHoldings.of("SPY", -1_000), LABEL, new HedgeLimits(1e6, 255));
    assertThat(plan.orders().get(0).getQuantity()).isEqualTo(250);
    assertThat(plan.notes()).singleElement().asString().contains("clipped");
  }
}
