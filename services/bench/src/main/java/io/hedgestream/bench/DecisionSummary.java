package io.hedgestream.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns the JMH results of the decision benchmarks into the summary of {@code decision.json}: per policy,
 * the batch-1 latency percentiles in µs and the decisions per second at batch 64 and 1,024; the feature
 * build alone; and each target of the issue, met or missed, for the model.
 */
final class DecisionSummary {

  /** Target of the issue: batch-1 decision p99, µs. */
  static final double TARGET_BATCH1_P99_MICROS = 15;
  /** Target of the issue: decisions per second at batch 1,024 on one core. */
  static final double TARGET_DECISIONS_PER_SECOND_1024 = 1_000_000;

  private final String model;

  /**
   * Creates the summariser.
   *
   * @param model the model's {@code policy} parameter value (its directory)
   */
  DecisionSummary(String model) {
    this.model = model;
  }

  /**
   * Summarises the results.
   *
   * @param results JMH's results of one run
   * @return {@code forkedJvm}, {@code policies} (keyed by policy), {@code featureBuildMicros}, {@code targets}
   */
  Map<String, Object> summarise(Collection<RunResult> results) {
    Map<String, Map<String, Object>> policies = new LinkedHashMap<>();
    Map<String, Object> features = null;
    Map<String, Object> jvm = null;
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      jvm = jvm != null ? jvm : forkedJvm(params);
      String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      if (method.equals("buildOneBook")) {
        features = percentiles(result);
        continue;
      }
      Map<String, Object> policy = policies.computeIfAbsent(params.getParam("policy"), k -> new LinkedHashMap<>());
      switch (method) {
        case "decideOneBook" -> policy.put("batch1Micros", percentiles(result));
        case "decideBatchOf64" -> policy.put("batch64", throughput(result));
        case "decideBatchOf1024" -> policy.put("batch1024", throughput(result));
        default -> throw new IllegalStateException("unexpected benchmark " + params.getBenchmark());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("forkedJvm", jvm);
    out.put("policies", policies);
    out.put("featureBuildMicros", features);
    out.put("targets", targets(policies.get(model)));
    return out;
  }

  private static Map<String, Object> forkedJvm(BenchmarkParams params) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jdk", params.getJdkVersion());
    out.put("vm", params.getVmName() + " " + params.getVmVersion());
    out.put("jvmArgs", params.getJvmArgs());
    return out;
  }

  private static Map<String, Object> percentiles(RunResult result) {
    Statistics stats = result.getPrimaryResult().getStatistics();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("median", round(stats.getPercentile(50)));
    out.put("p90", round(stats.getPercentile(90)));
    out.put("p99", round(stats.getPercentile(99)));
    out.put("p99.9", round(stats.getPercentile(99.9)));
    out.put("p99.99", round(stats.getPercentile(99.99)));
    out.put("max", round(stats.getMax()));
    out.put("mean", round(stats.getMean()));
    out.put("samples", stats.getN());
    out.put("unit", result.getPrimaryResult().getScoreUnit());
    out.put("p99ByIteration", p99ByIteration(result));
    out.put("allocatedBytesPerDecision", allocatedBytesPerOperation(result));
    return out;
  }

  /**
   * Bytes allocated on the heap per operation (per decision: JMH divides by the operations it counts, which
   * include {@code @OperationsPerInvocation}), from the gc profiler; null without it.
   */
  private static Double allocatedBytesPerOperation(RunResult result) {
    Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
    return norm == null ? null : round(norm.getScore());
  }

  /**
   * The p99 of each measurement iteration on its own: on a shared machine one disturbed iteration moves the
   * pooled p99, and these show whether it did.
   */
  private static List<Double> p99ByIteration(RunResult result) {
    List<Double> out = new ArrayList<>();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        out.add(round(iteration.getPrimaryResult().getStatistics().getPercentile(99)));
      }
    }
    return out;
  }

  private static Map<String, Object> throughput(RunResult result) {
    Statistics stats = result.getPrimaryResult().getStatistics();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("decisionsPerSecond", Math.round(stats.getMean()));
    out.put("error99_9", Double.isNaN(result.getPrimaryResult().getScoreError()) ? null
        : Math.round(result.getPrimaryResult().getScoreError()));
    out.put("minIteration", Math.round(stats.getMin()));
    out.put("maxIteration", Math.round(stats.getMax()));
    out.put("iterations", stats.getN());
    out.put("microsPerDecision", round(1e6 / stats.getMean()));
    out.put("allocatedBytesPerDecision", allocatedBytesPerOperation(result));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> targets(Map<String, Object> modelResults) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (modelResults == null) {
      return out;
    }
    Map<String, Object> latency = (Map<String, Object>) modelResults.get("batch1Micros");
    Map<String, Object> batch = (Map<String, Object>) modelResults.get("batch1024");
    if (latency != null) {
      double p99 = ((Number) latency.get("p99")).doubleValue();
      out.add(target("batch-1 decision p99 (µs)", "<= " + TARGET_BATCH1_P99_MICROS, p99,
          p99 <= TARGET_BATCH1_P99_MICROS));
    }
    if (batch != null) {
      long rate = ((Number) batch.get("decisionsPerSecond")).longValue();
      out.add(target("decisions/s at batch 1024, one thread", ">= " + (long) TARGET_DECISIONS_PER_SECOND_1024, rate,
          rate >= TARGET_DECISIONS_PER_SECOND_1024));
    }
    return out;
  }

  private static Map<String, Object> target(String what, String target, Object measured, boolean met) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("what", what);
    out.put("target", target);
    out.put("measured", measured);
    out.put("met", met);
    return out;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
