package io.hedgestream.bench.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgestream.bench.MachineInfo;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.HedgePolicies;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Cold decisions: one book's decision (features + inference + guardrails, as {@link DecisionLatencyBenchmark}
 * measures it back to back) when calls come {@code 0, 1, 10, 100} ms apart, as in the demo, where a book decides
 * every 100 ms of wall time and its symbol's task is otherwise idle. Between calls the thread parks; caches, the
 * branch predictors and the CPU's frequency forget the model. Each call is timed with {@link System#nanoTime()}.
 *
 * <p>{@code ./hedge bench-decision --spaced [--model DIR] [--out FILE]} writes
 * {@code results/decision-spaced.json}.
 */
public final class SpacedDecisions {

  private static final long[] SPACING_MICROS = {0, 1_000, 10_000, 100_000};
  private static final long MEASURE_NANOS = 10_000_000_000L;
  private static final int WARMUP_CALLS = 200_000;

  private SpacedDecisions() {}

  /** Runs the probe: {@code [--model DIR] [--out FILE]}. */
  public static void main(String[] args) throws Exception {
    String model = "models/bs-delta-mlp-v1";
    Path out = Path.of("services", "bench", "results", "decision-spaced.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--model" -> model = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--model DIR, --out FILE)");
      }
    }
    HedgePolicy policy = HedgePolicies.named(model, PolicyDevice.CPU);
    DecisionStep step = new DecisionStep(policy, DecisionStep.ENGINE_DEFAULT_LIMITS);
    List<List<DecisionContext>> books = new ArrayList<>();
    for (DecisionContext book : DecisionBooks.generate(DecisionLatencyBenchmark.BOOKS, DecisionLatencyBenchmark.SEED)) {
      books.add(List.of(book));
    }
    int next = 0;
    long sink = 0;
    for (int i = 0; i < WARMUP_CALLS; i++) {
      sink += step.decide(books.get(next)).size();
      next = (next + 1) & (DecisionLatencyBenchmark.BOOKS - 1);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long spacing : SPACING_MICROS) {
      Histogram h = new Histogram(10_000_000_000L, 3);
      long end = System.nanoTime() + MEASURE_NANOS;
      while (System.nanoTime() < end) {
        if (spacing > 0) {
          LockSupport.parkNanos(spacing * 1_000);
        }
        long start = System.nanoTime();
        sink += step.decide(books.get(next)).size();
        h.recordValue(System.nanoTime() - start);
        next = (next + 1) & (DecisionLatencyBenchmark.BOOKS - 1);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("spacingMicros", spacing);
      row.put("calls", h.getTotalCount());
      row.put("p50Micros", h.getValueAtPercentile(50) / 1e3);
      row.put("p90Micros", h.getValueAtPercentile(90) / 1e3);
      row.put("p99Micros", h.getValueAtPercentile(99) / 1e3);
      row.put("maxMicros", h.getMaxValue() / 1e3);
      rows.add(row);
      System.out.printf("spacing %,7d us: %,8d calls, p50 %7.1f us, p90 %7.1f, p99 %7.1f, max %8.1f%n", spacing,
          h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
          h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }
    if (policy instanceof OnnxPolicy onnx) {
      System.out.printf("policy %s: %,d fell back to the delta hedge (of %,d books)%n", onnx.version(),
          onnx.counters().fallbacks(), onnx.counters().books());
      onnx.close();
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "decision-spaced");
    report.put("finishedAt", Instant.now().toString());
    report.put("gitCommit", MachineInfo.gitCommit());
    report.put("model", model);
    report.put("method", "one book per call (DecisionStep: features, one ONNX Runtime run, guardrails), after "
        + WARMUP_CALLS + " back-to-back warm-up calls; per spacing, 10 s of calls with the thread parked that "
        + "long before each; each call timed with System.nanoTime");
    report.put("machine", MachineInfo.describe());
    report.put("spacings", rows);
    report.put("checksum", sink);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    System.out.println("wrote " + out);
  }
}
