package io.hedgestream.bench.decision;

import io.hedgestream.engine.policy.HedgePolicies;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state: the policy under test, loaded once per trial as the engine loads it ({@code engine.policy}:
 * {@code delta} or a model path, ONNX Runtime on the CPU), wrapped in the measured {@link DecisionStep}.
 * At the end of a trial it prints how many books the ONNX policy decided and how many fell back, so a run
 * that measured the fallback path instead of the model shows it in the log.
 */
@State(Scope.Thread)
public class LoadedPolicy {

  /** {@code engine.policy}: a model directory (relative to the working directory) or {@code delta}. */
  @Param({"models/bs-delta-mlp-v1", "delta"})
  public String policy;

  private HedgePolicy loaded;
  private DecisionStep step;

  /** Loads the policy (not measured). */
  @Setup(Level.Trial)
  public void load() {
    loaded = HedgePolicies.named(policy, PolicyDevice.CPU);
    step = new DecisionStep(loaded, DecisionStep.ENGINE_DEFAULT_LIMITS);
  }

  /** Reports the ONNX policy's counters and frees its session. */
  @TearDown(Level.Trial)
  public void close() {
    if (loaded instanceof OnnxPolicy onnx) {
      System.out.printf("%npolicy %s: %,d books in %,d batches, %,d fell back to the delta hedge%n", onnx.version(),
          onnx.counters().books(), onnx.counters().batches(), onnx.counters().fallbacks());
      onnx.close();
    }
  }

  /** The measured decision with this policy. */
  DecisionStep step() {
    return step;
  }
}
