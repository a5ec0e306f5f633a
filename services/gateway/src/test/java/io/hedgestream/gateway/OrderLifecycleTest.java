package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event in every state of {@link OrderLifecycle}: the expected outcome is written out below, one row
 * per state, independently of the class's own transition table. An illegal event throws and changes
 * nothing; a legal one moves the order and reports quantities that add up.
 */
class OrderLifecycleTest {

  private static final Instant T = TestRecords.T0;
  private static final double QUANTITY = 10;

  /** The events a venue can report, in the column order of {@link #OUTCOMES}. */
  enum Event { ACK, PARTIAL_FILL, FULL_FILL, REJECT, CANCEL_REQUEST, CANCEL_REFUSED, CANCEL, EXPIRE }

  /** Row: the state (reached as {@link #reach} says), then the state each event leads to; "-" = illegal. */
  private static final String[][] OUTCOMES = {
      {"PENDING_NEW", "NEW", "-", "-", "REJECTED", "PENDING_CANCEL", "-", "CANCELED", "-"},
      {"NEW", "-", "PARTIALLY_FILLED", "FILLED", "REJECTED", "PENDING_CANCEL", "-", "CANCELED", "EXPIRED"},
      {"PARTIALLY_FILLED", "-", "PARTIALLY_FILLED", "FILLED", "-", "PENDING_CANCEL", "-", "CANCELED", "EXPIRED"},
      {"PENDING_CANCEL", "-", "PENDING_CANCEL", "FILLED", "-", "-", "NEW", "CANCELED", "EXPIRED"},
      {"PARTIAL_THEN_PENDING_CANCEL", "-", "PENDING_CANCEL", "FILLED", "-", "-", "PARTIALLY_FILLED", "CANCELED",
          "EXPIRED"},
      {"FILLED", "-", "-", "-", "-", "-", "-", "-", "-"},
      {"REJECTED", "-", "-", "-", "-", "-", "-", "-", "-"},
      {"CANCELED", "-", "-", "-", "-", "-", "-", "-", "-"},
      {"EXPIRED", "-", "-", "-", "-", "-", "-", "-", "-"},
  };

  static Stream<Arguments> everyEventInEveryState() {
    List<Arguments> cases = new ArrayList<>();
    for (String[] row : OUTCOMES) {
      for (Event event : Event.values()) {
        cases.add(Arguments.of(row[0], event, row[event.ordinal() + 1]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("everyEventInEveryState")
  void everyEventInEveryStateIsLegalOrRefused(String from, Event event, String expected) {
    OrderLifecycle order = reach(from);
    OrderState before = order.state();
    double filledBefore = order.cumulativeQuantity();
    if (expected.equals("-")) {
      assertThatThrownBy(() -> apply(order, event)).isInstanceOf(OrderLifecycle.IllegalTransition.class);
      assertThat(order.state()).as("unchanged").isEqualTo(before);
      assertThat(order.cumulativeQuantity()).isEqualTo(filledBefore);
      return;
    }
    OrderStatus status = apply(order, event);
    assertThat(status.getStatus()).isEqualTo(OrderState.valueOf(expected));
    assertThat(order.state()).isEqualTo(status.getStatus());
    assertThat(OrderLifecycle.legal(before, status.getStatus())).isTrue();
    assertThat(status.getOrderQuantity()).isEqualTo(QUANTITY);
    if (OrderLifecycle.isFinal(status.getStatus())) {
      assertThat(status.getLeavesQuantity()).as("nothing works after a final state").isZero();
    } else {
      assertThat(status.getCumulativeQuantity() + status.getLeavesQuantity()).isEqualTo(QUANTITY);
    }
  }

  @Test
  void theTableAllowsNoMoveIntoPendingNewAndNoneOutOfAFinalState() {
    for (OrderState from : OrderState.values()) {
      assertThat(OrderLifecycle.legal(from, OrderState.PENDING_NEW)).as("%s -> PENDING_NEW", from).isFalse();
    }
    for (OrderState last : List.of(OrderState.FILLED, OrderState.REJECTED, OrderState.CANCELED,
        OrderState.EXPIRED)) {
      assertThat(OrderLifecycle.isFinal(last)).isTrue();
      for (OrderState to : OrderState.values()) {
        assertThat(OrderLifecycle.legal(last, to)).as("%s -> %s", last, to).isFalse();
      }
    }
  }

  @Test
  void anOverfillOrAnAbsurdFillIsRefusedAndChangesNothing() {
    OrderLifecycle order = reach("PARTIALLY_FILLED");
    assertThatThrownBy(() -> order.fill(QUANTITY, 100, T)).isInstanceOf(OrderLifecycle.IllegalTransition.class)
        .hasMessageContaining("overfills");
    assertThatThrownBy(() -> order.fill(Double.NaN, 100, T)).isInstanceOf(OrderLifecycle.IllegalTransition.class);
    assertThatThrownBy(() -> order.fill(1, -1, T)).isInstanceOf(OrderLifecycle.IllegalTransition.class);
    assertThatThrownBy(() -> order.fill(-1, 100, T)).isInstanceOf(OrderLifecycle.IllegalTransition.class);
    assertThat(order.state()).isEqualTo(OrderState.PARTIALLY_FILLED);
    assertThat(order.cumulativeQuantity()).isEqualTo(4);
  }

  @Test
  void partialFillsReportTheirCumulativeQuantityAndAveragePrice() {
    OrderLifecycle order = new OrderLifecycle(TestRecords.order("o", "ACME", Side.BUY, QUANTITY), "paper");
    order.acknowledge("v-1", T);
    OrderStatus first = order.fill(4, 100, T);
    assertThat(first.getCumulativeQuantity()).isEqualTo(4);
    assertThat(first.getLeavesQuantity()).isEqualTo(6);
    assertThat(first.getAveragePrice()).isEqualTo(100);
    OrderStatus last = order.fill(6, 105, T.plusSeconds(1));
    assertThat(last.getStatus()).isEqualTo(OrderState.FILLED);
    assertThat(last.getAveragePrice()).isEqualTo(103);
    assertThat(last.getVenueOrderId()).isEqualTo("v-1");
    assertThat(last.getEventTimeMicros()).isEqualTo(T.plusSeconds(1));
  }

  /** A fresh order of {@link #QUANTITY} driven into {@code state}. */
  private static OrderLifecycle reach(String state) {
    OrderLifecycle order = new OrderLifecycle(TestRecords.order("o", "ACME", Side.BUY, QUANTITY), "paper");
    switch (state) {
      case "PENDING_NEW" -> { }
      case "NEW" -> order.acknowledge(null, T);
      case "PARTIALLY_FILLED" -> {
        order.acknowledge(null, T);
        order.fill(4, 100, T);
      }
      case "PENDING_CANCEL" -> {
        order.acknowledge(null, T);
        order.cancelRequested(T);
      }
      case "PARTIAL_THEN_PENDING_CANCEL" -> {
        order.acknowledge(null, T);
        order.fill(4, 100, T);
        order.cancelRequested(T);
      }
      case "FILLED" -> {
        order.acknowledge(null, T);
        order.fill(QUANTITY, 100, T);
      }
      case "REJECTED" -> order.reject("NO_MARKET", "no quote", T);
      case "CANCELED" -> {
        order.acknowledge(null, T);
        order.canceled("CANCELED_BY_OMS", "desk", T);
      }
      case "EXPIRED" -> {
        order.acknowledge(null, T);
        order.expired("DAY", "end of day", T);
      }
      default -> throw new IllegalArgumentException(state);
    }
    return order;
  }

  /** Applies {@code event}; a partial fill is 1 unit (never completes from any state reached above). */
  private static OrderStatus apply(OrderLifecycle order, Event event) {
    return switch (event) {
      case ACK -> order.acknowledge(null, T);
      case PARTIAL_FILL -> order.fill(1, 100, T);
      case FULL_FILL -> order.fill(QUANTITY - order.cumulativeQuantity(), 100, T);
      case REJECT -> order.reject("X", "x", T);
      case CANCEL_REQUEST -> order.cancelRequested(T);
      case CANCEL_REFUSED -> order.cancelRefused("TOO_LATE", "x", T);
      case CANCEL -> order.canceled("X", "x", T);
      case EXPIRE -> order.expired("X", "x", T);
    };
  }
}
