package io.hedgestream.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of {@code engine-policy.json}: per policy, the median over rounds of the throughput run's
 * ticks/s and the latency run's tick-to-order p50 and p99, each round's figures, which reasons and policy
 * versions made the orders, and each policy's throughput cost relative to the first (the baseline):
 * {@code 1 - ticksPerSecond / baselineTicksPerSecond}.
 */
final class PolicyComparison {

  /** Target of the issue: a policy may cost at most 10% of the engine's throughput. */
  static final double MAX_THROUGHPUT_COST = 0.10;

  private PolicyComparison() {}

  /**
   * Summarises the runs.
   *
   * @param policies the policies, baseline first
   * @param throughput each policy's throughput runs (results of {@link ThroughputRun})
   * @param latency each policy's latency runs (results of {@link LatencyRun})
   * @return {@code byPolicy}, {@code costs} and the runs themselves
   */
  static Map<String, Object> summarise(List<String> policies, Map<String, List<Map<String, Object>>> throughput,
      Map<String, List<Map<String, Object>>> latency) {
    Map<String, Object> byPolicy = new LinkedHashMap<>();
    for (String policy : policies) {
      byPolicy.put(policy, figures(throughput.get(policy), latency.get(policy)));
    }
    List<Map<String, Object>> costs = new ArrayList<>();
    double baseline = ticksPerSecond(throughput.get(policies.get(0)));
    double baselineP99 = latencyPercentile(latency.get(policies.get(0)), "p99");
    for (String policy : policies.subList(1, policies.size())) {
      double cost = 1 - ticksPerSecond(throughput.get(policy)) / baseline;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("policy", policy);
      entry.put("baseline", policies.get(0));
      entry.put("throughputCost", Math.round(cost * 10_000) / 10_000.0);
      entry.put("throughputCostTarget", "<= " + MAX_THROUGHPUT_COST);
      entry.put("met", cost <= MAX_THROUGHPUT_COST);
      entry.put("latencyP99DifferenceMs", round((latencyPercentile(latency.get(policy), "p99") - baselineP99) / 1e3));
      costs.add(entry);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("byPolicy", byPolicy);
    out.put("costs", costs);
    out.put("throughputRuns", throughput);
    out.put("latencyRuns", latency);
    return out;
  }

  private static Map<String, Object> figures(List<Map<String, Object>> throughput, List<Map<String, Object>> latency) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ticksPerSecond", Math.round(ticksPerSecond(throughput)));
    out.put("ticksPerSecondByRound", throughput.stream().map(run -> run.get("ticksPerSecond")).toList());
    out.put("decisionsPerTick", throughput.get(0).get("decisionsPerTick"));
    out.put("throughputOrdersByReasonAndPolicy", throughput.get(0).get("hedgeOrdersByReasonAndPolicy"));
    out.put("latencyP50Ms", round(latencyPercentile(latency, "p50") / 1e3));
    out.put("latencyP99Ms", round(latencyPercentile(latency, "p99") / 1e3));
    out.put("latencyP99MsByRound", latency.stream().map(run -> round(percentile(run, "p99") / 1e3)).toList());
    out.put("latencyOrdersMeasured", latency.stream().map(run -> run.get("outputsMeasured")).toList());
    out.put("latencyOrdersByReasonAndPolicy", latency.get(0).get("ordersReceivedByReasonAndPolicy"));
    return out;
  }

  private static double ticksPerSecond(List<Map<String, Object>> runs) {
    return median(runs.stream().mapToDouble(run -> ((Number) run.get("ticksPerSecond")).doubleValue()).toArray());
  }

  private static double latencyPercentile(List<Map<String, Object>> runs, String name) {
    return median(runs.stream().mapToDouble(run -> percentile(run, name)).toArray());
  }

  @SuppressWarnings("unchecked")
  private static double percentile(Map<String, Object> run, String name) {
    return ((Number) ((Map<String, Object>) run.get("latencyMicros")).get(name)).doubleValue();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
