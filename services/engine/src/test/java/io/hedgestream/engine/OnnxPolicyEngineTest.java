package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.HedgePolicies;
import io.hedgestream.engine.policy.onnx.Guardrail;
import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.pricing.PutCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine (TopologyTestDriver) hedging with ONNX policies: the shipped model, and a broken one. */
class OnnxPolicyEngineTest {

  private static final double SCALE = 10 * 100;

  /** The desk short 10 calls of {@link Samples} at {@code tick}, with {@code holding} shares filled. */
  private static DecisionContext book(MarketTick tick, double holding) {
    MarketSnapshot market = MarketSnapshot.of(tick);
    OptionPosition calls = OptionPosition.open(Samples.SPY, PutCall.CALL, 100, EpochMicros.of(Samples.EXPIRY), 100,
        -10, 0);
    return DecisionContext.of(Samples.BOOK, BookMarker.mark(List.of(calls), market),
        Map.of(Samples.SPY, holding), Map.of());
  }

  /** The model's output for a book, from a plain ONNX Runtime session (not the policy's buffers). */
  private static double modelOutput(OnnxPolicy policy, DecisionContext book) throws OrtException {
    double[] features = policy.features().build(book).value().values();
    float[] row = new float[features.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = (float) features[i];
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(policy.file().toString());
        OnnxTensor input = OnnxTensor.createTensor(env, new float[][] {row});
        OrtSession.Result result = session.run(Map.of("features", input))) {
      return ((float[][]) result.get(0).getValue())[0][0];
    }
  }

  /** Signed units to whole shares, halves away from zero (the engine's lot rounding at lot size 1). */
  private static double shares(double units) {
    return Math.copySign(Math.floor(Math.abs(units) + 0.5), units);
  }

  private static double signed(HedgeOrder order) {
    return order.getSide() == Side.BUY ? order.getQuantity() : -order.getQuantity();
  }

  @Test
  void theShippedModelHedgesAShortCallBookToOutputTimesScale() throws OrtException {
    EngineConfig config = EngineDriver.config("engine.policy", ModelFixtures.shipped().toString(),
        "engine.decision.interval", "PT1M");
    try (OnnxPolicy policy = (OnnxPolicy) HedgePolicies.named(config.policyName(), config.policyDevice());
        EngineDriver engine = EngineDriver.create(config, policy)) {
      MarketTick first = tick(T0, 100);
      engine.tick(first);
      engine.order(clientBuysCalls("c1", 10, T0));

      HedgeOrder opening = engine.drainOrders().get(0);
      double target = modelOutput(policy, book(first, 0)) * SCALE;
      assertThat(signed(opening)).isEqualTo(shares(target)).isNotZero();
      assertThat(opening.getReason()).isEqualTo(HedgeReason.POLICY);
      assertThat(opening.getPolicyVersion()).isEqualTo(policy.version())
          .startsWith(policy.metadata().all().get("hedgestream.version") + "#");
      PnlEvent opened = engine.drainPnl().get(0);
      assertThat(opened.getPolicyVersion()).isEqualTo(policy.version());
      assertThat(opened.getReason()).startsWith("POLICY");

      engine.fill(fillOf(opening, "f1", opening.getQuantity(), 100, 0));
      MarketTick second = tick(minutes(1), 101);
      engine.tick(second);

      double holding = signed(opening);
      double retarget = modelOutput(policy, book(second, holding)) * SCALE;
      List<HedgeOrder> orders = engine.drainOrders();
      double expected = shares(retarget - holding);
      assertThat(orders.stream().mapToDouble(OnnxPolicyEngineTest::signed).sum()).isEqualTo(expected);
      assertThat(orders).allSatisfy(order -> assertThat(order.getPolicyVersion()).isEqualTo(policy.version()));
      assertThat(policy.counters().fallbacks()).isZero();
    }
  }

  @Test
  void engineConfigAcceptsAModelFolderAsThePolicy() {
    Path model = ModelFixtures.shipped();
    EngineConfig config = EngineDriver.config("engine.policy", model.toString());
    try (OnnxPolicy policy = (OnnxPolicy) HedgePolicies.named(config.policyName(), config.policyDevice())) {
      assertThat(policy.file()).isEqualTo(model.resolve("policy.onnx"));
    }
  }

  @Test
  void aModelThatOutputsNaNFallsBackToTheDeltaHedgeAndTheEngineKeepsGoing() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M");
    try (OnnxPolicy policy = OnnxPolicy.load(ModelFixtures.testGraph("constant-nan"),
        io.hedgestream.engine.policy.onnx.PolicyDevice.CPU);
        EngineDriver engine = EngineDriver.create(config, policy)) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      engine.tick(tick(minutes(1), 102));

      List<HedgeOrder> orders = engine.drainOrders();
      assertThat(orders).hasSize(2).allSatisfy(order -> {
        assertThat(order.getReason()).isEqualTo(HedgeReason.FALLBACK);
        assertThat(order.getPolicyVersion()).isEqualTo(DeltaHedgePolicy.VERSION);
      });
      assertThat(engine.drainPnl()).hasSize(2).allSatisfy(pnl -> assertThat(pnl.getReason())
          .startsWith("FALLBACK: policy failed: guardrail NON_FINITE: model output NaN for UNDERLYING"));
      assertThat(policy.counters().fallbacks(Guardrail.NON_FINITE)).isEqualTo(2);
    }
  }
}
