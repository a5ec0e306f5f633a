package io.hedgestream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgestream.engine.EngineConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The engine benchmark: throughput of pre-produced ticks and tick-to-hedge-order latency at a fixed offered
 * rate, each with at-least-once and exactly-once processing, one engine instance against a real KRaft
 * broker in this JVM (a fresh broker per scenario). Writes every figure, the configuration and the machine
 * to one JSON file.
 *
 * <pre>
 * java -cp services/bench/target/hedgestream-bench-0.1.0-SNAPSHOT.jar:$(cat services/bench/target/classpath.txt) \
 *     io.hedgestream.bench.EngineBenchmark --out services/bench/results/engine.json
 * </pre>
 */
@Command(name = "engine-benchmark", mixinStandardHelpOptions = true,
    description = "Measures engine throughput and tick-to-order latency against an in-JVM Kafka broker.")
public final class EngineBenchmark implements Callable<Integer> {

  /** Which measurements to run. */
  enum Part { ALL, THROUGHPUT, LATENCY }

  @Option(names = "--out", description = "JSON file to write (default: services/bench/results/engine.json, "
      + "or engine-policy.json with --compare-policies)")
  Path out;

  @Option(names = "--policy", description = "engine.policy of every scenario: delta or a model directory such as "
      + "models/bs-delta-mlp-v1 (default: ${DEFAULT-VALUE})")
  String policy = "delta";

  @Option(names = "--compare-policies", split = ",",
      description = "instead of the scenarios above: the same throughput run (first decision interval) and "
          + "latency run (at --compare-guarantee) once per policy, e.g. delta,models/bs-delta-mlp-v1; the first "
          + "is the baseline the others' throughput cost is relative to")
  List<String> comparePolicies = List.of();

  @Option(names = "--compare-guarantee",
      description = "processing guarantee of the policy comparison: at_least_once (the stream thread's CPU, "
          + "where a policy's cost shows most) or exactly_once_v2 (default: ${DEFAULT-VALUE})")
  String compareGuarantee = EngineConfig.AT_LEAST_ONCE;

  @Option(names = "--rounds", description = "rounds of the policy comparison, the policies' order reversed "
      + "every other round; figures are the median over rounds (default: ${DEFAULT-VALUE})")
  int rounds = 1;

  @Option(names = "--only", description = "ALL, THROUGHPUT or LATENCY (default: ${DEFAULT-VALUE})")
  Part only = Part.ALL;

  @Option(names = "--symbols", description = "underlyings (default: ${DEFAULT-VALUE})")
  int symbols = 10;

  @Option(names = "--books-per-symbol", description = "books per underlying (default: ${DEFAULT-VALUE})")
  int booksPerSymbol = 10;

  @Option(names = "--ticks", description = "ticks pre-produced for the throughput runs (default: ${DEFAULT-VALUE})")
  int ticks = 3_000_000;

  @Option(names = "--throughput-decision-intervals", split = ",",
      description = "engine decision intervals of the throughput runs, each run with both guarantees; ticks are 1 s "
          + "apart per symbol in event time, so PT1M decides every book on every 60th tick of its symbol and "
          + "PT1H measures the tick path alone (default: ${DEFAULT-VALUE})")
  List<Duration> throughputDecisionIntervals = List.of(Duration.ofMinutes(1), Duration.ofHours(1));

  @Option(names = "--rate", description = "offered ticks per second in the latency runs (default: ${DEFAULT-VALUE})")
  int rate = 5_000;

  @Option(names = "--latency-decision-interval",
      description = "engine decision interval of the latency runs (event time = wall time): each book decides on "
          + "the first tick of its symbol this long after its previous decision (default: ${DEFAULT-VALUE})")
  Duration latencyDecisionInterval = Duration.ofMillis(100);

  @Option(names = "--warmup", description = "latency warm-up (default: ${DEFAULT-VALUE})")
  Duration warmup = Duration.ofSeconds(10);

  @Option(names = "--duration", description = "latency measurement window (default: ${DEFAULT-VALUE})")
  Duration duration = Duration.ofSeconds(30);

  @Option(names = "--eos-commit-intervals-ms", split = ",",
      description = "commit intervals of the exactly-once latency runs: read_committed readers see an order only "
          + "once its transaction commits (default: ${DEFAULT-VALUE})")
  List<Long> eosCommitIntervalsMs = List.of(10L, 20L, 50L);

  @Option(names = "--jvm-warmup",
      description = "an unrecorded latency run before the recorded ones, so that the first scenario does not pay "
          + "for JIT compilation and class loading (default: ${DEFAULT-VALUE})")
  Duration jvmWarmup = Duration.ofSeconds(20);

  @Option(names = "--alo-commit-interval-ms",
      description = "commit interval of the at-least-once latency runs: it does not delay outputs, but each commit "
          + "stalls the stream thread (default: ${DEFAULT-VALUE})")
  long aloCommitIntervalMs = 1000;

  @Option(names = "--linger-ms",
      description = "the engine producer's linger.ms in the latency runs (default: the engine's, "
          + "engine.producer.linger.ms: 1 at least once, the commit interval exactly once); Kafka Streams' own "
          + "default of 100 ms is also measured at least once")
  Integer lingerMs;

  @Option(names = "--state-store", description = "rocksdb or memory (default: ${DEFAULT-VALUE})")
  String stateStore = "rocksdb";

  @Spec
  CommandSpec spec;

  private final PrintStream log = System.out;

  /** Runs the benchmark from the command line. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EngineBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "engine");
    report.put("startedAt", Instant.now().toString());
    report.put("arguments", spec.commandLine().getParseResult().originalArgs());
    report.put("gitCommit", MachineInfo.gitCommit());
    report.put("note", "one JVM runs the broker, the engine, the paper gateway and the load generator; the "
        + "machine is shared with other builds, so figures carry that noise (see loadAverage fields)");
    report.put("machine", MachineInfo.describe());
    if (!comparePolicies.isEmpty()) {
      report.put("benchmark", "engine-policy");
      report.put("targets", Map.of("policyThroughputCostMax", PolicyComparison.MAX_THROUGHPUT_COST));
      report.put("policyComparison", comparePolicies());
    } else {
      report.put("policy", policy);
      report.put("targets", Map.of("throughputTicksPerSecondAtLeastOnce", 150_000,
          "throughputTicksPerSecondExactlyOnce", 100_000, "latencyP99EngineOverFloorAtLeastOnce", 1.5,
          "latencyP99MsAtLeastOnceQuietBox", 5, "latencyP99ExactlyOnce", "commit interval + 1.5 x floor p99",
          "offeredRateTicksPerSecond", 5_000));
      if (only != Part.LATENCY) {
        report.put("throughput", throughput());
      }
      if (only != Part.THROUGHPUT) {
        report.put("latency", latency());
      }
    }
    report.put("loadAverageAtEnd", MachineInfo.loadAverage());
    write(report);
    return 0;
  }

  /**
   * Per guarantee: the floor's throughput on the same ticks, then the engine's at each decision interval, each
   * with its ratio to the floor's.
   */
  private List<Map<String, Object>> throughput() throws InterruptedException {
    List<Map<String, Object>> results = new ArrayList<>();
    for (String guarantee : List.of(EngineConfig.EXACTLY_ONCE_V2, EngineConfig.AT_LEAST_ONCE)) {
      EngineSettings floorSettings = new EngineSettings(guarantee, 100, null, throughputDecisionIntervals.get(0), 1.0,
          stateStore, policy);
      log.printf("throughput, %s, floor, %,d ticks%n", guarantee, ticks);
      Map<String, Object> floor = new ThroughputRun(floorSettings, true, ticks, symbols, booksPerSymbol, log).run();
      results.add(floor);
      double floorRate = ((Number) floor.get("ticksPerSecond")).doubleValue();
      for (Duration interval : throughputDecisionIntervals) {
        EngineSettings settings = new EngineSettings(guarantee, 100, null, interval, 1.0, stateStore, policy);
        log.printf("throughput, %s, decision interval %s, %,d ticks%n", guarantee, interval, ticks);
        Map<String, Object> engine = new ThroughputRun(settings, ticks, symbols, booksPerSymbol, log).run();
        results.add(withRatioToFloor(engine, floorRate));
      }
      if (guarantee.equals(EngineConfig.AT_LEAST_ONCE)) {
        // What the 1 ms linger of the at-least-once default costs a backlog: the same run at Streams' 100 ms.
        EngineSettings settings = new EngineSettings(guarantee, 100, EngineSettings.STREAMS_DEFAULT_LINGER_MS,
            throughputDecisionIntervals.get(0), 1.0, stateStore, policy);
        log.printf("throughput, %s, linger 100 ms, decision interval %s, %,d ticks%n", guarantee,
            throughputDecisionIntervals.get(0), ticks);
        Map<String, Object> engine = new ThroughputRun(settings, ticks, symbols, booksPerSymbol, log).run();
        results.add(withRatioToFloor(engine, floorRate));
      }
    }
    return results;
  }

  private static Map<String, Object> withRatioToFloor(Map<String, Object> engine, double floorTicksPerSecond) {
    engine.put("ratioToFloor", ThroughputRun.round(((Number) engine.get("ticksPerSecond")).doubleValue()
        / floorTicksPerSecond, 3));
    return engine;
  }

  private List<Map<String, Object>> latency() throws InterruptedException {
    Duration interval = latencyDecisionInterval;
    Map<String, EngineSettings> scenarios = new LinkedHashMap<>();
    scenarios.put("at-least-once", new EngineSettings(EngineConfig.AT_LEAST_ONCE, aloCommitIntervalMs, lingerMs,
        interval, 0.01, stateStore, policy));
    scenarios.put("at-least-once-linger-100ms", new EngineSettings(EngineConfig.AT_LEAST_ONCE,
        aloCommitIntervalMs, EngineSettings.STREAMS_DEFAULT_LINGER_MS, interval, 0.01, stateStore, policy));
    for (long commitMs : eosCommitIntervalsMs) {
      scenarios.put("exactly-once-commit-" + commitMs + "ms", new EngineSettings(EngineConfig.EXACTLY_ONCE_V2,
          commitMs, lingerMs, interval, 0.01, stateStore, policy));
    }
    if (!jvmWarmup.isZero()) {
      log.printf("latency, JVM warm-up for %s (not recorded)%n", jvmWarmup);
      new LatencyRun("jvm-warmup", false, scenarios.values().iterator().next(), rate, jvmWarmup, Duration.ofSeconds(1),
          symbols, booksPerSymbol, log).run();
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Map.Entry<String, EngineSettings> scenario : scenarios.entrySet()) {
      log.printf("latency, %s, %,d ticks/s, decision interval %s: floor, then engine%n", scenario.getKey(), rate,
          interval);
      Map<String, Object> floor = new LatencyRun(scenario.getKey(), true, scenario.getValue(), rate, warmup,
          duration, symbols, booksPerSymbol, log).run();
      Map<String, Object> engine = new LatencyRun(scenario.getKey(), false, scenario.getValue(), rate, warmup,
          duration, symbols, booksPerSymbol, log).run();
      results.add(FloorRatio.pair(scenario.getKey(), engine, floor, log));
    }
    return results;
  }

  /**
   * The same load once per policy: a JVM warm-up with the last policy (an unrecorded throughput run of up to
   * 1 M ticks and a latency run of {@code --jvm-warmup}: without the first, whichever policy ran the first
   * recorded throughput run paid for compiling the high-rate paths), then per round the throughput runs,
   * then the latency runs, the policies' order reversed every other round so that neither always runs on a
   * colder JVM or in the same slot of the shared machine's load.
   */
  private Map<String, Object> comparePolicies() throws InterruptedException {
    boolean exactlyOnce = compareGuarantee.equals(EngineConfig.EXACTLY_ONCE_V2);
    EngineSettings throughput = new EngineSettings(compareGuarantee, 100, null, throughputDecisionIntervals.get(0),
        1.0, stateStore, comparePolicies.get(0));
    EngineSettings latency = new EngineSettings(compareGuarantee,
        exactlyOnce ? eosCommitIntervalsMs.get(0) : aloCommitIntervalMs, lingerMs, latencyDecisionInterval, 0.01,
        stateStore, comparePolicies.get(0));
    String last = comparePolicies.get(comparePolicies.size() - 1);
    if (!jvmWarmup.isZero()) {
      int warmupTicks = Math.min(ticks, 1_000_000);
      log.printf("policy comparison, JVM warm-up with %s: %,d ticks of throughput, %s of latency (not recorded)%n",
          last, warmupTicks, jvmWarmup);
      new ThroughputRun(throughput.withPolicy(last), warmupTicks, symbols, booksPerSymbol, log).run();
      new LatencyRun("jvm-warmup", false, latency.withPolicy(last), rate, jvmWarmup, Duration.ofSeconds(1), symbols,
          booksPerSymbol, log).run();
    }
    Map<String, List<Map<String, Object>>> throughputRuns = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> latencyRuns = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      List<String> order = new ArrayList<>(comparePolicies);
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (String each : order) {
        log.printf("round %d, throughput, %s, policy %s, %,d ticks%n", round + 1, compareGuarantee, each, ticks);
        throughputRuns.computeIfAbsent(each, k -> new ArrayList<>())
            .add(new ThroughputRun(throughput.withPolicy(each), ticks, symbols, booksPerSymbol, log).run());
      }
      for (String each : order) {
        log.printf("round %d, latency, %s, policy %s, %,d ticks/s%n", round + 1, compareGuarantee, each, rate);
        latencyRuns.computeIfAbsent(each, k -> new ArrayList<>()).add(new LatencyRun("policy-" + (round + 1), false,
            latency.withPolicy(each), rate, warmup, duration, symbols, booksPerSymbol, log).run());
      }
    }
    return PolicyComparison.summarise(comparePolicies, throughputRuns, latencyRuns);
  }

  private void write(Map<String, Object> report) throws IOException {
    if (out == null) {
      out = Path.of("services", "bench", "results", comparePolicies.isEmpty() ? "engine.json" : "engine-policy.json");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    log.printf("wrote %s%n", out);
  }
}
