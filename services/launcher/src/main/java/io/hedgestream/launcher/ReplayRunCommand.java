package io.hedgestream.launcher;

import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.launcher.replayrun.Pacing;
import io.hedgestream.launcher.replayrun.ReplayRun;
import io.hedgestream.launcher.replayrun.ResultsTable;
import io.hedgestream.launcher.replayrun.RunOptions;
import io.hedgestream.monitor.MonitorService;
import io.hedgestream.replay.ReplayConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hedge replay run}: a window through the real engine and paper gateway over a real broker (embedded
 * unless {@code --bootstrap-servers}), in lockstep, ending with the results table (and its JSON and chart
 * under {@code --out}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replay a window through the engine (the chosen policy) and the paper gateway (order-time "
        + "fills, --costs bps fee) over a real broker, one day at a time, and print the results table per "
        + "regime and overall (mean, std, VaR95, CVaR95, max drawdown, turnover TR, efficiency ER)."})
final class ReplayRunCommand implements Callable<Integer> {

  @Mixin
  ReplayOptions options;

  @Option(names = "--window", paramLabel = "NAME", defaultValue = "covid-2020",
      description = "calm-2017-2019, volmageddon-2018, late-2018, covid-2020 (default), selloff-2022 or all.")
  String window;

  @Option(names = "--from", paramLabel = "DATE", description = "First date of a custom window (replay.from).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last date of a custom window (replay.to).")
  String to;

  @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "model",
      description = "model (the shipped models/" + ShippedPolicy.NAME + ", default), delta, or a model folder.")
  String policy;

  @Option(names = "--costs", paramLabel = "BPS", defaultValue = "0",
      description = "Proportional cost c: every hedge fill pays c x 1e-4 x |quantity| x price (default 0).")
  double costsBps;

  @Option(names = "--flow", paramLabel = "FLOW", description = "hirm (default), poisson or book (replay.flow).")
  String flow;

  @Option(names = "--book-file", paramLabel = "FILE", description = "Trades of the book flow (replay.flow.book-file).")
  String bookFile;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the poisson flow (replay.flow.seed).")
  Long seed;

  @Option(names = "--pacing", paramLabel = "MODE", defaultValue = "lockstep",
      description = "lockstep (default; deterministic per-step PnL) or max-speed (fill timing not deterministic).")
  String pacing;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "replay-results",
      description = "Where results.json, steps.json, results.txt and cumulative-pnl.png go (default replay-results).")
  Path out;

  @Option(names = "--monitor", description = "Serve the monitor's dashboard (http://127.0.0.1:8090/, or a free port) "
      + "on the replay's topics as it runs; after the run it stays up, with the broker, until Ctrl-C.")
  boolean monitor;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  ReplayRunCommand() {}

  @Override
  public Integer call() throws Exception {
    Map<String, String> typed = new HashMap<>();
    ReplayOptions.put(typed, "replay.window", from == null && to == null ? window : null);
    ReplayOptions.put(typed, "replay.from", from);
    ReplayOptions.put(typed, "replay.to", to);
    ReplayOptions.put(typed, "replay.flow", flow);
    ReplayOptions.put(typed, "replay.flow.book-file", bookFile);
    ReplayOptions.put(typed, "replay.flow.seed", seed);
    ReplayConfig replay = options.resolve(typed);
    Map<String, Object> kafka = KafkaClients.passThrough(options.config.resolve(Map.of(), Map.of()));
    Path work = Files.createTempDirectory("hedge-replay-run");
    RunOptions run = new RunOptions(policyPath(), costsBps, options.halfSpreadBps == null ? 0 : options.halfSpreadBps,
        Pacing.parse(pacing), options.config.bootstrapServers, out, work, Duration.ofSeconds(60), kafka);
    PrintWriter console = spec.commandLine().getOut();
    console.println("hedge replay run: " + replay.window() + ", flow " + replay.flow().kind().label() + ", policy "
        + run.policy() + ", costs " + costsBps + " bps, " + run.pacing().label() + ", "
        + (run.bootstrapServers() == null ? "embedded broker" : run.bootstrapServers()));
    console.flush();
    if (!monitor) {
      ReplayRun.Outcome outcome = new ReplayRun(replay, run).run();
      report(console, outcome);
      return outcome.deadLetters() == 0 ? 0 : 1;
    }
    DashboardStart dashboard = DashboardStart.serve(options.config.resolve(Map.of(), Map.of()));
    try (MonitorService dashboardMonitor = dashboard.monitor(); StopSignal stop = StopSignal.install()) {
      console.println("hedge replay run: monitor at " + dashboardMonitor.url() + dashboard.note());
      console.flush();
      ReplayRun.Outcome outcome = new ReplayRun(replay, run, new ReplayRun.Watcher() {
        @Override
        public void topicsReady(String bootstrap) {
          dashboardMonitor.attach(bootstrap);
        }

        @Override
        public void finished(ReplayRun.Outcome result) throws InterruptedException {
          report(console, result);
          console.println("hedge replay run: the dashboard stays at " + dashboardMonitor.url() + "; Ctrl-C to stop");
          console.flush();
          while (!stop.await(Duration.ofSeconds(1))) {
            // Serving until asked to stop.
          }
        }
      }).run();
      return outcome.deadLetters() == 0 ? 0 : 1;
    }
  }

  private void report(PrintWriter console, ReplayRun.Outcome outcome) {
    console.print(ResultsTable.format(outcome.results()));
    console.println("dead letters " + outcome.deadLetters() + ", lockstep held " + outcome.lockstepHeld()
        + ", ingest " + outcome.ingestMillis() + " ms, start " + outcome.startMillis() + " ms, replay "
        + outcome.replayMillis() + " ms; results in " + out.toAbsolutePath());
    console.flush();
  }

  private String policyPath() {
    if (policy.equals("model")) {
      return ShippedPolicy.locate().map(Path::toString).orElseThrow(() -> new IllegalArgumentException(
          "--policy model: models/" + ShippedPolicy.NAME + " not found under hedge.home or the working directory"));
    }
    return policy;
  }
}
