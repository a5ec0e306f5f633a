package io.hedgestream.replaydata;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a dataset file must look like: its header, the columns that must be positive, its first and last
 * date, its row count and the sha256 of the file's bytes. One JSON file per dataset under
 * {@code replay-data/manifests/}, copied into the jar.
 *
 * @param dataset the dataset's name, e.g. {@code spy-daily}
 * @param file the file name in a data directory
 * @param format {@code daily-ohlcv}, {@code rate-percent} or {@code option-chain}
 * @param columns the exact header, in order
 * @param positiveColumns columns whose every value must be &gt; 0 when present
 * @param firstDate the first row's date
 * @param lastDate the last row's date
 * @param rows data rows (the header excluded)
 * @param sha256 lower-case hex sha256 of the file
 * @param source where the file comes from (repository, path, commit) and how it was normalised
 * @param terms the licence or terms of use
 */
public record DatasetManifest(String dataset, String file, String format, List<String> columns,
    List<String> positiveColumns, LocalDate firstDate, LocalDate lastDate, long rows, String sha256,
    String source, String terms) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** Validates that every field is present. */
  public DatasetManifest {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    columns = List.copyOf(columns);
    positiveColumns = List.copyOf(positiveColumns);
    Objects.requireNonNull(firstDate, "firstDate");
    Objects.requireNonNull(lastDate, "lastDate");
    Objects.requireNonNull(sha256, "sha256");
    if (rows < 0 || !columns.containsAll(positiveColumns)) {
      throw new IllegalArgumentException("manifest " + dataset + ": rows must be >= 0 and positiveColumns "
          + positiveColumns + " must be among columns " + columns);
    }
  }

  /**
   * Reads a manifest from JSON.
   *
   * @param json the manifest document
   * @return the manifest
   * @throws UncheckedIOException when the JSON is not a valid manifest
   */
  public static DatasetManifest read(InputStream json) {
    try {
      return JSON.readValue(json, Raw.class).toManifest();
    } catch (IOException e) {
      throw new UncheckedIOException("not a dataset manifest: " + e.getMessage(), e);
    }
  }

  /** The committed manifest {@code <name>.json} from the classpath. */
  static DatasetManifest fromClasspath(String name) {
    String resource = "manifests/" + name + ".json";
    try (InputStream in = DatasetManifest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("manifest " + resource + " is not on the classpath");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + resource, e);
    }
  }

  /** The same manifest with another sha256, row count and span (tests, and manifests of user files). */
  public DatasetManifest withExpected(long expectedRows, LocalDate first, LocalDate last, String sha) {
    return new DatasetManifest(dataset, file, format, columns, positiveColumns, first, last, expectedRows, sha,
        source, terms);
  }

  /** The JSON shape (dates as ISO text). */
  record Raw(String dataset, String file, String format, List<String> columns,
      List<String> positiveColumns, String firstDate, String lastDate, long rows, String sha256, String source,
      String terms) {
    DatasetManifest toManifest() {
      return new DatasetManifest(dataset, file, format, columns, positiveColumns, LocalDate.parse(firstDate),
          LocalDate.parse(lastDate), rows, sha256, source, terms);
    }
  }
}
