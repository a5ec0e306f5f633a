package io.hedgestream.replay.window;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Calendar dates from {@code from} to {@code to}, both included.
 *
 * @param from the first date
 * @param to the last date, not before {@code from}
 */
public record DateRange(LocalDate from, LocalDate to) {

  /** Validates the order. */
  public DateRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range ends " + to + " before it starts " + from);
    }
  }

  /** Whether the range holds a date. */
  public boolean contains(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }

  @Override
  public String toString() {
    return from + ".." + to;
  }
}
