package io.hedgestream.replaydata;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a daily OHLCV file ({@code date,open,high,low,close,adj_close,volume}: SPY, VIX, ^GSPC) and
 * validates it: the header, ascending unique dates, the manifest's positive columns &gt; 0 on every row, the
 * row count, span and sha256; and reports its largest calendar gaps.
 */
public final class DailyBarLoader {

  /** Gaps kept in the report. */
  static final int GAPS_REPORTED = 3;

  private DailyBarLoader() {}

  /**
   * Loads a dataset from a data directory, checked against its committed manifest.
   *
   * @param dir the data directory
   * @param dataset a {@code daily-ohlcv} dataset
   * @param verifySha256 whether the file's sha256 must equal the manifest's
   * @return the series
   * @throws DataValidationException when the file is missing or differs from its manifest
   */
  public static DailySeries load(DataDirectory dir, Dataset dataset, boolean verifySha256) {
    dir.requireFiles(List.of(dataset));
    return load(dir.file(dataset), dataset.manifest(), verifySha256);
  }

  /**
   * Loads a file against a given manifest.
   *
   * @param file the CSV file
   * @param manifest what it must look like
   * @param verifySha256 whether the file's sha256 must equal the manifest's
   * @return the series
   * @throws DataValidationException naming the file and what differs
   */
  public static DailySeries load(Path file, DatasetManifest manifest, boolean verifySha256) {
    CsvFile csv = CsvFile.read(file, manifest);
    int date = csv.column("date");
    int[] prices = {csv.column("open"), csv.column("high"), csv.column("low"), csv.column("close"),
        csv.column("adj_close")};
    boolean[] positive = new boolean[prices.length];
    for (int k = 0; k < prices.length; k++) {
      positive[k] = manifest.positiveColumns().contains(manifest.columns().get(prices[k]));
    }
    int volume = csv.column("volume");
    List<DailyBar> bars = new ArrayList<>(csv.rowCount());
    List<LocalDate> dates = new ArrayList<>(csv.rowCount());
    LocalDate previous = null;
    for (int row = 0; row < csv.rowCount(); row++) {
      LocalDate day = csv.date(row, date);
      ManifestCheck.requireAfter(csv, row, previous, day);
      double[] values = new double[prices.length];
      for (int k = 0; k < prices.length; k++) {
        values[k] = positive[k] ? csv.positive(row, prices[k]) : csv.number(row, prices[k]);
      }
      bars.add(new DailyBar(day, values[0], values[1], values[2], values[3], values[4], csv.number(row, volume)));
      dates.add(day);
      previous = day;
    }
    if (bars.isEmpty()) {
      throw new DataValidationException(file, "has no data rows");
    }
    String sha = ManifestCheck.verify(file, manifest, bars.size(), dates.get(0), previous, verifySha256);
    return new DailySeries(manifest.dataset(), file, sha, bars, GapReport.of(dates, GAPS_REPORTED));
  }
}
