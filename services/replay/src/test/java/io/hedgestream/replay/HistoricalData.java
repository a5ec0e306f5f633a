package io.hedgestream.replay;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hedgestream.replaydata.DataAvailability;
import io.hedgestream.replaydata.DataDirectory;

/** The skip/fail rule of tests on the real files: skip when absent, fail when absent under CI=true. */
public final class HistoricalData {

  private HistoricalData() {}

  /** The data directory holding SPY, VIX and DTB3, or the test is skipped (or failed under CI). */
  public static DataDirectory require() {
    DataAvailability availability = DataAvailability.check(ReplaySource.SOURCES);
    if (availability.mustFail()) {
      fail(availability.message());
    }
    assumeTrue(availability.present(), availability.message());
    return availability.dir();
  }
}
