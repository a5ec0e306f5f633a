package io.hedgestream.replay.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.replay.ReplayEvent;
import io.hedgestream.replay.ReplayTimeline;
import io.hedgestream.replay.SyntheticMarket;
import io.hedgestream.replay.flow.FlowSettings;
import io.hedgestream.replay.flow.HirmRollFlow;
import io.hedgestream.replay.ticks.SessionClock;
import io.hedgestream.replay.ticks.TickSettings;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A window keeps its dates, orders come just before their close tick, and a segment's end flattens the flow. */
class ReplayTimelineTest {

  private final List<MarketTick> ticks =
      SyntheticMarket.ticks(LocalDate.of(2018, 1, 1), 80, new TickSettings("SPY", 1, false)).ticks();

  @Test
  void calmWindowLeavesOutVolmageddonAndLateTwentyEighteen() {
    ReplayWindow calm = NamedWindows.CALM_2017_2019;
    assertThat(calm.segments()).extracting(DateRange::toString)
        .containsExactly("2017-01-01..2018-01-31", "2018-04-01..2018-09-30", "2019-01-01..2019-12-31");
    assertThat(calm.contains(LocalDate.of(2018, 2, 5))).isFalse();
    assertThat(calm.contains(LocalDate.of(2018, 11, 5))).isFalse();
    assertThat(calm.contains(LocalDate.of(2019, 11, 5))).isTrue();
  }

  @Test
  void ordersComeJustBeforeTheirCloseTickWithItsEventTime() {
    ReplayTimeline timeline = ReplayTimeline.of(ticks, NamedWindows.VOLMAGEDDON_2018,
        new HirmRollFlow(FlowSettings.hirm("SPY")));
    assertThat(timeline.ticks()).hasSize(42); // the synthetic market trades every weekday of Feb-Mar 2018
    assertThat(timeline.orders()).hasSize(2 * 42 - 1);
    List<ReplayEvent> events = timeline.events();
    assertThat(events.get(0).isTick()).isFalse();
    assertThat(events.get(events.size() - 1).isTick()).isTrue();
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).eventMicros()).isGreaterThanOrEqualTo(events.get(i - 1).eventMicros());
      if (!events.get(i - 1).isTick()) {
        assertThat(events.get(i).eventMicros()).isEqualTo(events.get(i - 1).eventMicros());
      }
    }
  }

  @Test
  void warmUpPublishesTheTradingDaysBeforeTheWindowWithoutOrders() {
    ReplayTimeline plain = ReplayTimeline.of(ticks, NamedWindows.VOLMAGEDDON_2018,
        new HirmRollFlow(FlowSettings.hirm("SPY")));
    ReplayTimeline warm = ReplayTimeline.of(ticks, NamedWindows.VOLMAGEDDON_2018,
        new HirmRollFlow(FlowSettings.hirm("SPY")), 5);
    assertThat(warm.warmupTicks()).isEqualTo(5);
    assertThat(warm.warmupDays()).isEqualTo(5);
    List<ReplayEvent> leading = warm.events().subList(0, 5);
    assertThat(leading).allMatch(ReplayEvent::isTick);
    assertThat(leading.stream().map(e -> SessionClock.dateOf(e.eventMicros())).toList())
        .containsExactly(LocalDate.of(2018, 1, 25), LocalDate.of(2018, 1, 26), LocalDate.of(2018, 1, 29),
            LocalDate.of(2018, 1, 30), LocalDate.of(2018, 1, 31));
    assertThat(warm.events().subList(5, warm.events().size())).isEqualTo(plain.events());
    assertThat(warm.orders()).isEqualTo(plain.orders());
  }

  @Test
  void warmUpLongerThanTheDataBeforeTheWindowTakesWhatThereIs() {
    ReplayTimeline warm = ReplayTimeline.of(ticks, NamedWindows.VOLMAGEDDON_2018,
        new HirmRollFlow(FlowSettings.hirm("SPY")), 1_000);
    assertThat(warm.warmupDays()).isEqualTo(23); // the weekdays of January 2018
    assertThat(ReplayTimeline.of(ticks, NamedWindows.VOLMAGEDDON_2018, new HirmRollFlow(FlowSettings.hirm("SPY")), 0)
        .warmupTicks()).isZero();
  }

  @Test
  void segmentEndClosesTheRollSoNothingSpansTheGap() {
    ReplayWindow split = new ReplayWindow("split", new DateRange(LocalDate.of(2018, 1, 1), LocalDate.of(2018, 3, 31)),
        List.of(new DateRange(LocalDate.of(2018, 2, 1), LocalDate.of(2018, 2, 28))));
    ReplayTimeline timeline = ReplayTimeline.of(ticks, split, new HirmRollFlow(FlowSettings.hirm("SPY")));
    double netAtGap = timeline.events().stream().filter(e -> !e.isTick())
        .filter(e -> e.order().getEventTimeMicros().isBefore(java.time.Instant.parse("2018-02-15T00:00:00Z")))
        .mapToDouble(e -> e.order().getQuantity()).sum();
    assertThat(netAtGap).isZero();
    assertThat(timeline.orders().stream().mapToDouble(o -> o.getQuantity()).sum()).isEqualTo(1.0);
  }
}
