package io.hedgestream.replay.ticks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The event times of a trading day's ticks, in New York time: the close at 16:00 (the daily bar's own tick),
 * and when intraday ticks are asked for, the open at 09:30 and the day's two extremes at 11:30 and 14:00.
 * Which extreme comes first is a convention (daily bars do not say): on an up day ({@code close >= open})
 * the low comes first (open, low, high, close), on a down day the high (open, high, low, close), the usual
 * path that visits both extremes without crossing the close twice. All times fall inside the same UTC date
 * as the New York date, so the engine's UTC trading-day calendar sees one day per bar.
 */
public final class SessionClock {

  /** The market's zone. */
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** The close: the time of the daily bar's tick. */
  public static final LocalTime CLOSE = LocalTime.of(16, 0);
  /** The open. */
  public static final LocalTime OPEN = LocalTime.of(9, 30);
  /** The first of the day's two extremes. */
  public static final LocalTime FIRST_EXTREME = LocalTime.of(11, 30);
  /** The second of the day's two extremes. */
  public static final LocalTime SECOND_EXTREME = LocalTime.of(14, 0);

  private SessionClock() {}

  /** Epoch microseconds of a New York local time on a date. */
  public static long micros(LocalDate date, LocalTime time) {
    Instant instant = date.atTime(time).atZone(NEW_YORK).toInstant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** Epoch microseconds of a date's 16:00 New York close. */
  public static long closeMicros(LocalDate date) {
    return micros(date, CLOSE);
  }

  /** The New York date of an event time. */
  public static LocalDate dateOf(long eventMicros) {
    return Instant.EPOCH.plus(eventMicros, ChronoUnit.MICROS).atZone(NEW_YORK).toLocalDate();
  }

  /** Whether an event time is a date's 16:00 New York close. */
  public static boolean isClose(long eventMicros) {
    return closeMicros(dateOf(eventMicros)) == eventMicros;
  }
}
