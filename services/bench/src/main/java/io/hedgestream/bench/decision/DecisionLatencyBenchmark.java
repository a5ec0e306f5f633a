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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decision latency at batch 1: one book per {@link DecisionStep} call (feature build + inference +
 * guardrails), sampled per call ({@link Mode#SampleTime}) so the result has the median, p99 and p99.9 in
 * microseconds. The books cycle through 4,096 generated ones ({@link DecisionBooks}), built before the
 * measurement; their features are built inside it.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(1)
@Threads(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class DecisionLatencyBenchmark {

  /** Distinct books cycled through (a power of two). */
  static final int BOOKS = 4096;
  /** Seed of the books. */
  static final long SEED = 20_261_122L;

  private final List<List<DecisionContext>> singles = new ArrayList<>(BOOKS);
  private int next;

  /** Generates the books (not measured). */
  @Setup(Level.Trial)
  public void books() {
    for (DecisionContext book : DecisionBooks.generate(BOOKS, SEED)) {
      singles.add(List.of(book));
    }
  }

  /**
   * One decision of one book.
   *
   * @param policy the policy under test
   * @return the target (consumed by JMH)
   */
  @Benchmark
  public List<TargetHoldings> decideOneBook(LoadedPolicy policy) {
    List<DecisionContext> book = singles.get(next);
    next = (next + 1) & (BOOKS - 1);
    return policy.step().decide(book);
  }
}
