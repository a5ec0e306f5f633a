package io.hedgestream.bench;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgestream.bench.decision.DecisionLatencyBenchmark;
import io.hedgestream.bench.decision.DecisionThroughputBenchmark;
import io.hedgestream.bench.decision.FeatureBuildBenchmark;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the JMH decision benchmarks ({@code io.hedgestream.bench.decision}) in one forked JVM per benchmark
 * and writes a summary, {@code decision.json}: batch-1 decision latency (median, p99, p99.9 in µs), decisions
 * per second at batch 64 and 1,024 on one thread, the feature build alone, for the model and the delta
 * hedge, with the machine, the load average before and after, and the command; JMH's own JSON goes next to
 * it. Started by {@code ./hedge bench-decision [--quick]}.
 *
 * <p>The forked JVM gets its classpath through a manifest-only jar ({@code jmh.separateClasspathJAR}):
 * ONNX Runtime crashes a JVM whose command line is longer than about 4 KB, and the classpath is longer.
 */
@Command(name = "decision-benchmark", mixinStandardHelpOptions = true,
    description = "JMH benchmarks of one hedge decision (features + inference + guardrails): latency and throughput.")
public final class DecisionBenchmark implements Callable<Integer> {

  /** The JMH benchmark classes run. */
  static final List<Class<?>> BENCHMARKS =
      List.of(DecisionLatencyBenchmark.class, DecisionThroughputBenchmark.class, FeatureBuildBenchmark.class);

  @Option(names = "--out", description = "summary JSON (default: ${DEFAULT-VALUE}); JMH's JSON goes next to it "
      + "as <name>-jmh.json")
  Path out = Path.of("services", "bench", "results", "decision.json");

  @Option(names = "--model", description = "model directory, relative to the working directory (default: "
      + "${DEFAULT-VALUE})")
  Path model = Path.of("models", "bs-delta-mlp-v1");

  @Option(names = "--quick", description = "3 x 1 s warm-up and 5 x 1 s measurement per benchmark instead of "
      + "5 x 2 s and 10 x 2 s (about 1.5 minutes instead of 4)")
  boolean quick;

  @Option(names = "--heap", description = "heap of the forked JVM, -Xms and -Xmx (default: ${DEFAULT-VALUE})")
  String heap = "1g";

  @Option(names = "--profiler", description = "an extra JMH profiler for every benchmark, e.g. jfr or stack (the "
      + "gc profiler always runs: it gives the bytes allocated per decision)")
  List<String> profilers = List.of();

  @Option(names = "--invoked-as", hidden = true, description = "the command line recorded in the summary")
  String invokedAs;

  /** Runs the benchmarks from the command line. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DecisionBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException("no model directory " + model.toAbsolutePath()
          + " (run from the repository root or pass --model)");
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "decision");
    report.put("startedAt", Instant.now().toString());
    report.put("command", invokedAs != null ? invokedAs : "io.hedgestream.bench.DecisionBenchmark"
        + (quick ? " --quick" : ""));
    report.put("gitCommit", MachineInfo.gitCommit());
    report.put("model", describeModel());
    Map<String, Object> machine = MachineInfo.describe();
    machine.put("onnxRuntimeVersion", OrtEnvironment.getEnvironment().getVersion());
    report.put("machine", machine);
    Path raw = rawPath();
    Map<String, Object> method = method(raw);
    report.put("method", method);
    Collection<RunResult> results = new Runner(options(raw)).run();
    compact(raw);
    machine.put("loadAverageAtEnd", MachineInfo.loadAverage());
    report.put("finishedAt", Instant.now().toString());
    report.putAll(new DecisionSummary(model.toString()).summarise(results));
    write(report);
    return 0;
  }

  private Map<String, Object> describeModel() {
    try (OnnxPolicy policy = OnnxPolicy.load(model, PolicyDevice.CPU)) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("path", model.toString());
      out.put("version", policy.version());
      out.put("sha256", policy.sha256());
      out.put("features", policy.features().names());
      out.put("instruments", policy.metadata().instruments());
      return out;
    }
  }

  private Map<String, Object> method(Path raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jmhVersion", Version.getPlainVersion());
    out.put("forks", 1);
    out.put("threads", 1);
    out.put("warmup", warmupIterations() + " x " + iterationSeconds() + " s");
    out.put("measurement", measurementIterations() + " x " + iterationSeconds() + " s");
    out.put("forkHeap", heap);
    out.put("decision", "policy.decide(books due at one tick) + PolicyGuard.check per book (+ delta fallback "
        + "when refused); for the model: feature build per book, one ONNX Runtime run per call (1 intra-op "
        + "thread), the model's guardrails per output. Books are generated and marked in @Setup.");
    out.put("books", "seeded: 1-4 options (3 in 4 calls), strikes 0.85-1.15 spot, 30-90 days, +-1..20 contracts "
        + "x 100, vol 10-40%, holding 0.8-1.2 x delta-neutral, 1 in 8 with a pending order");
    out.put("rawResults", raw.getFileName().toString());
    return out;
  }

  private Options options(Path raw) {
    // Read by JMH when it forks: the forked JVM's classpath goes in a manifest-only jar (see class doc).
    System.setProperty("jmh.separateClasspathJAR", "true");
    TimeValue iteration = TimeValue.seconds(iterationSeconds());
    OptionsBuilder builder = new OptionsBuilder();
    builder.addProfiler("gc");
    profilers.forEach(builder::addProfiler);
    for (Class<?> benchmark : BENCHMARKS) {
      builder.include(Pattern.quote(benchmark.getName()) + "\\.");
    }
    return builder
        .param("policy", model.toString(), "delta")
        .param("model", model.toString())
        .forks(1)
        .threads(1)
        .warmupIterations(warmupIterations())
        .warmupTime(iteration)
        .measurementIterations(measurementIterations())
        .measurementTime(iteration)
        .jvmArgsAppend("-Xms" + heap, "-Xmx" + heap)
        .resultFormat(ResultFormatType.JSON)
        .result(raw.toString())
        .shouldFailOnError(true)
        .build();
  }

  private int warmupIterations() {
    return quick ? 3 : 5;
  }

  private int measurementIterations() {
    return quick ? 5 : 10;
  }

  private int iterationSeconds() {
    return quick ? 1 : 2;
  }

  private Path rawPath() throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String name = out.getFileName().toString().replaceFirst("\\.json$", "");
    return parent.resolve(name + "-jmh.json");
  }

  /** Rewrites JMH's JSON without its indentation: same content, a third of the size (its histograms are long). */
  private static void compact(Path raw) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    mapper.writeValue(raw.toFile(), mapper.readTree(raw.toFile()));
  }

  private void write(Map<String, Object> report) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    System.out.printf("wrote %s%n", out);
  }
}
