package io.hedgestream.replaydata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The directory holding the data files, and where it comes from. Resolution, first match wins:
 * <ol>
 *   <li>an explicit value ({@code --data-dir}, or the {@code replay.data.dir} property);</li>
 *   <li>the system property {@value #PROPERTY} (the test command passes the directory it found);</li>
 *   <li>the environment variable {@value #ENV};</li>
 *   <li>{@value #DEFAULT}: the {@code data/} folder of the project's {@code replay-data/} folder (git-ignored),
 *       under {@code hedge.home} (set by the {@code ./hedge} script) or the working directory.</li>
 * </ol>
 *
 * @param path the directory
 * @param origin where the path came from, for messages (e.g. {@code HEDGE_DATA_DIR})
 */
public record DataDirectory(Path path, String origin) {

  /** System property naming the data directory. */
  public static final String PROPERTY = "hedge.data.dir";
  /** Environment variable naming the data directory. */
  public static final String ENV = "HEDGE_DATA_DIR";
  /** The default directory, relative to the project root. */
  public static final String DEFAULT = "replay-data/data";

  /** Validates the fields. */
  public DataDirectory {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * Resolves the data directory from the process's settings.
   *
   * @param explicit a directory given on the command line or in a config, or null
   * @return the directory and where it came from
   */
  public static DataDirectory resolve(String explicit) {
    return resolve(explicit, System.getProperties().entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()))),
        System.getenv());
  }

  /**
   * Resolves the data directory from given settings (tests).
   *
   * @param explicit an explicit directory, or null
   * @param systemProperties the system properties
   * @param environment the environment
   * @return the directory and where it came from
   */
  public static DataDirectory resolve(String explicit, Map<String, String> systemProperties,
      Map<String, String> environment) {
    if (isSet(explicit)) {
      return new DataDirectory(Path.of(explicit.strip()), "--data-dir");
    }
    if (isSet(systemProperties.get(PROPERTY))) {
      return new DataDirectory(Path.of(systemProperties.get(PROPERTY).strip()), "-D" + PROPERTY);
    }
    if (isSet(environment.get(ENV))) {
      return new DataDirectory(Path.of(environment.get(ENV).strip()), ENV);
    }
    String home = systemProperties.get("hedge.home");
    Path base = isSet(home) ? Path.of(home.strip()) : Path.of("");
    return new DataDirectory(base.resolve(DEFAULT), "default");
  }

  /** The file of a dataset in this directory (it may not exist). */
  public Path file(Dataset dataset) {
    return path.resolve(dataset.fileName());
  }

  /** The datasets among {@code wanted} whose file is not in this directory. */
  public List<Dataset> missing(Collection<Dataset> wanted) {
    return wanted.stream().filter(dataset -> !Files.isRegularFile(file(dataset))).toList();
  }

  /**
   * Fails unless every dataset in {@code wanted} has its file here.
   *
   * @param wanted the datasets needed
   * @throws DataValidationException naming the directory, its origin and the missing files
   */
  public void requireFiles(Collection<Dataset> wanted) {
    List<Dataset> absent = missing(wanted);
    if (!absent.isEmpty()) {
      throw new DataValidationException(path, "data directory (from " + origin + ") lacks "
          + absent.stream().map(Dataset::fileName).toList() + "; see replay-data/README.md for how to obtain them");
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  @Override
  public String toString() {
    return path + " (" + origin + ")";
  }
}
