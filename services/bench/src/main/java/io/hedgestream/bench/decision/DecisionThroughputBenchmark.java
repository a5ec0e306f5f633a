package io.hedgestream.bench.decision;

import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.TargetHoldings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batched decision throughput on one thread: one {@link DecisionStep} call decides 64 or 1,024 books (one
 * ONNX Runtime run per call, with one intra-op thread). {@link OperationsPerInvocation} makes JMH's score
 * decisions per second directly. The batches cycle through 16,384 generated books, built before the
 * measurement.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Threads(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class DecisionThroughputBenchmark {

  /** Books cycled through: 256 batches of 64 or 16 of 1,024. */
  static final int BOOKS = 16_384;

  private final List<List<DecisionContext>> batches64 = new ArrayList<>();
  private final List<List<DecisionContext>> batches1024 = new ArrayList<>();
  private int next64;
  private int next1024;

  /** Generates the books and cuts them into batches (not measured). */
  @Setup(Level.Trial)
  public void books() {
    List<DecisionContext> books = DecisionBooks.generate(BOOKS, DecisionLatencyBenchmark.SEED);
    for (int start = 0; start < BOOKS; start += 64) {
      batches64.add(List.copyOf(books.subList(start, start + 64)));
    }
    for (int start = 0; start < BOOKS; start += 1024) {
      batches1024.add(List.copyOf(books.subList(start, start + 1024)));
    }
  }

  /**
   * Decides 64 books in one call.
   *
   * @param policy the policy under test
   * @return the targets (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(64)
  public List<TargetHoldings> decideBatchOf64(LoadedPolicy policy) {
    List<DecisionContext> batch = batches64.get(next64);
    next64 = (next64 + 1) % batches64.size();
    return policy.step().decide(batch);
  }

  /**
   * Decides 1,024 books in one call.
   *
   * @param policy the policy under test
   * @return the targets (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(1024)
  public List<TargetHoldings> decideBatchOf1024(LoadedPolicy policy) {
    List<DecisionContext> batch = batches1024.get(next1024);
    next1024 = (next1024 + 1) % batches1024.size();
    return policy.step().decide(batch);
  }
}
