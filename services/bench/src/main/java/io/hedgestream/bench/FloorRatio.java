package io.hedgestream.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An engine latency scenario beside the floor's under the same settings and load, and their ratios: the
 * engine's percentile divided by the floor's. The ratios carry the engine's own cost; the absolute figures
 * carry the machine's load of the moment as well.
 */
final class FloorRatio {

  private static final String[] PERCENTILES = {"p50", "p90", "p99", "p99.9"};

  private FloorRatio() {}

  /**
   * One scenario's report: its name, the engine's and the floor's runs, and engine/floor per percentile.
   *
   * @param name the scenario
   * @param engine the engine run's figures ({@link LatencyRun#run})
   * @param floor the floor run's figures
   * @param log where the ratios are printed
   * @return the JSON-ready pair
   */
  static Map<String, Object> pair(String name, Map<String, Object> engine, Map<String, Object> floor, PrintStream log) {
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (String percentile : PERCENTILES) {
      ratios.put(percentile, ratio(micros(engine, percentile), micros(floor, percentile)));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("engineOverFloor", ratios);
    out.put("engineP99Ms", micros(engine, "p99") / 1e3);
    out.put("floorP99Ms", micros(floor, "p99") / 1e3);
    out.put("engine", engine);
    out.put("floor", floor);
    log.printf("  %s: engine/floor p50 %s, p99 %s (engine p99 %.2f ms, floor p99 %.2f ms)%n", name,
        ratios.get("p50"), ratios.get("p99"), micros(engine, "p99") / 1e3, micros(floor, "p99") / 1e3);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static double micros(Map<String, Object> run, String percentile) {
    return ((Number) ((Map<String, Object>) run.get("latencyMicros")).get(percentile)).doubleValue();
  }

  private static double ratio(double engine, double floor) {
    return floor > 0 ? ThroughputRun.round(engine / floor, 2) : Double.NaN;
  }
}
