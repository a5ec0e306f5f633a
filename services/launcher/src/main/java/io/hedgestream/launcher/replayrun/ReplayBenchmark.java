package io.hedgestream.launcher.replayrun;

import io.hedgestream.broker.EmbeddedKafkaBroker;
import io.hedgestream.replay.ReplayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Times ingest + replay of SPY daily 2010-01-01..2023-12-31 (HIRM flow, 5 bps) through the engine and the
 * paper gateway, with the delta hedge and the shipped model, in lockstep and at max speed; each run gets a
 * fresh embedded broker (its start is not timed) and a fresh queue (the ingest is timed). Writes
 * {@code services/replay/results/replay.json} (or the path given as the second argument), with the machine's
 * cores and 1-minute load average before and after each run (other work on the machine shows in the figures).
 *
 * <p>Usage: {@code ReplayBenchmark <data dir> [<output json>] [<model dir>] [lockstep|max-speed]}.
 */
public final class ReplayBenchmark {

  private ReplayBenchmark() {}

  /** Runs the four configurations and writes the figures. */
  public static void main(String[] args) throws Exception {
    // The data directory as every replay command finds it: the argument, else hedge.data.dir, HEDGE_DATA_DIR
    // or replay-data/data.
    Path data = io.hedgestream.replaydata.DataDirectory.resolve(args.length > 0 ? args[0] : null).path();
    Path output = Path.of(args.length > 1 ? args[1] : "services/replay/results/replay.json");
    String model = args.length > 2 ? args[2] : "models/bs-delta-mlp-v1";
    List<String> rows = new ArrayList<>();
    List<Pacing> pacings = args.length > 3 ? List.of(Pacing.parse(args[3])) : List.of(Pacing.values());
    for (String policy : List.of("delta", model)) {
      for (Pacing pacing : pacings) {
        rows.add(time(data, policy, pacing));
        System.out.println(rows.get(rows.size() - 1));
      }
    }
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, "{\"benchmark\": \"replay SPY 2010-2023 daily, hirm, 5 bps\", \"runs\": [\n  "
        + String.join(",\n  ", rows) + "\n]}\n");
    System.out.println("wrote " + output.toAbsolutePath());
  }

  private static String time(Path data, String policy, Pacing pacing) throws Exception {
    Path work = Files.createTempDirectory("replay-bench");
    Properties props = new Properties();
    props.setProperty("replay.data.dir", data.toString());
    props.setProperty("replay.queue.dir", work.resolve("queue").toString());
    props.setProperty("replay.from", "2010-01-01");
    props.setProperty("replay.to", "2023-12-31");
    ReplayConfig replay = ReplayConfig.from(props);
    RunOptions options = RunOptions.of(policy, 5, work).withPacing(pacing);
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("broker"))) {
      double loadBefore = os.getSystemLoadAverage();
      long start = System.nanoTime();
      ReplayRun.Outcome outcome = new ReplayRun(replay, options).run(broker.bootstrapServers(), false);
      long total = (System.nanoTime() - start) / 1_000_000;
      return String.format(Locale.ROOT, "{\"policy\": \"%s\", \"pacing\": \"%s\", \"days\": %d, \"steps\": %d, "
          + "\"ingestMs\": %d, \"startMs\": %d, \"replayMs\": %d, \"totalMs\": %d, \"deadLetters\": %d, "
          + "\"lockstepHeld\": %b, \"totalPnl\": %s, \"cores\": %d, \"load1mBefore\": %.2f, \"load1mAfter\": %.2f}", policy.equals("delta") ? "delta" : "model", pacing.label(),
          outcome.results().run().days(), outcome.results().steps().size(), outcome.ingestMillis(),
          outcome.startMillis(), outcome.replayMillis(), total, outcome.deadLetters(), outcome.lockstepHeld(),
          outcome.results().totalPnl(), os.getAvailableProcessors(), loadBefore, os.getSystemLoadAverage());
    }
  }
}
