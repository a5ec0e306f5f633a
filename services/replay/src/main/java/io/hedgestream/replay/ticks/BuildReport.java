package io.hedgestream.replay.ticks;

import java.time.LocalDate;
import java.util.List;

/**
 * What building the ticks did with the three sources.
 *
 * @param days trading days with ticks
 * @param ticks ticks built
 * @param first the first trading day
 * @param last the last trading day
 * @param spyDaysOutsideSpan SPY days skipped because they lie before the first DTB3 or VIX value or after
 *     the last VIX value
 * @param vixOnlyDays VIX dates inside the span that SPY does not have (exchange closures), skipped
 * @param rateCarriedDays days without a DTB3 print that used the latest earlier one (bond holidays)
 * @param longestRateCarryDays the longest such carry in calendar days
 * @param largestGaps the largest calendar gaps between built days
 */
public record BuildReport(int days, int ticks, LocalDate first, LocalDate last, int spyDaysOutsideSpan,
    List<LocalDate> vixOnlyDays, int rateCarriedDays, long longestRateCarryDays,
    io.hedgestream.replaydata.GapReport largestGaps) {

  /** Copies the list. */
  public BuildReport {
    vixOnlyDays = List.copyOf(vixOnlyDays);
  }

  /** A short human-readable summary. */
  public String summary() {
    return days + " days " + first + " .. " + last + ", " + ticks + " ticks; " + spyDaysOutsideSpan
        + " SPY days outside the VIX/DTB3 span skipped; " + vixOnlyDays.size() + " VIX-only dates skipped; "
        + rateCarriedDays + " days carried DTB3 forward (longest " + longestRateCarryDays + " days); "
        + largestGaps;
  }
}
