package io.hedgestream.replay.window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The dates a replay covers: a span minus excluded ranges, i.e. one or more contiguous segments. Ticks of a
 * date outside every segment are not replayed; a liability flow closes its positions at the last close of
 * a segment that another segment follows, so no position spans an excluded range.
 *
 * @param name the window's name ({@code custom} for a --from/--to range)
 * @param span the first and last date
 * @param excluded ranges inside the span that are left out
 */
public record ReplayWindow(String name, DateRange span, List<DateRange> excluded) {

  /** Validates the fields and sorts the exclusions. */
  public ReplayWindow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(span, "span");
    excluded = excluded.stream().sorted(Comparator.comparing(DateRange::from)).toList();
  }

  /** A contiguous window. */
  public static ReplayWindow of(String name, LocalDate from, LocalDate to) {
    return new ReplayWindow(name, new DateRange(from, to), List.of());
  }

  /** Whether a date is replayed. */
  public boolean contains(LocalDate date) {
    return span.contains(date) && excluded.stream().noneMatch(range -> range.contains(date));
  }

  /** The contiguous segments, in order. */
  public List<DateRange> segments() {
    List<DateRange> segments = new ArrayList<>();
    LocalDate start = span.from();
    for (DateRange gap : excluded) {
      if (gap.from().isAfter(start)) {
        segments.add(new DateRange(start, min(gap.from().minusDays(1), span.to())));
      }
      start = gap.to().plusDays(1);
    }
    if (!start.isAfter(span.to())) {
      segments.add(new DateRange(start, span.to()));
    }
    return segments;
  }

  /** The segment holding a date, if the date is replayed. */
  public Optional<DateRange> segmentOf(LocalDate date) {
    return segments().stream().filter(segment -> segment.contains(date)).findFirst();
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  @Override
  public String toString() {
    return name + " " + span + (excluded.isEmpty() ? "" : " excluding " + excluded);
  }
}
