package io.hedgestream.replaydata;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a FRED-style daily rate file ({@code date,<value>_pct}: DTB3) and validates it: the header,
 * ascending unique dates, a finite value on every row (rates may be 0 or negative: DTB3 printed −0.05 in
 * March 2020), the row count, span and sha256; and reports its largest calendar gaps.
 */
public final class RateSeriesLoader {

  private RateSeriesLoader() {}

  /**
   * Loads a dataset from a data directory, checked against its committed manifest.
   *
   * @param dir the data directory
   * @param dataset a {@code rate-percent} dataset
   * @param verifySha256 whether the file's sha256 must equal the manifest's
   * @return the series
   * @throws DataValidationException when the file is missing or differs from its manifest
   */
  public static RateSeries load(DataDirectory dir, Dataset dataset, boolean verifySha256) {
    dir.requireFiles(List.of(dataset));
    return load(dir.file(dataset), dataset.manifest(), verifySha256);
  }

  /**
   * Loads a file against a given manifest (its second column is the value).
   *
   * @param file the CSV file
   * @param manifest what it must look like
   * @param verifySha256 whether the file's sha256 must equal the manifest's
   * @return the series
   * @throws DataValidationException naming the file and what differs
   */
  public static RateSeries load(Path file, DatasetManifest manifest, boolean verifySha256) {
    CsvFile csv = CsvFile.read(file, manifest);
    int date = csv.column("date");
    int value = csv.column(manifest.columns().get(1));
    List<RateObservation> observations = new ArrayList<>(csv.rowCount());
    List<LocalDate> dates = new ArrayList<>(csv.rowCount());
    LocalDate previous = null;
    for (int row = 0; row < csv.rowCount(); row++) {
      LocalDate day = csv.date(row, date);
      ManifestCheck.requireAfter(csv, row, previous, day);
      double percent = csv.number(row, value);
      if (!Double.isFinite(percent)) {
        throw new DataValidationException(file, csv.where(row, value) + " is '" + csv.text(row, value)
            + "': a rate must be a finite number");
      }
      observations.add(new RateObservation(day, percent));
      dates.add(day);
      previous = day;
    }
    if (observations.isEmpty()) {
      throw new DataValidationException(file, "has no data rows");
    }
    String sha = ManifestCheck.verify(file, manifest, observations.size(), dates.get(0), previous, verifySha256);
    return new RateSeries(manifest.dataset(), file, sha, observations, GapReport.of(dates, DailyBarLoader.GAPS_REPORTED));
  }
}
