package io.hedgestream.launcher;

import io.hedgestream.replay.ReplayConfig;
import io.hedgestream.replay.ReplaySource;
import io.hedgestream.replay.queue.IngestResult;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hedge replay ingest}: validate the CSVs and write the replay queue, unless an identical one exists. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Validate spy_daily.csv, vix_daily.csv and rf_dtb3_daily.csv against their manifests and write "
        + "the ticks to the Chronicle queue. An identical queue (same file sha256s and tick settings) is kept; "
        + "a different one is rebuilt."})
final class ReplayIngestCommand implements Callable<Integer> {

  @Mixin
  ReplayOptions options;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  ReplayIngestCommand() {}

  @Override
  public Integer call() {
    ReplayConfig config = options.resolve(Map.of());
    IngestResult result = ReplaySource.ingest(config);
    spec.commandLine().getOut().println("hedge replay ingest: data " + config.dataDir() + "; " + result.summary());
    return 0;
  }
}
