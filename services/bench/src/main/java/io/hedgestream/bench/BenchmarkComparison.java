package io.hedgestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The regression guard: the figures of this tree's benchmark against an earlier commit's, measured in the same
 * run ({@code ./hedge bench-decision --against REV}, {@code ./hedge bench-engine --against REV}: rounds alternate
 * which build goes first). Reads {@code current-N.json} and {@code baseline-N.json} from a directory, takes each
 * figure's median over the rounds, and writes and prints current / baseline with which way is better.
 */
@Command(name = "benchmark-comparison", mixinStandardHelpOptions = true,
    description = "Ratios of this tree's benchmark figures to an earlier commit's, measured in the same run.")
public final class BenchmarkComparison implements Callable<Integer> {

  /** Which benchmark's files these are. */
  enum Kind { DECISION, ENGINE }

  @Option(names = "--kind", required = true, description = "decision or engine")
  String kind;

  @Option(names = "--dir", required = true, description = "directory of current-N.json and baseline-N.json")
  Path dir;

  @Option(names = "--baseline", required = true, description = "the baseline commit")
  String baseline;

  @Option(names = "--out", required = true, description = "comparison JSON to write")
  Path out;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final PrintStream log = System.out;

  /** Runs the comparison from the command line. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchmarkComparison()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  /** One figure: its value, and whether lower is better (latency, bytes) or higher (throughput). */
  record Figure(double value, boolean lowerIsBetter) {}

  @Override
  public Integer call() throws IOException {
    Kind which = Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
    List<Map<String, Figure>> current = read("current-", which);
    List<Map<String, Figure>> previous = read("baseline-", which);
    if (current.isEmpty() || previous.isEmpty()) {
      throw new IllegalStateException("no current-N.json or baseline-N.json in " + dir);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    log.printf("%-52s %14s %14s %8s  %s%n", "figure (median of " + current.size() + " rounds)", "this tree",
        baseline.substring(0, Math.min(12, baseline.length())), "ratio", "rounds' ranges");
    for (String name : current.get(0).keySet()) {
      List<Double> now = values(current, name);
      List<Double> then = values(previous, name);
      if (now.isEmpty() || then.isEmpty()) {
        continue; // a figure one of the builds does not report
      }
      boolean lower = current.get(0).get(name).lowerIsBetter();
      double a = median(now);
      double b = median(then);
      double ratio = b == 0 ? Double.NaN : a / b;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("figure", name);
      row.put("current", a);
      row.put("baseline", b);
      row.put("ratio", ThroughputRun.round(ratio, 3));
      row.put("better", lower ? "lower" : "higher");
      row.put("currentRounds", now);
      row.put("baselineRounds", then);
      // Where the two builds' rounds overlap, the ratio is inside the run-to-run spread: no evidence either way.
      boolean overlap = Math.min(max(now), max(then)) >= Math.max(min(now), min(then));
      row.put("roundsOverlap", overlap);
      rows.add(row);
      log.printf("%-52s %14.3f %14.3f %8.3f  %s (%s is better)%n", name, a, b, ratio,
          overlap ? "overlap" : "apart", lower ? "lower" : "higher");
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", which.name().toLowerCase(java.util.Locale.ROOT) + "-comparison");
    report.put("currentCommit", MachineInfo.gitCommit());
    report.put("baselineCommit", baseline);
    report.put("rounds", current.size());
    report.put("method", "both builds run in the same session, alternating which goes first each round; each "
        + "figure is the median over rounds; ratio = this tree / baseline; roundsOverlap: the ranges of the two "
        + "builds' rounds overlap, so the ratio is within the run-to-run spread");
    report.put("machine", MachineInfo.describe());
    report.put("figures", rows);
    JSON.writeValue(out.toFile(), report);
    log.println("wrote " + out);
    return 0;
  }

  private List<Map<String, Figure>> read(String prefix, Kind which) throws IOException {
    List<Map<String, Figure>> rounds = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches(prefix + "\\d+\\.json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        rounds.add(which == Kind.DECISION ? decision(root) : engine(root));
      }
    }
    return rounds;
  }

  /** The decision benchmark's figures per policy: batch-1 latency, batched throughput, bytes per decision. */
  static Map<String, Figure> decision(JsonNode root) {
    Map<String, Figure> out = new LinkedHashMap<>();
    root.path("policies").fields().forEachRemaining(policy -> {
      String name = policy.getKey().contains("/") ? "model" : policy.getKey();
      JsonNode p = policy.getValue();
      put(out, name + " batch-1 median us", p.at("/batch1Micros/median"), true);
      put(out, name + " batch-1 p99 us", p.at("/batch1Micros/p99"), true);
      put(out, name + " batch-1024 decisions/s", p.at("/batch1024/decisionsPerSecond"), false);
      put(out, name + " batch-1024 bytes/decision", p.at("/batch1024/allocatedBytesPerDecision"), true);
    });
    put(out, "feature build median us", root.at("/featureBuildMicros/median"), true);
    put(out, "feature build bytes/decision", root.at("/featureBuildMicros/allocatedBytesPerDecision"), true);
    return out;
  }

  /**
   * The engine benchmark's figures: throughput per guarantee and decision interval, tick-to-order p50/p99 per
   * latency scenario (the engine's; files from before the floor scenario carry them at the top of each entry).
   */
  static Map<String, Figure> engine(JsonNode root) {
    Map<String, Figure> out = new LinkedHashMap<>();
    for (JsonNode run : root.path("throughput")) {
      if (run.path("subject").asText("engine").startsWith("floor")) {
        continue;
      }
      String name = "throughput " + run.at("/engine/processingGuarantee").asText() + " "
          + run.at("/engine/decisionInterval").asText() + " ticks/s";
      put(out, name, run.get("ticksPerSecond"), false);
    }
    for (JsonNode scenario : root.path("latency")) {
      JsonNode engine = scenario.has("engine") && scenario.get("engine").has("latencyMicros")
          ? scenario.get("engine") : scenario;
      String name = "latency " + scenario.path("name").asText();
      put(out, name + " p50 us", engine.at("/latencyMicros/p50"), true);
      put(out, name + " p99 us", engine.at("/latencyMicros/p99"), true);
    }
    return out;
  }

  private static void put(Map<String, Figure> out, String name, JsonNode value, boolean lowerIsBetter) {
    if (value != null && value.isNumber()) {
      out.put(name, new Figure(value.asDouble(), lowerIsBetter));
    }
  }

  private static List<Double> values(List<Map<String, Figure>> rounds, String name) {
    return rounds.stream().filter(r -> r.containsKey(name)).map(r -> r.get(name).value()).toList();
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
