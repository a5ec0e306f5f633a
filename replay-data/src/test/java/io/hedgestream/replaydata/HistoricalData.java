package io.hedgestream.replaydata;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

/** The skip/fail rule of tests on the real files: skip when absent, fail when absent under CI=true. */
final class HistoricalData {

  private HistoricalData() {}

  /** The data directory holding every dataset, or the test is skipped (or failed under CI). */
  static DataDirectory require() {
    DataAvailability availability = DataAvailability.check(List.of(Dataset.values()));
    if (availability.mustFail()) {
      fail(availability.message());
    }
    assumeTrue(availability.present(), availability.message());
    return availability.dir();
  }
}
