package io.hedgestream.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.pricing.PutCall;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

  private static <T> T roundTrip(Serde<T> serde, T value) {
    byte[] bytes = serde.serializer().serialize("t", value);
    return serde.deserializer().deserialize("t", bytes);
  }

  static BookState richBook() {
    BookState book = new BookState("desk-é", "SPY");
    book.options().add(OptionPosition.open("SPY", PutCall.CALL, 452.5, 1_750_000_000_000_000L, 100, -10, 3.1415));
    book.options().add(OptionPosition.open("SPY", PutCall.PUT, 400, 1_760_000_000_000_000L, 10, 2.5, 0.1 + 0.2));
    book.bookPremium(2_500.000_000_1);
    book.bookFill("SPY", 523, 100.01, 1.25, 100.0);
    book.bookSettlement(-Math.PI);
    book.addPending(new PendingOrder("o1", "SPY", -17));
    book.addPending(new PendingOrder("o0", "SPY", 3));
    book.nextSequence();
    book.nextSequence();
    book.setLastDecisionMicros(1_736_000_000_123_456L);
    book.ledger().recordStep(10.5, -3.25, 52_300, 1e-300, 3);
    book.ledger().recordStep(-7, -4, 52_000, -17.5, 3);
    book.ledger().recordHedgeValues(Map.of("SPY", 52_000.0));
    book.recentClientOrders().add("c1");
    book.recentClientOrders().add("c2");
    book.recentFills().add("f1");
    return book;
  }

  @Test
  void bookStateRoundTripsExactly() {
    BookState book = richBook();
    BookState copy = roundTrip(StateSerdes.books(), book);

    assertThat(copy).isEqualTo(book);
    assertThat(copy.cash()).isEqualTo(book.cash());
    assertThat(copy.options().get(1).lastMark()).isEqualTo(0.1 + 0.2);
    assertThat(copy.ledger().recentStepPnl()).containsExactly(1e-300, -17.5);
    assertThat(copy.flows().executionCost()).isEqualTo(book.flows().executionCost());
    assertThat(copy.flows().hedgeCashByInstrument()).containsExactly(Map.entry("SPY", -523 * 100.0));
    assertThat(copy.flows().costsByInstrument()).isEqualTo(book.flows().costsByInstrument()).containsOnlyKeys("SPY");
    assertThat(copy.ledger().previousHedgeValueByInstrument()).containsExactly(Map.entry("SPY", 52_000.0));
    assertThat(copy.ledger().hedgeSplitKnown()).isTrue();
    assertThat(copy.pending().keySet()).containsExactly("o1", "o0");
    assertThat(copy.recentClientOrders().contains("c2")).isTrue();
    assertThat(StateSerdes.books().serializer().serialize("t", copy))
        .isEqualTo(StateSerdes.books().serializer().serialize("t", book));
  }

  @Test
  void emptyBookRoundTrips() {
    BookState book = new BookState("b", "QQQ");
    assertThat(roundTrip(StateSerdes.books(), book)).isEqualTo(book);
  }

  @Test
  void scheduleRoundTripsWithItsSentinels() {
    BookSchedule schedule = new BookSchedule("SPY");
    schedule.schedule("a", BookSchedule.NOW);
    schedule.schedule("b", BookSchedule.DORMANT);
    schedule.schedule("c", 42);
    BookSchedule copy = roundTrip(StateSerdes.schedules(), schedule);
    assertThat(copy).isEqualTo(schedule);
    assertThat(copy.dueAt(0)).containsExactly("a");
    assertThat(copy.dueAt(42)).containsExactly("a", "c");
  }

  @Test
  void controlStateRoundTripsNaNOverrides() {
    ControlState state = ControlState.NONE.withKilled(true, "k1").withLimits(Double.NaN, 250, "l1");
    ControlState copy = roundTrip(StateSerdes.controls(), state);
    assertThat(copy.killed()).isTrue();
    assertThat(copy.maxPosition()).isNaN();
    assertThat(copy.maxOrderQuantity()).isEqualTo(250);
    assertThat(copy.lastCommandId()).isEqualTo("l1");
  }

  @Test
  void truncatedOrForeignBytesFailLoudly() {
    byte[] bytes = StateSerdes.books().serializer().serialize("t", richBook());
    assertThatThrownBy(() -> StateSerdes.books().deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(SerializationException.class);
    byte[] future = bytes.clone();
    future[0] = 9;
    assertThatThrownBy(() -> StateSerdes.books().deserializer().deserialize("t", future))
        .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> StateSerdes.books().deserializer().deserialize("t", longer))
        .hasMessageContaining("trailing");
  }

  @Test
  void hedgeSeriesAndCurrentFamiliesRoundTrip() {
    BookState book = richBook();
    HedgeSeries series = HedgeSeries.of("SPY", "CALL_ATM_30D", PutCall.CALL, 452.5, 1_750_000_000_000_000L, 100);
    book.useSeries(series);
    book.bookFill(series.optionId(), 3, 2.5, 0.5, 2.4);

    BookState copy = roundTrip(StateSerdes.books(), book);

    assertThat(copy).isEqualTo(book);
    assertThat(copy.currentSeries("CALL_ATM_30D")).isEqualTo(series);
    assertThat(copy.holding(series.optionId())).isEqualTo(3);
    assertThat(copy.unitsPerQuantity(series.optionId())).isEqualTo(100);
  }

  /**
   * Bytes of richBook's per-instrument section, the layout's last: split-known flag (1), previous hedge values
   * {SPY} (4 + 4 + 3 + 8), hedge cash {SPY} (19), costs {SPY} (19).
   */
  private static final int RICH_BOOK_SPLIT_BYTES = 1 + 19 + 19 + 19;
  /** The released-orders section that ends the layout, with no order released: an empty count. */
  private static final int NO_RELEASED_BYTES = 4;

  @Test
  void releasedOrdersRoundTripAndABookWrittenBeforeThemReadsWithNone() {
    BookState book = richBook();
    byte[] before = StateSerdes.books().serializer().serialize("t", book);
    BookState old = StateSerdes.books().deserializer().deserialize("t",
        Arrays.copyOf(before, before.length - NO_RELEASED_BYTES));
    assertThat(old).isEqualTo(book);
    assertThat(old.releasedOrders()).isEmpty();

    PendingOrder order = new PendingOrder("o-1", "SPY-20260320-C-100", 300);
    book.addPending(order);
    book.releasePending(order, 100, "CANCELED CANCELED_BY_OMS");
    BookState copy = roundTrip(StateSerdes.books(), book);
    assertThat(copy).isEqualTo(book);
    assertThat(copy.releasedOrders()).containsEntry("o-1", "CANCELED CANCELED_BY_OMS");
    assertThat(copy.pendingQuantity("SPY-20260320-C-100")).as("only the fills in transit stay pending").isEqualTo(100);
  }

  @Test
  void aBookWrittenBeforeListedHedgesReadsWithNone() {
    BookState book = richBook();
    byte[] bytes = StateSerdes.books().serializer().serialize("t", book);
    // Before the split, the listed-hedge section (two empty counts, 8 bytes) ended the layout; before it, nothing.
    byte[] old = Arrays.copyOf(bytes, bytes.length - NO_RELEASED_BYTES - RICH_BOOK_SPLIT_BYTES - 8);

    BookState copy = StateSerdes.books().deserializer().deserialize("t", old);

    assertThat(copy.hedgeSeries()).isEmpty();
    assertThat(copy.holdings()).isEqualTo(book.holdings());
    assertThat(copy.cash()).isEqualTo(book.cash());
    assertThat(copy.ledger().cumulativePnl()).isEqualTo(book.ledger().cumulativePnl());
    assertThat(copy.ledger().hedgeSplitKnown()).isFalse();
  }

  @Test
  void aBookWrittenBeforeTheHedgeSplitRestoresWithItsNextSplitUnknown() {
    BookState book = richBook();
    byte[] bytes = StateSerdes.books().serializer().serialize("t", book);
    byte[] old = Arrays.copyOf(bytes, bytes.length - NO_RELEASED_BYTES - RICH_BOOK_SPLIT_BYTES);

    BookState copy = StateSerdes.books().deserializer().deserialize("t", old);

    assertThat(copy.holdings()).isEqualTo(book.holdings());
    assertThat(copy.flows().fillCash()).isEqualTo(book.flows().fillCash());
    assertThat(copy.flows().hedgeCashByInstrument()).isEmpty();
    assertThat(copy.ledger().previousHedgeValueByInstrument()).isEmpty();
    assertThat(copy.ledger().hedgeSplitKnown()).as("52,000 of hedges at the last step, split lost").isFalse();
    BookState rewritten = roundTrip(StateSerdes.books(), copy);
    assertThat(rewritten.ledger().hedgeSplitKnown()).as("unknown until a step is booked, across writes").isFalse();
    copy.ledger().recordHedgeValues(Map.of("SPY", 1.0));
    assertThat(copy.ledger().hedgeSplitKnown()).isTrue();
  }

  @Test
  void anUnhedgedBookWrittenBeforeTheHedgeSplitRestoresWithItsSplitKnown() {
    BookState book = new BookState("b", "SPY");
    book.bookPremium(2_500);
    book.ledger().recordStep(2_400, -100, 0, 2_400, 3);
    byte[] bytes = StateSerdes.books().serializer().serialize("t", book);
    // Split section: flag (1) and three empty maps (12), then the released orders.
    byte[] old = Arrays.copyOf(bytes, bytes.length - NO_RELEASED_BYTES - 13);

    BookState copy = StateSerdes.books().deserializer().deserialize("t", old);

    assertThat(copy).isEqualTo(book);
    assertThat(copy.ledger().hedgeSplitKnown()).as("no hedge value or flow to split").isTrue();
  }
}
