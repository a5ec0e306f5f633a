package io.hedgestream.replaydata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The largest calendar gaps between consecutive dates of a daily series, largest first (ties: earliest
 * first): how a closure such as 9/11 (7 days) or Hurricane Sandy (5 days) shows up.
 *
 * @param largest the largest gaps, at most the number asked for
 */
public record GapReport(List<CalendarGap> largest) {

  /** Copies the list. */
  public GapReport {
    largest = List.copyOf(largest);
  }

  /**
   * The {@code count} largest gaps of ascending dates.
   *
   * @param dates ascending dates
   * @param count how many gaps to keep
   * @return the report
   */
  public static GapReport of(List<LocalDate> dates, int count) {
    List<CalendarGap> gaps = new ArrayList<>(Math.max(0, dates.size() - 1));
    for (int i = 1; i < dates.size(); i++) {
      gaps.add(new CalendarGap(dates.get(i - 1), dates.get(i)));
    }
    gaps.sort(Comparator.comparingLong(CalendarGap::days).reversed().thenComparing(CalendarGap::from));
    return new GapReport(gaps.subList(0, Math.min(count, gaps.size())));
  }

  /** The largest gap in calendar days, 0 for fewer than two dates. */
  public long largestDays() {
    return largest.isEmpty() ? 0 : largest.get(0).days();
  }

  @Override
  public String toString() {
    return largest.isEmpty() ? "no gaps" : "largest gaps " + largest;
  }
}
