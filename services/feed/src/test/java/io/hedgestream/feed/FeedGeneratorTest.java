package io.hedgestream.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionType;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class FeedGeneratorTest {

  private static final Instant START = Instant.parse("2026-01-05T14:30:00Z");

  static FeedConfig config(String... overrides) {
    Properties props = new Properties();
    props.setProperty("feed.symbols", "AAA,BBB");
    props.setProperty("feed.start-time", START.toString());
    props.setProperty("feed.orders.rate-per-day", "2000");
    for (int i = 0; i < overrides.length; i += 2) {
      props.setProperty(overrides[i], overrides[i + 1]);
    }
    return FeedConfig.from(props);
  }

  @Test
  void sameSeedGivesIdenticalTicksAndOrders() {
    assertThat(events(config("feed.model", "heston"), 300)).isEqualTo(events(config("feed.model", "heston"), 300));
  }

  @Test
  void differentSeedGivesDifferentPaths() {
    assertThat(events(config("feed.seed", "1"), 50)).isNotEqualTo(events(config("feed.seed", "2"), 50));
  }

  @Test
  void aSymbolsPathDoesNotDependOnTheOtherSymbols() {
    List<MarketTick> alone = ticksOf("BBB", events(config("feed.symbols", "BBB"), 100));
    List<MarketTick> together = ticksOf("BBB", events(config(), 100));
    assertThat(alone).isEqualTo(together);
  }

  @Test
  void ticksAreOnTheTimeGridWithSpreadAroundTheMid() {
    List<SpecificRecord> events = events(config("feed.half-spread-bps", "5", "feed.step-seconds", "30"), 20);
    List<MarketTick> ticks = ticksOf("AAA", events);
    for (int k = 0; k < ticks.size(); k++) {
      MarketTick tick = ticks.get(k);
      assertThat(tick.getEventTimeMicros()).isEqualTo(START.plusSeconds(30L * k));
      assertThat(tick.getLast()).isCloseTo(0.5 * (tick.getBid() + tick.getAsk()), within(1e-9));
      assertThat(tick.getAsk() - tick.getBid()).isCloseTo(2 * 5e-4 * tick.getLast(), within(1e-9));
      assertThat(tick.getAtmImpliedVol()).isEqualTo(0.20);
      assertThat(tick.getRate()).isEqualTo(0.03);
      assertThat(tick.getSource()).isEqualTo("feed-gbm");
    }
    assertThat(ticks.get(0).getLast()).isEqualTo(100.0);
  }

  @Test
  void ordersFollowTheirPreviousTickInEventTimeAndArePricedOffIt() {
    List<SpecificRecord> events = events(config(), 500);
    MarketTick previous = null;
    int orders = 0;
    for (SpecificRecord event : events) {
      if (event instanceof MarketTick tick && tick.getSymbol().equals("AAA")) {
        previous = tick;
      } else if (event instanceof ClientOrder order && order.getSymbol().equals("AAA")) {
        orders++;
        assertThat(order.getEventTimeMicros()).isAfterOrEqualTo(previous.getEventTimeMicros())
            .isBefore(previous.getEventTimeMicros().plusSeconds(60));
        PutCall putCall = order.getOption().getOptionType() == OptionType.CALL ? PutCall.CALL : PutCall.PUT;
        double strike = Math.round(previous.getLast());
        assertThat(order.getOption().getStrike()).isEqualTo(strike);
        assertThat(order.getPremium()).isCloseTo(BlackScholes.price(putCall, previous.getLast(), strike,
            30 / 365.0, previous.getAtmImpliedVol(), 0.03, 0.0), within(1e-9));
      }
    }
    // 2000/day over 499 one-minute steps: about 693 expected.
    assertThat(orders).isBetween(550, 850);
  }

  private static List<SpecificRecord> events(FeedConfig config, int steps) {
    FeedGenerator generator = new FeedGenerator(config, START);
    List<SpecificRecord> out = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      for (SymbolStep step : generator.next()) {
        out.addAll(step.orders());
        out.add(step.tick());
      }
    }
    return out;
  }

  private static List<MarketTick> ticksOf(String symbol, List<SpecificRecord> events) {
    return events.stream().filter(MarketTick.class::isInstance).map(MarketTick.class::cast)
        .filter(t -> t.getSymbol().equals(symbol)).toList();
  }
}
