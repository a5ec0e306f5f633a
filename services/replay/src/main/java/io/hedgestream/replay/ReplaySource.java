package io.hedgestream.replay;

import io.hedgestream.replay.flow.BookFile;
import io.hedgestream.replay.flow.FixedBookFlow;
import io.hedgestream.replay.flow.FlowSettings;
import io.hedgestream.replay.flow.HirmRollFlow;
import io.hedgestream.replay.flow.LiabilityFlow;
import io.hedgestream.replay.flow.PoissonFlow;
import io.hedgestream.replay.queue.IngestResult;
import io.hedgestream.replay.queue.QueueContents;
import io.hedgestream.replay.queue.QueueHeader;
import io.hedgestream.replay.queue.TickQueue;
import io.hedgestream.replay.ticks.TickBuild;
import io.hedgestream.replay.ticks.TickBuilder;
import io.hedgestream.replay.ticks.TickSettings;
import io.hedgestream.replaydata.DailyBarLoader;
import io.hedgestream.replaydata.DataDirectory;
import io.hedgestream.replaydata.Dataset;
import io.hedgestream.replaydata.ManifestCheck;
import io.hedgestream.replaydata.RateSeriesLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay's Java API: ingest the CSVs into the Chronicle queue (once), and read a window of it back with
 * a liability flow as a {@link ReplayTimeline}.
 *
 * <pre>{@code
 * ReplayConfig config = ReplayConfig.from(properties);
 * ReplaySource.ingest(config);                      // no-op when the queue is up to date
 * ReplayTimeline timeline = ReplaySource.timeline(config);
 * }</pre>
 */
public final class ReplaySource {

  /** The datasets ticks are built from. */
  public static final List<Dataset> SOURCES = List.of(Dataset.SPY_DAILY, Dataset.VIX_DAILY, Dataset.DTB3_DAILY);

  private ReplaySource() {}

  /** Ingests with the config's data directory, queue directory and tick settings. */
  public static IngestResult ingest(ReplayConfig config) {
    return ingest(config.dataDir(), config.verifySha256(), config.queueDir(), config.ticks());
  }

  /**
   * Ingests SPY, VIX and DTB3 into a queue unless an identical one is there.
   *
   * @param dataDir the CSV files
   * @param verifySha256 whether the files must match the manifests' sha256
   * @param queueDir the queue's directory
   * @param settings tick construction
   * @return what was done
   * @throws io.hedgestream.replaydata.DataValidationException when a file is missing or invalid
   */
  public static IngestResult ingest(DataDirectory dataDir, boolean verifySha256, Path queueDir, TickSettings settings) {
    dataDir.requireFiles(SOURCES);
    Map<String, String> shas = new LinkedHashMap<>();
    for (Dataset dataset : SOURCES) {
      shas.put(dataset.fileName(), ManifestCheck.sha256(dataDir.file(dataset)));
    }
    QueueHeader expected = new QueueHeader(1, settings.describe(), shas);
    return TickQueue.ingest(queueDir, expected, () -> build(dataDir, verifySha256, settings));
  }

  /**
   * Loads, validates and joins the CSVs into ticks (no queue).
   *
   * @param dataDir the CSV files
   * @param verifySha256 whether the files must match the manifests' sha256
   * @param settings tick construction
   * @return the ticks and the build report
   */
  public static TickBuild build(DataDirectory dataDir, boolean verifySha256, TickSettings settings) {
    return TickBuilder.build(DailyBarLoader.load(dataDir, Dataset.SPY_DAILY, verifySha256),
        DailyBarLoader.load(dataDir, Dataset.VIX_DAILY, verifySha256),
        RateSeriesLoader.load(dataDir, Dataset.DTB3_DAILY, verifySha256), settings);
  }

  /**
   * The config's window of the queue with the config's flow.
   *
   * @param config the replay configuration (the queue must have been ingested)
   * @return the timeline
   */
  public static ReplayTimeline timeline(ReplayConfig config) {
    QueueContents contents = TickQueue.read(config.queueDir());
    return ReplayTimeline.of(contents.ticks(), config.window(), flow(config.flow()));
  }

  /** A fresh flow for the settings. */
  public static LiabilityFlow flow(FlowSettings settings) {
    return switch (settings.kind()) {
      case HIRM -> new HirmRollFlow(settings);
      case POISSON -> new PoissonFlow(settings);
      case BOOK -> new FixedBookFlow(settings, BookFile.read(settings.bookFile()));
      case NONE -> LiabilityFlow.NONE;
    };
  }
}
