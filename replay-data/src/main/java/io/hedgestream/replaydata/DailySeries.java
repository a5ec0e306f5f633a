package io.hedgestream.replaydata;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated daily OHLCV file: its bars in ascending date order, the file's sha256 and its gap report.
 *
 * @param dataset the manifest's dataset name
 * @param file the file read
 * @param sha256 the file's sha256
 * @param bars the rows, ascending unique dates
 * @param gaps the largest calendar gaps
 */
public record DailySeries(String dataset, Path file, String sha256, List<DailyBar> bars, GapReport gaps) {

  /** Copies the bars. */
  public DailySeries {
    bars = List.copyOf(bars);
  }

  /** The bars by date (a new map). */
  public Map<LocalDate, DailyBar> byDate() {
    Map<LocalDate, DailyBar> map = new HashMap<>(bars.size() * 2);
    bars.forEach(bar -> map.put(bar.date(), bar));
    return map;
  }

  /** The bar of a date, if the file has that date. */
  public Optional<DailyBar> bar(LocalDate date) {
    return bars.stream().filter(bar -> bar.date().equals(date)).findFirst();
  }
}
