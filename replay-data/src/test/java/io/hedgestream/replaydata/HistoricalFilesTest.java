package io.hedgestream.replaydata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The real data files load against their committed manifests and hold the facts the data README states. */
class HistoricalFilesTest {

  @Test
  void spyDailyMatchesItsManifestAndKnownCloses() {
    DailySeries spy = DailyBarLoader.load(HistoricalData.require(), Dataset.SPY_DAILY, true);
    assertThat(spy.bars()).hasSize(7934);
    assertThat(spy.bar(LocalDate.of(2018, 2, 5)).orElseThrow().close()).isEqualTo(263.93, org.assertj.core.data.Offset.offset(0.005));
    assertThat(spy.bar(LocalDate.of(2020, 3, 16)).orElseThrow().close()).isEqualTo(239.85, org.assertj.core.data.Offset.offset(0.005));
    assertThat(spy.gaps().largest().get(0)).isEqualTo(new CalendarGap(LocalDate.of(2001, 9, 10), LocalDate.of(2001, 9, 17)));
  }

  @Test
  void vixDailyMatchesItsManifestAndHasNoVolume() {
    DailySeries vix = DailyBarLoader.load(HistoricalData.require(), Dataset.VIX_DAILY, true);
    assertThat(vix.bar(LocalDate.of(2018, 2, 5)).orElseThrow().close()).isEqualTo(37.32);
    assertThat(vix.bar(LocalDate.of(2020, 3, 16)).orElseThrow().close()).isEqualTo(82.69);
    assertThat(vix.bars().get(0).volume()).isNaN();
  }

  @Test
  void gspcDailyMatchesItsManifest() {
    DailySeries gspc = DailyBarLoader.load(HistoricalData.require(), Dataset.GSPC_DAILY, true);
    assertThat(gspc.bars()).hasSize(24777);
    assertThat(gspc.gaps().largestDays()).isEqualTo(12);
  }

  @Test
  void dtb3MatchesItsManifestAndCarriesHolidaysForward() {
    RateSeries dtb3 = RateSeriesLoader.load(HistoricalData.require(), Dataset.DTB3_DAILY, true);
    assertThat(dtb3.latestOnOrBefore(LocalDate.of(2018, 2, 5)).orElseThrow().percent()).isEqualTo(1.49);
    assertThat(dtb3.latestOnOrBefore(LocalDate.of(2020, 3, 26)).orElseThrow().percent()).isEqualTo(-0.05);
    assertThat(dtb3.latestOnOrBefore(LocalDate.of(1999, 12, 31))).isEmpty();
    assertThat(dtb3.gaps().largestDays()).isEqualTo(4);
  }

  @Test
  void optionChainMatchesItsManifest() {
    OptionChain chain = OptionChainLoader.load(HistoricalData.require(), Dataset.SPY_OPTION_CHAIN_20190906, true);
    assertThat(chain.quotes()).hasSize(1706);
    assertThat(chain.quotes()).filteredOn(OptionQuote::call).hasSize(848);
    assertThat(chain.quotes().get(0).underlyingPrice()).isEqualTo(298.05);
  }
}
