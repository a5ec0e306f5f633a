package io.hedgestream.replaydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a data file can be wrong is refused with an error naming the file and what differs. */
class LoaderValidationTest {

  private static final String HEADER = "date,open,high,low,close,adj_close,volume";
  private static final String GOOD = HEADER + "\n"
      + "2018-02-01,281.0,282.0,280.0,281.58,250.0,100\n"
      + "2018-02-02,280.0,281.0,275.0,275.45,245.0,200\n"
      + "2018-02-05,273.0,275.0,263.0,263.93,237.0,300\n";

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static DatasetManifest manifestOf(Path file, long rows, String first, String last) {
    return Dataset.SPY_DAILY.manifest().withExpected(rows, LocalDate.parse(first), LocalDate.parse(last),
        ManifestCheck.sha256(file));
  }

  @Test
  void loadsAValidFileAndReportsItsLargestGap() throws IOException {
    Path file = write("spy_daily.csv", GOOD);
    DailySeries series = DailyBarLoader.load(file, manifestOf(file, 3, "2018-02-01", "2018-02-05"), true);
    assertThat(series.bars()).extracting(DailyBar::close).containsExactly(281.58, 275.45, 263.93);
    assertThat(series.gaps().largest().get(0).days()).isEqualTo(3);
  }

  @Test
  void shouldRejectABadHeader() throws IOException {
    Path file = write("spy_daily.csv", GOOD.replace("adj_close", "adjclose"));
    assertThatThrownBy(() -> DailyBarLoader.load(file, manifestOf(file, 3, "2018-02-01", "2018-02-05"), true))
        .isInstanceOf(DataValidationException.class)
        .hasMessageStartingWith("spy_daily.csv: header is date,open,high,low,close,adjclose,volume")
        .hasMessageContaining("expects " + HEADER);
  }

  @Test
  void shouldRejectUnsortedDates() throws IOException {
    Path file = write("spy_daily.csv", HEADER + "\n2018-02-02,1,1,1,1,1,1\n2018-02-01,1,1,1,1,1,1\n");
    assertThatThrownBy(() -> DailyBarLoader.load(file, manifestOf(file, 2, "2018-02-02", "2018-02-01"), true))
        .hasMessageContaining("spy_daily.csv: line 3: date 2018-02-01 is before the previous row's 2018-02-02");
  }

  @Test
  void shouldRejectADuplicateDate() throws IOException {
    Path file = write("spy_daily.csv", HEADER + "\n2018-02-02,1,1,1,1,1,1\n2018-02-02,1,1,1,1,1,1\n");
    assertThatThrownBy(() -> DailyBarLoader.load(file, manifestOf(file, 2, "2018-02-02", "2018-02-02"), true))
        .hasMessageContaining("spy_daily.csv: line 3: duplicate date 2018-02-02");
  }

  @Test
  void shouldRejectANonPositivePrice() throws IOException {
    Path file = write("spy_daily.csv", GOOD.replace("275.45", "0"));
    assertThatThrownBy(() -> DailyBarLoader.load(file, manifestOf(file, 3, "2018-02-01", "2018-02-05"), true))
        .hasMessageContaining("spy_daily.csv: line 3 column close is '0': prices must be finite and > 0");
  }

  @Test
  void shouldRejectAShaMismatchNamingBothDigests() throws IOException {
    Path file = write("spy_daily.csv", GOOD);
    DatasetManifest manifest = manifestOf(file, 3, "2018-02-01", "2018-02-05");
    Files.writeString(file, GOOD.replace("263.93", "263.94"));
    assertThatThrownBy(() -> DailyBarLoader.load(file, manifest, true))
        .hasMessageContaining("spy_daily.csv: sha256 is " + ManifestCheck.sha256(file))
        .hasMessageContaining("but manifest spy-daily expects " + manifest.sha256());
    assertThat(DailyBarLoader.load(file, manifest, false).bars()).hasSize(3);
  }

  @Test
  void shouldRejectARowCountOrSpanOtherThanTheManifests() throws IOException {
    Path file = write("spy_daily.csv", GOOD);
    assertThatThrownBy(() -> DailyBarLoader.load(file, manifestOf(file, 4, "2018-02-01", "2018-02-05"), true))
        .hasMessageContaining("spy_daily.csv: has 3 data rows but manifest spy-daily expects 4");
    assertThatThrownBy(() -> DailyBarLoader.load(file, manifestOf(file, 3, "2018-01-31", "2018-02-05"), true))
        .hasMessageContaining("spans 2018-02-01 .. 2018-02-05 but manifest spy-daily expects 2018-01-31 .. 2018-02-05");
  }

  @Test
  void rateFilesAcceptNegativeRatesButNotGarbage() throws IOException {
    DatasetManifest dtb3 = Dataset.DTB3_DAILY.manifest();
    Path file = write("rf_dtb3_daily.csv", "date,dtb3_pct\n2020-03-25,-0.04\n2020-03-26,-0.05\n");
    RateSeries series = RateSeriesLoader.load(file, dtb3.withExpected(2, LocalDate.parse("2020-03-25"),
        LocalDate.parse("2020-03-26"), ManifestCheck.sha256(file)), true);
    assertThat(series.observations()).extracting(RateObservation::percent).containsExactly(-0.04, -0.05);
    Path bad = write("bad.csv", "date,dtb3_pct\n2020-03-25,abc\n");
    assertThatThrownBy(() -> RateSeriesLoader.load(bad, dtb3, true))
        .hasMessageContaining("bad.csv: line 2 column dtb3_pct is 'abc', not a number");
  }

  @Test
  void aMissingFileNamesTheDirectoryAndWhereItCameFrom() {
    DataDirectory empty = new DataDirectory(dir, "HEDGE_DATA_DIR");
    assertThatThrownBy(() -> DailyBarLoader.load(empty, Dataset.SPY_DAILY, true))
        .hasMessageContaining("data directory (from HEDGE_DATA_DIR) lacks [spy_daily.csv]");
    assertThat(DataAvailability.check(empty, List.of(Dataset.SPY_DAILY), java.util.Map.of("CI", "true")).mustFail())
        .isTrue();
  }
}
