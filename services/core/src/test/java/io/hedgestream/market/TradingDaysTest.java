package io.hedgestream.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TradingDaysTest {

  private static long micros(String instant) {
    Instant at = Instant.parse(instant);
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
  }

  private static long epochDay(String date) {
    return LocalDate.parse(date).toEpochDay();
  }

  @Test
  void utcDaysChangeAtUtcMidnight() {
    assertThat(TradingDays.UTC.dayOf(micros("2025-01-02T23:59:59.999999Z"))).isEqualTo(epochDay("2025-01-02"));
    assertThat(TradingDays.UTC.dayOf(micros("2025-01-03T00:00:00Z"))).isEqualTo(epochDay("2025-01-03"));
    assertThat(TradingDays.UTC.dayOf(micros("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1);
  }

  @Test
  void aZonedCalendarUsesTheLocalDateAcrossDaylightSavingChanges() {
    TradingDays newYork = new TradingDays(ZoneId.of("America/New_York"));
    // 01:00 UTC is still the previous evening in New York, in winter (UTC-5) and summer (UTC-4).
    assertThat(newYork.dayOf(micros("2025-01-03T01:00:00Z"))).isEqualTo(epochDay("2025-01-02"));
    assertThat(newYork.dayOf(micros("2025-07-03T03:59:59Z"))).isEqualTo(epochDay("2025-07-02"));
    assertThat(newYork.dayOf(micros("2025-07-03T04:00:00Z"))).isEqualTo(epochDay("2025-07-03"));
    // A US close (16:00 New York) is on the same date in UTC and in New York.
    assertThat(TradingDays.UTC.dayOf(micros("2025-03-10T20:00:00Z")))
        .isEqualTo(newYork.dayOf(micros("2025-03-10T20:00:00Z")));
  }
}
