package io.hedgestream.replay.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.replay.SyntheticMarket;
import io.hedgestream.replay.ticks.TickSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HIRM roll keeps exactly one ATM 60-day call open and closes each one on the next close. */
class HirmRollFlowTest {

  private final FlowSettings settings = FlowSettings.hirm("SPY");

  @Test
  void afterEachCloseExactlyOneAtmSixtyDayCallIsOpen() {
    HirmRollFlow flow = new HirmRollFlow(settings);
    for (MarketTick close : closes(30)) {
      List<ClientOrder> orders = flow.atClose(close, false);
      assertThat(flow.openOptions()).hasSize(1);
      OptionSpec open = flow.openOptions().get(0);
      assertThat(open.getStrike()).isEqualTo(close.getLast());
      // 60 calendar days to the 16:00 New York close (59 days 23 hours across the March DST change)
      assertThat(java.time.temporal.ChronoUnit.DAYS.between(date(close.getEventTimeMicros()),
          date(open.getExpiryMicros()))).isEqualTo(60);
      ClientOrder opening = orders.get(orders.size() - 1);
      assertThat(opening.getQuantity()).isEqualTo(1.0);
      assertThat(opening.getOption().getMultiplier()).isEqualTo(100.0);
      assertThat(opening.getEventTimeMicros()).isEqualTo(close.getEventTimeMicros());
      assertThat(opening.getPremium()).isEqualTo(BlackScholes.price(PutCall.CALL, close.getLast(), close.getLast(),
          Duration.between(close.getEventTimeMicros(), open.getExpiryMicros()).toSeconds() / (365 * 86_400.0), 0.20,
          close.getRate(), 0), within(1e-9));
    }
  }

  @Test
  void closingOrdersMatchTheContractsOpenedTheCloseBefore() {
    HirmRollFlow flow = new HirmRollFlow(settings);
    Map<OptionSpec, Double> net = new HashMap<>();
    List<ClientOrder> all = new ArrayList<>();
    List<MarketTick> closes = closes(25);
    for (MarketTick close : closes) {
      List<ClientOrder> orders = flow.atClose(close, false);
      all.addAll(orders);
      orders.forEach(order -> net.merge(order.getOption(), order.getQuantity(), Double::sum));
    }
    assertThat(all).hasSize(2 * closes.size() - 1);
    assertThat(net.values().stream().filter(q -> q != 0)).containsExactly(1.0);
    for (int i = 1; i < all.size(); i += 2) {
      ClientOrder closing = all.get(i);
      ClientOrder opened = all.get(i - 1);
      assertThat(closing.getOption()).isEqualTo(opened.getOption());
      assertThat(closing.getQuantity()).isEqualTo(-opened.getQuantity());
      assertThat(closing.getOrderId()).isEqualTo(opened.getOrderId() + "-close");
    }
    assertThat(all).extracting(ClientOrder::getOrderId).doesNotHaveDuplicates();
  }

  @Test
  void endOfSegmentClosesWithoutOpening() {
    HirmRollFlow flow = new HirmRollFlow(settings);
    List<MarketTick> closes = closes(3);
    flow.atClose(closes.get(0), false);
    List<ClientOrder> last = flow.atClose(closes.get(1), true);
    assertThat(last).singleElement().extracting(ClientOrder::getQuantity).isEqualTo(-1.0);
    assertThat(flow.openOptions()).isEmpty();
  }

  @Test
  void strikeGridRoundsTheClose() {
    FlowSettings grid = new FlowSettings(FlowSettings.Kind.HIRM, "b", "c", "r", 1, 100, 60, 5, 1, 1, null);
    assertThat(grid.atmStrike(263.93)).isEqualTo(265.0);
    assertThat(settings.atmStrike(263.93)).isEqualTo(263.93);
  }

  private static LocalDate date(java.time.Instant instant) {
    return instant.atZone(io.hedgestream.replay.ticks.SessionClock.NEW_YORK).toLocalDate();
  }

  static List<MarketTick> closes(int days) {
    return SyntheticMarket.ticks(LocalDate.of(2018, 2, 1), days, new TickSettings("SPY", 0, false)).ticks();
  }
}
