package io.hedgestream.launcher.replayrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.monitor.MonitorConfig;
import io.hedgestream.monitor.MonitorService;
import io.hedgestream.replay.ReplayConfig;
import io.hedgestream.replay.ReplaySource;
import io.hedgestream.replaydata.DataAvailability;
import io.hedgestream.risk.TailSketch;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * volmageddon-2018 with the HIRM flow at 5 bps through the real engine and gateway over a real broker, with
 * the delta hedge and the shipped model: one PnL event per book per day, the ledger identity, no dead
 * letters, the results JSON, the table recomputed independently from the PnL events, and parity with the
 * trainer: every step's PnL, cumulative PnL and hedge holding equal the trainer's golden evaluation of the
 * same window, flow and costs (services/trainer/tests/golden) to 1e-6. The per-step PnL also goes to
 * target/replay-parity/&lt;policy&gt;/steps.json for the trainer's own parity test.
 */
class ReplayRunIT {

  /** The issue's parity bound, per step. */
  private static final double PARITY = 1e-6;

  @ParameterizedTest
  @ValueSource(strings = {"delta", "model"})
  void volmageddonThroughEngineAndGateway(String policy) throws Exception {
    DataAvailability availability = DataAvailability.check(ReplaySource.SOURCES);
    if (availability.mustFail()) {
      Assertions.fail(availability.message());
    }
    Assumptions.assumeTrue(availability.present(), availability.message());
    Path work = Files.createTempDirectory("replay-run-it");
    Properties props = new Properties();
    props.setProperty("replay.data.dir", availability.dir().path().toString());
    props.setProperty("replay.queue.dir", Path.of("target/replay-queue").toAbsolutePath().toString());
    props.setProperty("replay.window", "volmageddon-2018");
    props.setProperty("replay.flow", "hirm");
    ReplayConfig replay = ReplayConfig.from(props);
    Path out = Path.of("target/replay-parity", policy).toAbsolutePath();
    RunOptions options = RunOptions.of(policy.equals("model") ? shippedModel() : "delta", 5, work).withOutDir(out);

    ReplayRun.Outcome outcome = new ReplayRun(replay, options).run(KafkaFixture.bootstrapServers(), true);

    List<PnlEvent> events = outcome.pnlEvents();
    int days = outcome.results().run().days();
    assertThat(days).isGreaterThan(30);
    assertThat(events).hasSize(days);
    Set<String> bookDays = events.stream().map(e -> e.getBook() + "@" + e.getEventTimeMicros())
        .collect(Collectors.toSet());
    assertThat(bookDays).hasSize(events.size());
    double sum = events.stream().mapToDouble(PnlEvent::getStepPnl).sum();
    assertThat(sum).isCloseTo(events.get(events.size() - 1).getCumulativePnl(), within(1e-6));
    assertThat(outcome.deadLetters()).isZero();
    assertThat(outcome.lockstepHeld()).isTrue();
    assertThat(events.stream().mapToDouble(PnlEvent::getCosts).sum()).isPositive();

    String json = Files.readString(out.resolve("results.json"));
    for (String field : List.of("\"run\"", "\"overall\"", "\"byRegime\"", "\"mean\"", "\"std\"", "\"var95\"",
        "\"cvar95\"", "\"maxDrawdown\"", "\"turnoverRatio\"", "\"efficiency\"", "\"totalPnl\"")) {
      assertThat(json).contains(field);
    }
    assertThat(Files.size(out.resolve("cumulative-pnl.png"))).isPositive();
    assertThat(Files.readString(out.resolve("steps.json"))).contains("\"stepPnl\"");
    recomputeIndependently(events, outcome.results(), outcome.riskSnapshots());
    matchesTrainerGolden(events, "volmageddon-2018", policy.equals("model") ? "bs-delta-mlp-v1" : "delta");
  }

  /**
   * {@code hedge replay run --monitor}: a monitor attached when the run's topics exist (the watcher's first call)
   * shows, by the time the run is finished (its second), the replay's book at its last PnL event, with the
   * regime bands of the window.
   */
  @org.junit.jupiter.api.Test
  void aMonitorWatchingTheReplayShowsItsBookAsTheRunEnds() throws Exception {
    DataAvailability availability = DataAvailability.check(ReplaySource.SOURCES);
    if (availability.mustFail()) {
      Assertions.fail(availability.message());
    }
    Assumptions.assumeTrue(availability.present(), availability.message());
    Properties props = new Properties();
    props.setProperty("replay.data.dir", availability.dir().path().toString());
    props.setProperty("replay.queue.dir", Path.of("target/replay-queue").toAbsolutePath().toString());
    props.setProperty("replay.window", "volmageddon-2018");
    props.setProperty("replay.flow", "hirm");
    // A book of its own: the other runs of this class write the same window's book on the shared topics.
    props.setProperty("replay.flow.book", "SPY-monitor-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    Properties monitorProps = new Properties();
    monitorProps.setProperty("monitor.http.port", "0");
    Map<String, Object> shown = new HashMap<>();
    try (MonitorService monitor = MonitorService.serve(MonitorConfig.from(monitorProps, Map.of()))) {
      ReplayRun.Outcome outcome = new ReplayRun(ReplayConfig.from(props),
          RunOptions.of("delta", 5, Files.createTempDirectory("replay-monitor-it"))
              .withOutDir(Path.of("target/replay-monitor").toAbsolutePath()),
          new ReplayRun.Watcher() {
            @Override
            public void topicsReady(String bootstrap) {
              monitor.attach(bootstrap);
            }

            @Override
            public void finished(ReplayRun.Outcome result) throws InterruptedException {
              PnlEvent last = result.pnlEvents().get(result.pnlEvents().size() - 1);
              long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
              while (System.nanoTime() < deadline) {
                Map<String, Object> book = monitor.view().book(last.getBook(), 1_000).orElse(Map.of());
                Object latest = book.get("latest");
                if (latest instanceof Map<?, ?> l && Long.valueOf(last.getStep()).equals(l.get("step"))
                    && Double.valueOf(last.getCumulativePnl()).equals(l.get("cumulativePnl"))) {
                  shown.putAll(book);
                  return;
                }
                Thread.sleep(50);
              }
            }
          }).run(KafkaFixture.bootstrapServers(), true);

      PnlEvent last = outcome.pnlEvents().get(outcome.pnlEvents().size() - 1);
      assertThat(shown).as("the monitor's page of book %s when the run finished", last.getBook()).isNotEmpty();
      assertThat(((Map<?, ?>) shown.get("latest")).get("cumulativePnl")).isEqualTo(last.getCumulativePnl());
      assertThat((List<?>) shown.get("regimeBands")).as("the window's regime bands").isNotEmpty();
      assertThat(monitor.url()).startsWith("http://127.0.0.1:");
    }
  }

  /**
   * covid-2020 with a policy the HIRM study exported (robust-regime-v1: rolling features, regime one-hot and
   * illiquid flag): the replay publishes the warm-up days the features need before the window, so no decision
   * falls back for warm-up, and every step equals the trainer's evaluation of the exported policy (the golden
   * also fixes the number of guardrail fallbacks).
   */
  @ParameterizedTest
  @ValueSource(strings = {"hirm-spy-v1", "erm-spy-v1"})
  void covidWithAnExportedRobustPolicy(String model) throws Exception {
    DataAvailability availability = DataAvailability.check(ReplaySource.SOURCES);
    if (availability.mustFail()) {
      Assertions.fail(availability.message());
    }
    Assumptions.assumeTrue(availability.present(), availability.message());
    Path work = Files.createTempDirectory("replay-run-covid-it");
    Properties props = new Properties();
    props.setProperty("replay.data.dir", availability.dir().path().toString());
    props.setProperty("replay.queue.dir", Path.of("target/replay-queue").toAbsolutePath().toString());
    props.setProperty("replay.window", "covid-2020");
    props.setProperty("replay.flow", "hirm");
    Path out = Path.of("target/replay-parity", model).toAbsolutePath();
    RunOptions options = RunOptions.of(projectPath("models/" + model + "/policy.onnx").getParent().toString(), 0, work).withOutDir(out);

    ReplayRun.Outcome outcome = new ReplayRun(ReplayConfig.from(props), options).run(
        KafkaFixture.bootstrapServers(), true);

    assertThat(outcome.deadLetters()).isZero();
    assertThat(outcome.lockstepHeld()).isTrue();
    assertThat(outcome.pnlEvents()).hasSize(outcome.results().run().days());
    JsonNode golden = matchesTrainerGolden(outcome.pnlEvents(), "covid-2020", model);
    long fallbacks = outcome.pnlEvents().stream().filter(e -> e.getReason().toString().contains("FALLBACK")).count();
    assertThat(fallbacks).as("guardrail fallbacks, as in the trainer's evaluation").isEqualTo(
        golden.get("fallbacks").asLong());
  }

  /**
   * Every step equals the trainer's golden step of the same tick (matched by event time) to 1e-6; returns the
   * golden document.
   */
  private static JsonNode matchesTrainerGolden(List<PnlEvent> events, String window, String goldenPolicy)
      throws Exception {
    Path golden = projectPath("services/trainer/tests/golden/replay-" + window + "-" + goldenPolicy + ".json");
    JsonNode document = new ObjectMapper().readTree(golden.toFile());
    JsonNode steps = document.get("steps");
    Map<Long, PnlEvent> byTime = new HashMap<>();
    events.forEach(event -> byTime.put(ChronoUnit.MICROS.between(Instant.EPOCH, event.getEventTimeMicros()), event));
    assertThat(byTime).hasSize(steps.size());
    for (JsonNode step : steps) {
      PnlEvent event = byTime.get(step.get("eventMicros").asLong());
      String at = goldenPolicy + " step " + step.get("date").asText();
      assertThat(event).as(at).isNotNull();
      assertThat(event.getStepPnl()).as(at + " stepPnl").isCloseTo(step.get("stepPnl").asDouble(), within(PARITY));
      assertThat(event.getCumulativePnl()).as(at + " cumulativePnl")
          .isCloseTo(step.get("cumulativePnl").asDouble(), within(PARITY));
      assertThat(event.getPositions().getOrDefault(event.getSymbol(), 0.0)).as(at + " holding")
          .isEqualTo(step.get("holding").asDouble());
    }
    return document;
  }

  /**
   * The overall row, and the engine's streamed cumulative diagnostics after the last step (risk.metrics),
   * from the raw PnL events, by sorting and summing directly.
   */
  private static void recomputeIndependently(List<PnlEvent> events, ReplayResults results,
      List<RiskSnapshot> streamed) {
    double[] pnl = events.stream().sorted((a, b) -> a.getEventTimeMicros().compareTo(b.getEventTimeMicros()))
        .mapToDouble(PnlEvent::getStepPnl).toArray();
    int n = pnl.length;
    double mean = Arrays.stream(pnl).average().orElseThrow();
    double var = Arrays.stream(pnl).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
    double[] losses = Arrays.stream(pnl).map(x -> -x).sorted().toArray();
    int k = (n + 19) / 20;
    double cvar = Arrays.stream(losses, n - k, n).average().orElseThrow();
    double peak = 0;
    double cumulative = 0;
    double drawdown = 0;
    for (double x : pnl) {
      cumulative += x;
      peak = Math.max(peak, cumulative);
      drawdown = Math.max(drawdown, peak - cumulative);
    }
    double[] targets = events.stream().sorted((a, b) -> a.getEventTimeMicros().compareTo(b.getEventTimeMicros()))
        .mapToDouble(e -> e.getTargetHoldings().getOrDefault(e.getSymbol(), 0.0)).toArray();
    double moves = Math.abs(targets[0]);
    for (int i = 1; i < n; i++) {
      moves += Math.abs(targets[i] - targets[i - 1]);
    }
    double turnover = moves / Arrays.stream(targets).map(Math::abs).sum();
    RiskFigures overall = results.overall();
    assertThat(overall.mean()).isCloseTo(mean, within(1e-9));
    assertThat(overall.std()).isCloseTo(Math.sqrt(var), within(1e-9));
    assertThat(overall.var95()).isCloseTo(losses[n - k], within(1e-9));
    assertThat(overall.cvar95()).isCloseTo(cvar, within(1e-9));
    assertThat(overall.maxDrawdown()).isCloseTo(drawdown, within(1e-9));
    assertThat(overall.turnoverRatio()).isCloseTo(turnover, within(1e-12));
    assertThat(overall.efficiency()).isCloseTo(mean / cvar, within(1e-12));
    Map<String, RiskFigures> regimes = results.byRegime();
    assertThat(regimes.values().stream().mapToInt(RiskFigures::steps).sum()).isEqualTo(n);
    assertThat(new HashSet<>(ReplayResults.REGIMES)).containsAll(regimes.keySet());

    assertThat(streamed).as("one risk snapshot per decision").hasSize(n);
    RiskSnapshot last = streamed.stream().max((a, b) -> a.getEventTimeMicros().compareTo(b.getEventTimeMicros()))
        .orElseThrow();
    double downside = Math.sqrt(Arrays.stream(pnl).map(x -> Math.min(x, 0) * Math.min(x, 0)).sum() / n);
    double scale = Math.sqrt(var);
    assertThat(last.getCumulativeMean()).isCloseTo(mean, within(1e-9));
    assertThat(last.getCumulativeStd()).isCloseTo(Math.sqrt(var), within(1e-9));
    assertThat(last.getMaxDrawdown()).isCloseTo(drawdown, within(1e-9));
    assertThat(last.getCumulativeTurnoverRatio()).isCloseTo(turnover, within(1e-12));
    assertThat(last.getCumulativeSortino()).isCloseTo(mean / downside, within(1e-9));
    assertThat(last.getCumulativeCvar95()).as("t-digest CVaR95 within its stated error")
        .isCloseTo(cvar, within(TailSketch.CVAR_ERROR_IN_STD * scale));
    assertThat(last.getCumulativeVar95()).isCloseTo(losses[n - k], within(TailSketch.VAR_ERROR_IN_STD * scale));
  }

  private static String shippedModel() {
    return projectPath("models/bs-delta-mlp-v1/policy.onnx").getParent().toString();
  }

  /** A file of the project, looked for above the working directory. */
  private static Path projectPath(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
