package io.hedgestream.replay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.replay.HistoricalData;
import io.hedgestream.replay.ReplaySource;
import io.hedgestream.replay.SyntheticMarket;
import io.hedgestream.replay.ticks.TickBuild;
import io.hedgestream.replay.ticks.TickSettings;
import io.hedgestream.replaydata.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chronicle queue holds exactly the ticks built from the CSVs, is written once and rebuilt on change. */
class TickQueueIT {

  @TempDir
  Path dir;

  @Test
  void ingestOfTheRealFilesReadsBackTheTicksBuiltFromCsvAndIsIdempotent() {
    DataDirectory data = HistoricalData.require();
    Path queue = dir.resolve("queue");
    IngestResult first = ReplaySource.ingest(data, true, queue, TickSettings.DEFAULT);
    assertThat(first.outcome()).isEqualTo(IngestResult.Outcome.CREATED);
    TickBuild fromCsv = ReplaySource.build(data, true, TickSettings.DEFAULT);
    QueueContents contents = TickQueue.read(queue);
    assertThat(contents.ticks()).isEqualTo(fromCsv.ticks());
    assertThat(contents.header().sourceSha256()).containsKeys("spy_daily.csv", "vix_daily.csv", "rf_dtb3_daily.csv");

    IngestResult again = ReplaySource.ingest(data, true, queue, TickSettings.DEFAULT);
    assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.UNCHANGED);
    assertThat(again.ticks()).isEqualTo(fromCsv.ticks().size());

    TickSettings intraday = new TickSettings("SPY", 1.0, true);
    IngestResult rebuilt = ReplaySource.ingest(data, true, queue, intraday);
    assertThat(rebuilt.outcome()).isEqualTo(IngestResult.Outcome.REBUILT);
    assertThat(TickQueue.read(queue).ticks()).hasSize(4 * fromCsv.ticks().size());
  }

  @Test
  void differentSourcesRebuildAndForeignFilesAreNeverDeleted() throws IOException {
    Path queue = dir.resolve("queue");
    TickBuild small = SyntheticMarket.ticks(LocalDate.of(2018, 2, 1), 10, TickSettings.DEFAULT);
    QueueHeader header = new QueueHeader(1, TickSettings.DEFAULT.describe(), Map.of("spy_daily.csv", "a"));
    assertThat(TickQueue.ingest(queue, header, () -> small).outcome()).isEqualTo(IngestResult.Outcome.CREATED);
    assertThat(TickQueue.read(queue).ticks()).isEqualTo(small.ticks());
    assertThat(TickQueue.ingest(queue, header, () -> { throw new AssertionError("must not rebuild"); }).outcome())
        .isEqualTo(IngestResult.Outcome.UNCHANGED);
    QueueHeader other = new QueueHeader(1, TickSettings.DEFAULT.describe(), Map.of("spy_daily.csv", "b"));
    assertThat(TickQueue.ingest(queue, other, () -> small).outcome()).isEqualTo(IngestResult.Outcome.REBUILT);
    assertThat(TickQueue.read(queue).header()).isEqualTo(other);

    Files.writeString(queue.resolve("notes.txt"), "mine");
    QueueHeader third = new QueueHeader(1, TickSettings.DEFAULT.describe(), Map.of("spy_daily.csv", "c"));
    assertThatThrownBy(() -> TickQueue.ingest(queue, third, () -> small)).hasMessageContaining("notes.txt");
    assertThat(queue.resolve("notes.txt")).exists();
  }
}
