package io.hedgestream.engine.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.pricing.PutCall;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ListedSeriesResolverTest {

  private static final ListedOptionRules RULES = ListedOptionRules.DEFAULTS;

  private static MarketSnapshot market(String time, double mid) {
    return new MarketSnapshot("SPY", EpochMicros.of(Instant.parse(time)), mid - 0.01, mid + 0.01, 0.2, 0, 0, null);
  }

  private static long micros(String time) {
    return EpochMicros.of(Instant.parse(time));
  }

  @Test
  void familyNamesFollowTheContractRule() {
    assertThat(ListedFamily.parse("CALL_ATM_30D")).contains(new ListedFamily(PutCall.CALL, 30));
    assertThat(ListedFamily.parse("PUT_ATM_7D")).contains(new ListedFamily(PutCall.PUT, 7));
    assertThat(ListedFamily.parse("PUT_ATM_730D")).isPresent();
    assertThat(ListedFamily.parse("PUT_ATM_731D")).isEmpty();
    assertThat(ListedFamily.parse("CALL_ATM_0D")).isEmpty();
    assertThat(ListedFamily.parse("CALL_ATM_030D")).isEmpty();
    assertThat(ListedFamily.parse("UNDERLYING")).isEmpty();
    assertThat(ListedFamily.parse("VARSWAP")).isEmpty();
    assertThat(new ListedFamily(PutCall.CALL, 30).name()).isEqualTo("CALL_ATM_30D");
    assertThat(new ListedFamily(PutCall.CALL, 30).holdingFeature()).isEqualTo("hedge_call_atm_30d");
  }

  @Test
  void theSeriesIsTheDailyExpiryNearestToNowPlusTheTenorStruckOnTheGrid() {
    HedgeSeries series = ListedSeriesResolver.resolve(new ListedFamily(PutCall.CALL, 30),
        market("2025-01-02T14:30:00Z", 452.4), new ListedOptionRules(2.5, 100, LocalTime.of(20, 0), 7));

    assertThat(series.expiryMicros()).isEqualTo(micros("2025-02-01T20:00:00Z"));
    assertThat(series.strike()).isEqualTo(452.5);
    assertThat(series.optionId()).isEqualTo("SPY-20250201-C-452.5");
    assertThat(series.family()).isEqualTo("CALL_ATM_30D");
    assertThat(series.multiplier()).isEqualTo(100);
  }

  @Test
  void theNearestDailyExpiryWinsAndTiesGoToTheLaterOne() {
    long target = micros("2025-02-01T23:30:00Z");
    assertThat(ListedSeriesResolver.expiryNear(target, 0, RULES)).isEqualTo(micros("2025-02-01T20:00:00Z"));
    long nextMorning = micros("2025-02-02T07:00:00Z");
    assertThat(ListedSeriesResolver.expiryNear(nextMorning, 0, RULES)).isEqualTo(micros("2025-02-01T20:00:00Z"));
    long tie = micros("2025-02-02T08:00:00Z");
    assertThat(ListedSeriesResolver.expiryNear(tie, 0, RULES)).isEqualTo(micros("2025-02-02T20:00:00Z"));
  }

  @Test
  void theExpiryIsAlwaysAfterNow() {
    long now = micros("2025-01-02T21:00:00Z");
    assertThat(ListedSeriesResolver.expiryNear(micros("2025-01-02T19:00:00Z"), now, RULES))
        .isEqualTo(micros("2025-01-03T20:00:00Z"));
  }

  @Test
  void strikesRoundHalvesUpAndNeverToZero() {
    assertThat(ListedSeriesResolver.strikeNear(100.5, 1)).isEqualTo(101);
    assertThat(ListedSeriesResolver.strikeNear(100.49, 1)).isEqualTo(100);
    assertThat(ListedSeriesResolver.strikeNear(0.3, 5)).isEqualTo(5);
    assertThat(ListedSeriesResolver.strikeNear(0.7, 0.1)).isEqualTo(0.7);
  }

  @Test
  void theRollThresholdNeverExceedsHalfTheTenor() {
    assertThat(RULES.rollThresholdDays(new ListedFamily(PutCall.CALL, 30))).isEqualTo(7);
    assertThat(RULES.rollThresholdDays(new ListedFamily(PutCall.CALL, 5))).isEqualTo(2.5);
  }

  @Test
  void rulesRejectNonPositiveSettings() {
    assertThatThrownBy(() -> new ListedOptionRules(0, 100, LocalTime.NOON, 7))
        .hasMessageContaining("strikeStep");
    assertThatThrownBy(() -> new ListedOptionRules(1, 100, LocalTime.NOON, Double.NaN))
        .hasMessageContaining("rollDays");
  }
}
