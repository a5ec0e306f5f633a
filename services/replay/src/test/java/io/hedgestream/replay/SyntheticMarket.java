package io.hedgestream.replay;

import io.hedgestream.replay.ticks.TickBuild;
import io.hedgestream.replay.ticks.TickBuilder;
import io.hedgestream.replay.ticks.TickSettings;
import io.hedgestream.replaydata.DailyBar;
import io.hedgestream.replaydata.DailySeries;
import io.hedgestream.replaydata.GapReport;
import io.hedgestream.replaydata.RateObservation;
import io.hedgestream.replaydata.RateSeries;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small in-memory SPY/VIX/DTB3 series for unit tests: weekdays from a start date, a gentle zig-zag. */
public final class SyntheticMarket {

  private SyntheticMarket() {}

  /** Ticks for {@code days} weekdays from {@code start}, VIX 20, DTB3 2%. */
  public static TickBuild ticks(LocalDate start, int days, TickSettings settings) {
    List<DailyBar> spy = new ArrayList<>();
    List<DailyBar> vix = new ArrayList<>();
    List<LocalDate> dates = new ArrayList<>();
    LocalDate day = start;
    for (int i = 0; i < days; day = day.plusDays(1)) {
      if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      double close = 100 + (i % 2 == 0 ? i * 0.1 : -i * 0.05);
      spy.add(new DailyBar(day, close - 0.5, close + 1, close - 1, close, close, 1_000_000 + i));
      vix.add(new DailyBar(day, 20, 20, 20, 20, 20, Double.NaN));
      dates.add(day);
      i++;
    }
    Path file = Path.of("synthetic.csv");
    return TickBuilder.build(new DailySeries("spy", file, "", spy, GapReport.of(dates, 3)),
        new DailySeries("vix", file, "", vix, GapReport.of(dates, 3)),
        new RateSeries("dtb3", file, "", List.of(new RateObservation(start, 2.0)), GapReport.of(List.of(), 3)),
        settings);
  }
}
