package io.hedgestream.replaydata;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A validated rate file: its observations in ascending date order, the file's sha256 and its gap report.
 *
 * @param dataset the manifest's dataset name
 * @param file the file read
 * @param sha256 the file's sha256
 * @param observations ascending unique dates
 * @param gaps the largest calendar gaps
 */
public record RateSeries(String dataset, Path file, String sha256, List<RateObservation> observations,
    GapReport gaps) {

  /** Copies the observations. */
  public RateSeries {
    observations = List.copyOf(observations);
  }

  /**
   * The latest observation on or before a date (how a bond-market holiday is carried forward).
   *
   * @param date the date
   * @return the observation, empty before the first one
   */
  public Optional<RateObservation> latestOnOrBefore(LocalDate date) {
    int low = 0;
    int high = observations.size() - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (observations.get(mid).date().isAfter(date)) {
        high = mid - 1;
      } else {
        found = mid;
        low = mid + 1;
      }
    }
    return found < 0 ? Optional.empty() : Optional.of(observations.get(found));
  }
}
