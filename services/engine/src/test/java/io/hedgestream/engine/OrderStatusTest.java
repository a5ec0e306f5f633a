package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.Side;
import io.hedgestream.engine.journal.ChronicleDecisionJournal;
import io.hedgestream.engine.journal.DecisionRecord;
import io.hedgestream.engine.journal.JournalReader;
import io.hedgestream.engine.journal.JournalText;
import io.hedgestream.engine.journal.JournaledDecision;
import io.hedgestream.engine.policy.HedgePolicies;
import io.hedgestream.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orders.status} into the engine: a hedge order its venue rejects, cancels or expires no longer
 * blocks its book. The unfilled rest is released, the next decision hedges it again, and the next PnL event
 * names the order; fills the venue reported before the release are still booked when they arrive.
 */
class OrderStatusTest {

  private EngineDriver engine;

  @BeforeEach
  void start() {
    engine = EngineDriver.create("engine.decision.interval", "PT1M");
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aPendingOrderBlocksItsBookUntilItsVenueAnswers() {
    HedgeOrder first = hedgeTenCalls();
    engine.tick(tick(minutes(1), 100));
    assertThat(engine.drainOrders()).as("the pending order already covers the delta").isEmpty();
    engine.status(status(first, OrderState.NEW, 0, null, minutes(1)));
    engine.tick(tick(minutes(2), 100));
    assertThat(engine.drainOrders()).as("a NEW order is still working").isEmpty();
    assertThat(engine.drainPnl()).allSatisfy(pnl -> assertThat(pnl.getReleasedOrders()).isEmpty());
  }

  @Test
  void aRejectedOrderNoLongerBlocksItsBook() {
    HedgeOrder first = hedgeTenCalls();
    engine.status(status(first, OrderState.REJECTED, 0, "NO_MARKET", T0));
    engine.tick(tick(minutes(1), 100));

    List<HedgeOrder> again = engine.drainOrders();
    assertThat(again).as("the book hedges again").hasSize(1);
    assertThat(again.get(0).getQuantity()).isEqualTo(first.getQuantity());
    assertThat(again.get(0).getSide()).isEqualTo(first.getSide());
    assertThat(again.get(0).getOrderId()).isNotEqualTo(first.getOrderId());
    List<PnlEvent> pnl = engine.drainPnl();
    assertThat(pnl.get(pnl.size() - 1).getReleasedOrders())
        .containsExactly(java.util.Map.entry(first.getOrderId(), "REJECTED NO_MARKET"));

    engine.tick(tick(minutes(2), 100));
    assertThat(engine.drainPnl()).last().satisfies(next -> assertThat(next.getReleasedOrders())
        .as("reported once").isEmpty());
  }

  @Test
  void theDecisionJournalShowsTheReleasedOrderAtTheNextDecision(@TempDir Path journalDir) {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M");
    try (ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(journalDir);
        EngineDriver journaled = EngineDriver.create(config, HedgePolicies.named(config.policyName()), journal)) {
      engine.close();
      engine = journaled;
      HedgeOrder first = hedgeTenCalls();
      engine.status(status(first, OrderState.EXPIRED, 0, "DAY", T0));
      engine.tick(tick(minutes(1), 100));
    }
    List<DecisionRecord> records = JournalReader.readAll(journalDir).stream().map(JournaledDecision::record).toList();
    assertThat(records).hasSize(2);
    assertThat(records.get(0).releasedOrders()).isEmpty();
    assertThat(records.get(1).releasedOrders()).hasSize(1).containsValue("EXPIRED DAY");
    assertThat(records.get(1).orders()).as("the re-hedge").hasSize(1);
    assertThat(JournalText.format(JournalReader.readAll(journalDir).get(1))).contains("released by the venue");
    engine = EngineDriver.create("engine.decision.interval", "PT1M");
  }

  @Test
  void aCanceledOrderKeepsTheFillsItsVenueReportedBeforeTheCancel() {
    HedgeOrder first = hedgeTenCalls();
    double half = Math.floor(first.getQuantity() / 2);
    engine.status(status(first, OrderState.CANCELED, half, "CANCELED_BY_OMS", T0));
    engine.fill(fillOf(first, "half", half, 100, 0));
    assertThat(engine.deadLetters(Topics.FILLS_HEDGE).readValuesToList()).as("the fill in transit is booked")
        .isEmpty();

    engine.tick(tick(minutes(1), 100));
    List<HedgeOrder> again = engine.drainOrders();
    assertThat(again).as("the canceled rest is hedged again").hasSize(1);
    assertThat(again.get(0).getQuantity()).isEqualTo(first.getQuantity() - half);
    assertThat(engine.drainPnl()).last().satisfies(pnl -> {
      assertThat(pnl.getPositions()).containsEntry(SPY, half);
      assertThat(pnl.getReleasedOrders()).containsEntry(first.getOrderId(), "CANCELED CANCELED_BY_OMS");
    });
  }

  @Test
  void aRepeatedOrUnknownStatusChangesNothing() {
    HedgeOrder first = hedgeTenCalls();
    engine.status(status(first, OrderState.EXPIRED, 0, null, T0));
    engine.status(status(first, OrderState.EXPIRED, 0, null, T0));
    OrderStatus stranger = OrderStatus.newBuilder(status(first, OrderState.REJECTED, 0, null, T0))
        .setOrderId("not-ours").build();
    engine.status(stranger);
    engine.tick(tick(minutes(1), 100));
    assertThat(engine.drainOrders()).as("released once: one new order").hasSize(1);
    assertThat(engine.deadLetters(Topics.ORDERS_STATUS).readValuesToList()).isEmpty();
  }

  @Test
  void aStatusThatContradictsThePendingOrderIsDeadLettered() {
    HedgeOrder first = hedgeTenCalls();
    Side other = first.getSide() == Side.BUY ? Side.SELL : Side.BUY;
    engine.status(OrderStatus.newBuilder(status(first, OrderState.REJECTED, 0, null, T0)).setSide(other).build());
    assertDeadLetter("STATUS_MISMATCH");
    engine.tick(tick(minutes(1), 100));
    assertThat(engine.drainOrders()).as("the order stays pending").isEmpty();
  }

  @Test
  void anImpossibleStatusIsDeadLettered() {
    HedgeOrder first = hedgeTenCalls();
    engine.status(status(first, OrderState.CANCELED, first.getQuantity() * 2, null, T0));
    assertDeadLetter("OVERFILL");
    engine.status(OrderStatus.newBuilder(status(first, OrderState.CANCELED, 0, null, T0)).setLeavesQuantity(-1)
        .build());
    assertDeadLetter("INVALID_QUANTITY");
    engine.status(OrderStatus.newBuilder(status(first, OrderState.CANCELED, 0, null, T0)).setAveragePrice(Double.NaN)
        .build());
    assertDeadLetter("INVALID_PRICE");
    engine.tick(tick(minutes(1), 100));
    assertThat(engine.drainOrders()).as("nothing was released").isEmpty();
  }

  /** The desk sells 10 calls at T0; the engine's one hedge order. */
  private HedgeOrder hedgeTenCalls() {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
    List<HedgeOrder> orders = engine.drainOrders();
    assertThat(orders).hasSize(1);
    return orders.get(0);
  }

  private void assertDeadLetter(String code) {
    List<DeadLetter> dead = engine.deadLetters(Topics.ORDERS_STATUS).readValuesToList();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).getErrorType()).isEqualTo(code);
  }

  private static OrderStatus status(HedgeOrder order, OrderState state, double cumulative, String reason,
      Instant time) {
    boolean live = state == OrderState.NEW || state == OrderState.PARTIALLY_FILLED
        || state == OrderState.PENDING_NEW || state == OrderState.PENDING_CANCEL;
    return OrderStatus.newBuilder()
        .setOrderId(order.getOrderId())
        .setBook(order.getBook())
        .setSymbol(order.getSymbol())
        .setInstrument(order.getInstrument())
        .setSide(order.getSide())
        .setStatus(state)
        .setOrderQuantity(order.getQuantity())
        .setCumulativeQuantity(cumulative)
        .setLeavesQuantity(live ? order.getQuantity() - cumulative : 0)
        .setAveragePrice(cumulative > 0 ? 100.0 : null)
        .setVenue("test")
        .setReasonCode(reason)
        .setReasonText(reason == null ? null : "test " + reason)
        .setEventTimeMicros(time)
        .build();
  }
}
