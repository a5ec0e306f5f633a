package io.hedgestream.replaydata;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Whether the historical files are present, and what a test that needs them must do: run when they are,
 * skip with a clear message when they are not, and fail instead of skipping under CI ({@code CI=true}),
 * where the data is provisioned and a skip would hide a broken set-up.
 *
 * @param dir the resolved data directory
 * @param missing the wanted datasets whose file is absent
 * @param ci whether the process runs under CI
 */
public record DataAvailability(DataDirectory dir, List<Dataset> missing, boolean ci) {

  /** Copies the list. */
  public DataAvailability {
    missing = List.copyOf(missing);
  }

  /**
   * Checks the process's data directory ({@link DataDirectory#resolve}) and {@code CI} environment variable.
   *
   * @param wanted the datasets needed
   * @return the availability
   */
  public static DataAvailability check(Collection<Dataset> wanted) {
    return check(DataDirectory.resolve(null), wanted, System.getenv());
  }

  /**
   * Checks a given directory and environment (tests).
   *
   * @param dir the data directory
   * @param wanted the datasets needed
   * @param environment the environment ({@code CI})
   * @return the availability
   */
  public static DataAvailability check(DataDirectory dir, Collection<Dataset> wanted, Map<String, String> environment) {
    return new DataAvailability(dir, dir.missing(wanted), "true".equalsIgnoreCase(environment.get("CI")));
  }

  /** Whether every wanted file is present. */
  public boolean present() {
    return missing.isEmpty();
  }

  /** Whether a test must fail because the files are missing under CI. */
  public boolean mustFail() {
    return !present() && ci;
  }

  /** Why the data is unusable, naming the directory, its origin and the missing files; empty when present. */
  public String message() {
    if (present()) {
      return "";
    }
    return "historical data not found: " + dir + " lacks " + missing.stream().map(Dataset::fileName).toList()
        + (ci ? " and CI=true, so this fails instead of skipping" : "; skipped (set -D" + DataDirectory.PROPERTY
        + " or " + DataDirectory.ENV + "; see replay-data/README.md)");
  }
}
