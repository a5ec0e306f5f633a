package io.hedgestream.engine.policy.onnx;

import io.hedgestream.engine.features.Books;
import io.hedgestream.engine.features.FeatureBuilder;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.pricing.PutCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A quick standalone timing of the ONNX policy (not a test, not a JMH benchmark): decision latency at
 * batch 1 (features + inference + guardrails, one {@code decide} call) as median and p99, the feature build
 * alone, and throughput in decisions per second at batch 1, 64 and 1024, single thread. From
 * {@code services/engine}, after {@code mvn -pl services/engine test-compile} (the classpath goes in an
 * argument file: ONNX Runtime crashes the JVM when the command line is longer than about 4 KB):
 *
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * printf -- "-cp\ntarget/classes:target/test-classes:%s\n" "$(cat target/test.classpath)" &gt; target/timing.args
 * java @target/timing.args io.hedgestream.engine.policy.onnx.PolicyTiming [model dir]
 * </pre>
 */
public final class PolicyTiming {

  private PolicyTiming() {}

  /**
   * Runs the timing and prints the figures.
   *
   * @param args optional model directory
   */
  public static void main(String[] args) {
    Path model = args.length > 0 ? Path.of(args[0]) : ModelFixtures.shipped();
    List<DecisionContext> books = books(4096, new Random(7));
    try (OnnxPolicy policy = OnnxPolicy.load(model, PolicyDevice.CPU)) {
      System.out.printf("model %s (%s), %s%n", policy.version(), model, policy.provider());
      latency("decide, batch 1", 300_000, i -> policy.decide(List.of(books.get(i % books.size()))));
      FeatureBuilder features = policy.features();
      latency("feature build, 1 book", 300_000, i -> features.build(books.get(i % books.size())));
      for (int batch : new int[] {1, 64, 1024}) {
        throughput(policy, books, batch);
      }
      System.out.printf("fallbacks %d of %d books%n", policy.counters().fallbacks(), policy.counters().books());
    }
  }

  private interface Call {
    Object run(int i);
  }

  private static void latency(String what, int calls, Call call) {
    long sink = 0;
    for (int i = 0; i < calls; i++) {
      sink += call.run(i).hashCode();
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      Object result = call.run(i);
      nanos[i] = System.nanoTime() - start;
      sink += result.hashCode();
    }
    Arrays.sort(nanos);
    System.out.printf("%-24s median %6.2f us  p99 %6.2f us  p99.9 %7.2f us  (%d calls)%s%n", what,
        nanos[calls / 2] / 1e3, nanos[(int) (calls * 0.99)] / 1e3, nanos[(int) (calls * 0.999)] / 1e3, calls,
        sink == 42 ? " " : "");
  }

  private static void throughput(OnnxPolicy policy, List<DecisionContext> books, int batch) {
    List<List<DecisionContext>> batches = new ArrayList<>();
    for (int start = 0; start + batch <= books.size(); start += batch) {
      batches.add(books.subList(start, start + batch));
    }
    int rounds = Math.max(50, 2_000_000 / batch / batches.size());
    for (int r = 0; r < rounds / 5 + 1; r++) {
      batches.forEach(policy::decide);
    }
    long start = System.nanoTime();
    long decisions = 0;
    for (int r = 0; r < rounds; r++) {
      for (List<DecisionContext> each : batches) {
        decisions += policy.decide(each).size();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("batch %5d: %,12.0f decisions/s (%.3f us per decision, %d decisions)%n", batch,
        decisions / seconds, seconds * 1e6 / decisions, decisions);
  }

  /** Books like the training data: two options, strikes 0.85-1.15 spot, 30-90 days, random side and size. */
  private static List<DecisionContext> books(int count, Random random) {
    List<DecisionContext> books = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double spot = 100 * Math.exp(0.1 * random.nextGaussian());
      MarketSnapshot market = Books.market(Books.NOW, spot, 0.1 + 0.3 * random.nextDouble(), 0.0, 0.0);
      List<Books.Option> options = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        long expiry = Books.NOW + (30 + random.nextInt(61)) * Books.DAY;
        double quantity = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(20));
        options.add(new Books.Option(PutCall.CALL, 100 * (0.85 + 0.3 * random.nextDouble()), expiry, 100, quantity));
      }
      books.add(Books.context("book-" + i, market, options, random.nextInt(2000) - 1000));
    }
    return books;
  }
}
