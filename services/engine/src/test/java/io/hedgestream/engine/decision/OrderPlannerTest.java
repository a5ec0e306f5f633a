package io.hedgestream.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.Side;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.engine.state.PendingOrder;
import io.hedgestream.pricing.PutCall;
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

  @Test
  void optionSeriesTradeWholeContractsWithTheirTermsAndTheOrderLimitInOptionUnits() {
    BookState book = new BookState("b", "SPY");
    HedgeSeries series = HedgeSeries.of("SPY", "CALL_ATM_30D", PutCall.CALL, 100, 1_738_440_000_000_000L, 100);
    book.useSeries(series);
    book.bookFill(series.optionId(), 2, 3.0, 0, 3.0);
    OrderPlanner planner = new OrderPlanner(100);

    OrderPlanner.Plan plan = planner.place(book, TargetHoldings.of(series.optionId(), 40.4), LABEL,
        new HedgeLimits(1e6, 2_550));

    HedgeOrder order = plan.orders().get(0);
    assertThat(order.getInstrumentType()).isEqualTo(InstrumentType.OPTION);
    assertThat(order.getQuantity()).as("38 contracts wanted, clipped to floor(2550 / 100)").isEqualTo(25);
    assertThat(order.getOption().getStrike()).isEqualTo(100);
    assertThat(order.getOption().getMultiplier()).isEqualTo(100);
    assertThat(plan.notes()).singleElement().asString().contains("clipped");
    assertThat(planner.place(book, TargetHoldings.of(series.optionId(), 27.4), LABEL, LIMITS).orders())
        .as("27 contracts held or pending").isEmpty();
  }

  @Test
  void anOptionWhoseOneContractExceedsTheOrderLimitIsNotOrdered() {
    BookState book = new BookState("b", "SPY");
    HedgeSeries series = HedgeSeries.of("SPY", "CALL_ATM_30D", PutCall.CALL, 100, 1_738_440_000_000_000L, 100);
    book.useSeries(series);
    OrderPlanner.Plan plan = new OrderPlanner(1).place(book, TargetHoldings.of(series.optionId(), 3), LABEL,
        new HedgeLimits(1e6, 50));
    assertThat(plan.orders()).isEmpty();
    assertThat(plan.notes()).singleElement().asString().contains("one lot exceeds max-order-quantity");
  }
}
