package io.hedgestream.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionType;
import io.hedgestream.feed.sabr.SabrBookSettings;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.pricing.SabrHagan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The sabr-book scenario as the engine receives it. */
class SabrBookFeedTest {

  private static final Instant START = Instant.parse("2026-03-02T09:15:00Z");
  private static final Instant FIRST_TICK = Instant.parse("2026-03-02T20:00:00Z");
  private static final double MICROS_PER_YEAR = 365.0 * 86_400e6;

  static FeedConfig config(String... overrides) {
    Properties props = new Properties();
    props.setProperty("feed.scenario", "sabr-book");
    props.setProperty("feed.symbols", "SIM");
    props.setProperty("feed.start-time", START.toString());
    for (int i = 0; i < overrides.length; i += 2) {
      props.setProperty(overrides[i], overrides[i + 1]);
    }
    return FeedConfig.from(props);
  }

  static List<SymbolStep> steps(FeedConfig config, int n) {
    FeedGenerator generator = new FeedGenerator(config, config.fixedStartTime().orElseThrow());
    List<SymbolStep> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      steps.add(generator.next().get(0));
    }
    return steps;
  }

  private static double years(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e3 / MICROS_PER_YEAR;
  }

  @Test
  void sameSeedGivesIdenticalTicksAndOrdersAndAnotherSeedAnotherPath() {
    assertThat(steps(config(), 40)).isEqualTo(steps(config(), 40));
    assertThat(steps(config("feed.seed", "7"), 40)).isNotEqualTo(steps(config(), 40));
  }

  @Test
  void withDaysPerYear365EveryTickIsADayApartAtTwentyHundredUtcWithMidExactlyTheSpot() {
    List<SymbolStep> steps = steps(config(), 10);
    for (int k = 0; k < steps.size(); k++) {
      MarketTick tick = steps.get(k).tick();
      assertThat(tick.getEventTimeMicros()).isEqualTo(FIRST_TICK.plus(Duration.ofDays(k)));
      assertThat(tick.getBid()).isEqualTo(tick.getAsk()).isEqualTo(tick.getLast());
      assertThat(tick.getRate()).isZero();
      assertThat(tick.getDividendYield()).isZero();
      assertThat(tick.getSabr().getBeta()).isEqualTo(0.5);
      assertThat(tick.getSabr().getRho()).isEqualTo(0.2);
      assertThat(tick.getSabr().getNu()).isEqualTo(0.3);
      assertThat(tick.getAtmImpliedVol()).isEqualTo(
          SabrHagan.impliedVol(tick.getLast(), tick.getLast(), 30 / 365.0, tick.getSabr().getAlpha(), 0.5, 0.2, 0.3));
    }
    MarketTick first = steps.get(0).tick();
    assertThat(first.getLast()).isEqualTo(10);
    assertThat(first.getSabr().getAlpha()).isCloseTo(0.3 * Math.sqrt(10), within(1e-15));
  }

  @Test
  void ordersAreAtTheMoneyCallsOfTheirDaysTickPublishedBeforeItAndPricedAtTheSabrVol() {
    List<SymbolStep> steps = steps(config("feed.sabr.orders-per-day", "3"), 30);
    int orders = 0;
    for (SymbolStep step : steps) {
      MarketTick tick = step.tick();
      for (ClientOrder order : step.orders()) {
        orders++;
        assertThat(order.getEventTimeMicros()).isEqualTo(tick.getEventTimeMicros());
        assertThat(order.getOption().getOptionType()).isEqualTo(OptionType.CALL);
        assertThat(order.getOption().getStrike()).isEqualTo(tick.getLast());
        assertThat(order.getOption().getMultiplier()).isEqualTo(100);
        assertThat(order.getOption().getExpiryMicros()).isEqualTo(tick.getEventTimeMicros().plus(Duration.ofDays(60)));
        assertThat(Math.abs(order.getQuantity())).isEqualTo(1);
        assertThat(order.getBook()).isEqualTo("SIM-book-1");
        double ttm = years(tick.getEventTimeMicros(), order.getOption().getExpiryMicros());
        assertThat(ttm).isEqualTo(60 / 365.0);
        double vol = SabrHagan.impliedVol(tick.getLast(), tick.getLast(), ttm, tick.getSabr().getAlpha(), 0.5, 0.2, 0.3);
        assertThat(order.getPremium())
            .isCloseTo(BlackScholes.price(PutCall.CALL, tick.getLast(), tick.getLast(), ttm, vol, 0, 0), within(1e-12));
      }
    }
    assertThat(orders).isPositive();
    assertThat(steps.stream().flatMap(s -> s.orders().stream()).map(ClientOrder::getOrderId).distinct().count())
        .isEqualTo(orders);
  }

  @Test
  void dailyOrderCountsArePoissonWithTheConfiguredRateAndSidesAreFair() {
    int days = 4000;
    List<SymbolStep> steps = steps(config("feed.sabr.orders-per-day", "1.5", "feed.sabr.vol-of-vol", "0"), days);
    double sum = 0;
    double sumSquares = 0;
    long longs = 0;
    int zeroDays = 0;
    for (SymbolStep step : steps) {
      int count = step.orders().size();
      sum += count;
      sumSquares += count * count;
      zeroDays += count == 0 ? 1 : 0;
      longs += step.orders().stream().filter(o -> o.getQuantity() > 0).count();
    }
    double mean = sum / days;
    double variance = sumSquares / days - mean * mean;
    // Poisson(1.5): mean = variance = 1.5, P(0) = e^-1.5; SE of the mean sqrt(1.5 / n), of the variance
    // about sqrt((mu + 2 mu^2) / n), of a frequency sqrt(p (1 - p) / n).
    assertThat(mean).isCloseTo(1.5, within(4 * Math.sqrt(1.5 / days)));
    assertThat(variance).isCloseTo(1.5, within(4 * Math.sqrt((1.5 + 2 * 2.25) / days)));
    double p0 = Math.exp(-1.5);
    assertThat(zeroDays / (double) days).isCloseTo(p0, within(4 * Math.sqrt(p0 * (1 - p0) / days)));
    assertThat(longs / sum).isCloseTo(0.5, within(4 * Math.sqrt(0.25 / sum)));
  }

  @Test
  void otherDaysPerYearStretchEventTimeSoTheEnginesAct365TtmIsTheEnvironmentsDaysTimesDt() {
    List<SymbolStep> fiveDaySteps = steps(config("feed.sabr.days-per-year", "73", "feed.sabr.orders-per-day", "5"), 4);
    assertThat(fiveDaySteps.get(3).tick().getEventTimeMicros()).isEqualTo(FIRST_TICK.plus(Duration.ofDays(15)));
    List<SymbolStep> tradingDays = steps(config("feed.sabr.days-per-year", "252", "feed.sabr.orders-per-day", "5"), 3);
    ClientOrder order = tradingDays.get(2).orders().get(0);
    double ttm = years(order.getEventTimeMicros(), order.getOption().getExpiryMicros());
    assertThat(ttm).isCloseTo(60 / 252.0, within(1e-12));
    assertThat(years(FIRST_TICK, tradingDays.get(2).tick().getEventTimeMicros())).isCloseTo(2 / 252.0, within(1e-12));
  }

  @Test
  void anEpisodeEndsWithATickWithoutOrdersAfterEpisodeDays() {
    FeedConfig episode = config("feed.sabr.episode-days", "5", "feed.sabr.orders-per-day", "50");
    assertThat(episode.tickLimit()).isEqualTo(6);
    List<SymbolStep> steps = steps(episode, 6);
    assertThat(steps.subList(0, 5)).allSatisfy(step -> assertThat(step.orders()).isNotEmpty());
    assertThat(steps.get(5).orders()).isEmpty();
    assertThat(config("feed.sabr.episode-days", "5", "feed.max-ticks", "3").tickLimit()).isEqualTo(3);
    assertThat(config().tickLimit()).isZero();
  }

  @Test
  void settingsMirrorTheEnvironmentsNamesAndDefaults() {
    SabrBookSettings settings = config("feed.sabr.s0", "12", "feed.sabr.sigma0", "0.4", "feed.sabr.beta", "0.7",
        "feed.sabr.rho", "-0.3", "feed.sabr.vol-of-vol", "0").sabrBook();
    assertThat(settings.alpha0()).isCloseTo(0.4 * Math.pow(12, 0.3), within(1e-15));
    assertThat(settings.rho()).isEqualTo(-0.3);
    assertThat(config().sabrBook()).isEqualTo(SabrBookSettings.DEFAULTS);
    assertThat(config().stepMicros()).isEqualTo(86_400_000_000L);
  }
}
