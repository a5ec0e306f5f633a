package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.broker.EmbeddedKafkaBroker;
import io.hedgestream.engine.EngineService;
import io.hedgestream.gateway.GatewayService;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import io.hedgestream.replay.ReplayConfig;
import io.hedgestream.replay.ReplaySource;
import io.hedgestream.replay.ReplayTimeline;
import io.hedgestream.replay.queue.QueueContents;
import io.hedgestream.replay.queue.TickQueue;
import io.hedgestream.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hedge replay run} as a story: ingest the data (once), cut the window into steps (after the warm-up
 * days the policy's rolling features need, {@link PolicyWarmup}), start a broker
 * (unless one is given), create the topics, start the paper gateway (order-time fills at the run's costs)
 * and the engine (the chosen policy, a decision every tick), replay the steps in lockstep while collecting
 * the engine's output, and compute the results table (written with its JSON and chart when an output
 * directory is given).
 */
public final class ReplayRun {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayRun.class);

  private final ReplayConfig replay;
  private final RunOptions options;
  private final Watcher watcher;

  /**
   * A run.
   *
   * @param replay data, window, flow (its publish settings are not used: the run publishes itself)
   * @param options policy, costs, pacing, broker, output
   */
  public ReplayRun(ReplayConfig replay, RunOptions options) {
    this(replay, options, Watcher.NONE);
  }

  /** A run an onlooker follows (the dashboard of {@code hedge replay run --monitor}). */
  public ReplayRun(ReplayConfig replay, RunOptions options, Watcher watcher) {
    this.replay = replay;
    this.options = options;
    this.watcher = watcher;
  }

  /** What a run tells whoever watches it. */
  public interface Watcher {

    /** Watches nothing. */
    Watcher NONE = new Watcher() {};

    /** The run's topics exist on {@code bootstrap}; the replay starts next. */
    default void topicsReady(String bootstrap) {}

    /** The results are written; the broker, engine and gateway still run until this returns. */
    default void finished(Outcome outcome) throws InterruptedException {}
  }

  /**
   * What a run produced.
   *
   * @param results the results table
   * @param pnlEvents every PnL event of the run, in arrival order
   * @param riskSnapshots the engine's risk.metrics records of the run (online diagnostics per book decision)
   * @param deadLetters dead letters read on every *.dlq topic during the run
   * @param lockstepHeld whether every step's hedge holdings equal the previous step's plus the fills of its
   *     orders (the engine booked each day's fills before the next decision)
   * @param ingestMillis ingest (or queue check) time
   * @param startMillis topic creation, gateway and engine start
   * @param replayMillis publishing and waiting for the engine, to the last fill
   */
  public record Outcome(ReplayResults results, List<PnlEvent> pnlEvents, List<RiskSnapshot> riskSnapshots,
      long deadLetters, boolean lockstepHeld,
      long ingestMillis, long startMillis, long replayMillis) {}

  /** Runs with an embedded broker unless the options name a cluster. */
  public Outcome run() throws IOException, InterruptedException {
    if (options.bootstrapServers() != null) {
      return run(options.bootstrapServers(), true);
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Files.createDirectories(
        options.workDir().resolve("broker-" + UUID.randomUUID())))) {
      return run(broker.bootstrapServers(), false);
    }
  }

  /**
   * Runs against a running cluster.
   *
   * @param bootstrap the cluster
   * @param fromLatest whether the engine and gateway start at the topics' ends (a cluster holding other
   *     records) rather than their beginnings (a fresh one)
   * @return the outcome
   */
  public Outcome run(String bootstrap, boolean fromLatest) throws IOException, InterruptedException {
    long start = System.nanoTime();
    ReplaySource.ingest(replay);
    QueueContents queue = TickQueue.read(replay.queueDir());
    ReplayTimeline timeline = ReplayTimeline.of(queue.ticks(), replay.window(), ReplaySource.flow(replay.flow()),
        PolicyWarmup.days(options.policy()));
    List<ReplaySteps.Step> steps = ReplaySteps.of(timeline, options.halfSpreadBps());
    DailyRegimes regimes = DailyRegimes.of(queue.ticks().stream()
        .filter(tick -> tick.getSymbol().equals(replay.ticks().symbol())).toList());
    long ingested = System.nanoTime();
    String runId = UUID.randomUUID().toString().substring(0, 8);
    TopicAdmin.ensureTopics(bootstrap, options.kafkaOverrides(), 1, Topics.allNames());
    watcher.topicsReady(bootstrap);
    Path stateDir = Files.createDirectories(options.workDir().resolve("engine-" + runId));
    try (GatewayService gateway = GatewayService.start(ReplayServices.gateway(options, bootstrap, runId, fromLatest));
        EngineService engine = EngineService.start(ReplayServices.engine(options, bootstrap, runId, stateDir,
            fromLatest));
        RunCollector collector = new RunCollector(bootstrap, options.kafkaOverrides());
        Producer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap))) {
      if (!engine.awaitRunning(Duration.ofSeconds(60))) {
        throw new IllegalStateException("replay run: the engine did not reach RUNNING in 60 s: " + engine.state());
      }
      if (fromLatest) {
        awaitAssigned(bootstrap, "replay-gateway-" + runId);
      }
      long started = System.nanoTime();
      new LockstepDriver(producer, collector, new EngineProgress(engine.streams()), options.stepTimeout())
          .run(steps, options.pacing());
      long replayed = System.nanoTime();
      gateway.failure().ifPresent(error -> {
        throw new IllegalStateException("replay run: the gateway failed", error);
      });
      collector.awaitRiskSnapshots(options.stepTimeout());
      List<PnlEvent> events = collector.pnlEvents();
      List<ReplayStep> replaySteps = new ArrayList<>();
      for (PnlEvent event : events) {
        replaySteps.add(ReplayStep.of(event, collector.hedgeInstrumentsOf(event.getBook(), event.getSymbol()),
            regimes.at(event.getEventTimeMicros())));
      }
      RunDescription description = new RunDescription(replay.window().name(),
          replay.window().span().from().toString(), replay.window().span().to().toString(), options.policy(),
          replay.flow().kind().label(), options.costsBps(), options.pacing().label(),
          steps.size() - timeline.warmupTicks(), (int) timeline.warmupDays(), millis(replayed - started));
      ReplayResults results = ReplayResults.of(description, replaySteps);
      boolean held = LockstepCheck.holds(events, collector.hedgeOrders());
      Outcome outcome = new Outcome(results, events, collector.riskSnapshots(), collector.deadLetters(), held, millis(ingested - start),
          millis(started - ingested), millis(replayed - started));
      write(outcome);
      watcher.finished(outcome);
      return outcome;
    }
  }

  private java.util.Map<String, Object> producerSettings(String bootstrap) {
    java.util.Map<String, Object> settings = KafkaClients.producer(bootstrap, options.kafkaOverrides());
    settings.put("linger.ms", 0);
    return settings;
  }

  /**
   * Waits until the gateway's group has its partitions, plus a grace for its first position lookup: a
   * gateway starting at the topics' ends must not miss the run's first orders.
   */
  private void awaitAssigned(String bootstrap, String groupId) throws InterruptedException {
    try (Admin admin = Admin.create(KafkaClients.admin(bootstrap, options.kafkaOverrides()))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId);
        if (group.groupState() == GroupState.STABLE
            && group.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
          Thread.sleep(500);
          return;
        }
        Thread.sleep(50);
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("replay run: cannot describe the gateway's group " + groupId, e.getCause());
    }
    throw new IllegalStateException("replay run: the gateway's group " + groupId + " got no partitions in 60 s");
  }

  private void write(Outcome outcome) throws IOException {
    if (options.outDir() == null) {
      return;
    }
    Files.createDirectories(options.outDir());
    ResultsJson.write(outcome.results(), options.outDir());
    Files.writeString(options.outDir().resolve("results.txt"), ResultsTable.format(outcome.results()));
    CumulativePnlChart.write(outcome.results(), options.outDir().resolve("cumulative-pnl.png"));
    LOG.info("replay run results in {}", options.outDir().toAbsolutePath());
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
