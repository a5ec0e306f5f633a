package io.hedgestream.replay.ticks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.replay.HistoricalData;
import io.hedgestream.replay.ReplaySource;
import io.hedgestream.replay.SyntheticMarket;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ticks carry the raw close, VIX/100, the converted DTB3 rate and the day's volume at 16:00 New York. */
class TickBuilderTest {

  @Test
  void volmageddonCloseTickMatchesTheFiles() {
    TickBuild build = ReplaySource.build(HistoricalData.require(), true, TickSettings.DEFAULT);
    MarketTick tick = build.ticks().stream()
        .filter(t -> t.getEventTimeMicros().equals(Instant.parse("2018-02-05T21:00:00Z"))).findFirst().orElseThrow();
    assertThat(tick.getLast()).isEqualTo(263.93, within(0.005));
    assertThat(tick.getBid()).isEqualTo(tick.getLast() * (1 - 1e-4), within(1e-9));
    assertThat(tick.getAsk()).isEqualTo(tick.getLast() * (1 + 1e-4), within(1e-9));
    assertThat(tick.getAtmImpliedVol()).isEqualTo(0.3732, within(1e-12));
    assertThat(tick.getRate()).isEqualTo(RateConversion.continuousFromDiscountPercent(1.49));
    assertThat(tick.getDividendYield()).isZero();
    assertThat(tick.getVolume()).isPositive();
    assertThat(tick.getSource()).isEqualTo("replay");
  }

  @Test
  void studySpanHasTheExpectedTradingDaysAndCarriesBondHolidays() {
    TickBuild build = ReplaySource.build(HistoricalData.require(), true, TickSettings.DEFAULT);
    long studyDays = build.ticks().stream().map(t -> SessionClock.dateOf(micros(t)))
        .filter(d -> d.getYear() >= 2010 && d.getYear() <= 2023).count();
    assertThat(studyDays).isEqualTo(3522);
    assertThat(build.report().first()).isEqualTo(LocalDate.of(2000, 1, 3));
    assertThat(build.report().last()).isEqualTo(LocalDate.of(2024, 8, 2));
    assertThat(build.report().rateCarriedDays()).isPositive();
    assertThat(build.report().longestRateCarryDays()).isLessThanOrEqualTo(4);
    assertThat(build.report().vixOnlyDays()).isEmpty();
  }

  @Test
  void rateConversionTurnsABankDiscountQuoteIntoAContinuousRate() {
    // P = 1 - 0.0149 * 91/360 = 0.9962336111; r = -ln(P) * 365/91 = 0.0151354654
    assertThat(RateConversion.continuousFromDiscountPercent(1.49)).isEqualTo(0.0151354654, within(1e-10));
    assertThat(RateConversion.continuousFromDiscountPercent(0)).isZero();
    assertThat(RateConversion.continuousFromDiscountPercent(-0.05)).isNegative();
  }

  @Test
  void intradayTicksVisitTheLowFirstOnAnUpDayAndCarryVolumeOnlyAtTheClose() {
    TickBuild build = SyntheticMarket.ticks(LocalDate.of(2018, 2, 5), 1, new TickSettings("SPY", 0, true));
    List<MarketTick> ticks = build.ticks();
    assertThat(ticks).extracting(MarketTick::getLast).containsExactly(99.5, 99.0, 101.0, 100.0);
    assertThat(ticks).extracting(MarketTick::getVolume).containsExactly(0.0, 0.0, 0.0, 1_000_000.0);
    assertThat(ticks.get(0).getEventTimeMicros()).isEqualTo(Instant.parse("2018-02-05T14:30:00Z"));
    assertThat(SessionClock.isClose(micros(ticks.get(3)))).isTrue();
    assertThat(SessionClock.isClose(micros(ticks.get(2)))).isFalse();
  }

  private static long micros(MarketTick tick) {
    return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, tick.getEventTimeMicros());
  }
}
