package io.hedgestream.replaydata;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Two consecutive rows of a daily file and the calendar days between them (a normal weekend is 3 days
 * Friday to Monday; a market closure makes it longer).
 *
 * @param from the earlier row's date
 * @param to the next row's date
 */
public record CalendarGap(LocalDate from, LocalDate to) {

  /** Calendar days from {@code from} to {@code to}. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to);
  }

  @Override
  public String toString() {
    return from + " -> " + to + " (" + days() + " days)";
  }
}
