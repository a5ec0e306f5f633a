package io.hedgestream.bench.decision;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.features.FeatureBuilder;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The feature build alone for one book (the model's {@link FeatureBuilder} over the same books as
 * {@link DecisionLatencyBenchmark}): with the batch-1 decision it splits the decision's time into features
 * and the rest (inference and guardrails).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(1)
@Threads(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class FeatureBuildBenchmark {

  /** The model whose feature list is built. */
  @Param({"models/bs-delta-mlp-v1"})
  public String model;

  private List<DecisionContext> books;
  private FeatureBuilder features;
  private int next;

  /** Reads the model's feature list and generates the books (not measured). */
  @Setup(Level.Trial)
  public void setUp() {
    try (OnnxPolicy policy = OnnxPolicy.load(Path.of(model), PolicyDevice.CPU)) {
      features = policy.features();
    }
    books = DecisionBooks.generate(DecisionLatencyBenchmark.BOOKS, DecisionLatencyBenchmark.SEED);
  }

  /**
   * Builds one book's features.
   *
   * @return the features (consumed by JMH)
   */
  @Benchmark
  public Result<FeatureBuilder.BookFeatures> buildOneBook() {
    DecisionContext book = books.get(next);
    next = (next + 1) & (DecisionLatencyBenchmark.BOOKS - 1);
    return features.build(book);
  }
}
