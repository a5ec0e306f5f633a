package io.hedgestream.engine.policy.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.features.Books;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.pricing.PutCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ONNX policy's guardrails, with tiny constant graphs on a real ONNX Runtime session. */
class GuardrailTest {

  private static List<DecisionContext> books(int count) {
    List<DecisionContext> books = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      books.add(Books.shortCalls("b" + i, 1 + i % 7, (i % 13) * 10));
    }
    return books;
  }

  private static OnnxPolicy load(String graph) {
    return OnnxPolicy.load(ModelFixtures.testGraph(graph), PolicyDevice.CPU);
  }

  @Test
  void aNaNOutputIsAFailureNamingTheGuardrailAndIsCounted() {
    try (OnnxPolicy policy = load("constant-nan")) {
      List<Result<TargetHoldings>> targets = policy.decide(books(3));
      assertThat(targets).allSatisfy(target -> {
        assertThat(target.isSuccess()).isFalse();
        assertThat(target.reason()).isEqualTo("guardrail NON_FINITE: model output NaN for UNDERLYING");
      });
      assertThat(policy.counters().fallbacks(Guardrail.NON_FINITE)).isEqualTo(3);
      assertThat(policy.counters().fallbacks()).isEqualTo(3);
      assertThat(policy.counters().batches()).isEqualTo(1);
    }
  }

  @Test
  void anInfiniteOutputIsAFailure() {
    try (OnnxPolicy policy = load("constant-inf")) {
      assertThat(policy.decide(books(1)).get(0).reason())
          .isEqualTo("guardrail NON_FINITE: model output Infinity for UNDERLYING");
    }
  }

  @Test
  void anOutputOutsideTheModelsTargetBoundsIsAFailure() {
    try (OnnxPolicy policy = load("constant-out-of-bounds")) {
      assertThat(policy.decide(books(2))).allSatisfy(target -> assertThat(target.reason())
          .isEqualTo("guardrail OUT_OF_BOUNDS: model output 3.0 for UNDERLYING outside target bounds [-1.25, 1.25]"));
      assertThat(policy.counters().fallbacks(Guardrail.OUT_OF_BOUNDS)).isEqualTo(2);
    }
  }

  @Test
  void anInBoundsOutputIsTheTargetPerUnitOfBookScale() {
    try (OnnxPolicy policy = load("constant-half")) {
      List<Result<TargetHoldings>> targets = policy.decide(books(2));
      assertThat(targets.get(0).value().units()).containsExactlyEntriesOf(java.util.Map.of(Books.SYMBOL, 50.0));
      assertThat(targets.get(1).value().units()).containsExactlyEntriesOf(java.util.Map.of(Books.SYMBOL, 100.0));
      assertThat(policy.counters().fallbacks()).isZero();
    }
  }

  @Test
  void anOnnxRuntimeErrorFailsEveryBookOfTheBatchAndTheNextBatchRunsAgain() {
    try (OnnxPolicy policy = load("batch-of-one-only")) {
      List<Result<TargetHoldings>> failed = policy.decide(books(2));
      assertThat(failed).allSatisfy(target -> assertThat(target.reason())
          .startsWith("guardrail MODEL_ERROR: ONNX Runtime failed on a batch of 2"));
      assertThat(policy.counters().fallbacks(Guardrail.MODEL_ERROR)).isEqualTo(2);

      assertThat(policy.decide(books(1)).get(0).value().units()).containsEntry(Books.SYMBOL, 50.0);
    }
  }

  @Test
  void aBookWhoseFeaturesCannotBeBuiltFailsAloneAndTheOthersAreDecided() {
    MarketSnapshot market = Books.market(Books.NOW, 100, 0.2, 0, 0);
    DecisionContext zeroStrike = Books.context("bad", market,
        List.of(new Books.Option(PutCall.PUT, 0, Books.NOW + 30 * Books.DAY, 100, -1)), 0);
    try (OnnxPolicy policy = load("constant-half")) {
      List<Result<TargetHoldings>> targets = policy.decide(List.of(books(1).get(0), zeroStrike, books(2).get(1)));

      assertThat(targets.get(0).value().units()).containsEntry(Books.SYMBOL, 50.0);
      assertThat(targets.get(1).reason()).startsWith("guardrail FEATURES: feature log_moneyness is Infinity");
      assertThat(targets.get(2).value().units()).containsEntry(Books.SYMBOL, 100.0);
      assertThat(policy.counters().batches()).isEqualTo(1);
    }
  }

  @Test
  void aBookWithoutLiveOptionsTargetsZeroWithoutTheModel() {
    MarketSnapshot market = Books.market(Books.NOW, 100, 0.2, 0, 0);
    DecisionContext expired = Books.context("done", market,
        List.of(new Books.Option(PutCall.CALL, 100, Books.NOW, 100, -1)), 7);
    try (OnnxPolicy policy = load("constant-nan")) {
      assertThat(policy.decide(List.of(expired)).get(0).value().units()).containsEntry(Books.SYMBOL, 0.0);
      assertThat(policy.counters().batches()).isZero();
    }
  }

  @Test
  void batchesLargerThanTheBuffersGrowThemAndSmallerOnesReuseThem() {
    try (OnnxPolicy policy = OnnxPolicy.load(ModelFixtures.shipped(), PolicyDevice.CPU)) {
      List<DecisionContext> many = books(InferenceBuffers.INITIAL_CAPACITY * 3 + 1);
      List<BookDecision> big = policy.evaluate(many);
      List<BookDecision> small = policy.evaluate(many.subList(0, 5));
      List<BookDecision> again = policy.evaluate(many);

      for (int i = 0; i < many.size(); i++) {
        assertThat(again.get(i).output()).containsExactly(big.get(i).output());
        assertThat(policy.evaluate(List.of(many.get(i))).get(0).output()).containsExactly(big.get(i).output());
      }
      for (int i = 0; i < small.size(); i++) {
        assertThat(small.get(i).output()).containsExactly(big.get(i).output());
      }
    }
  }

  @Test
  void aClosedPolicyFailsEveryBookInsteadOfThrowing() {
    OnnxPolicy policy = load("constant-half");
    policy.close();
    assertThat(policy.decide(books(2))).allSatisfy(target -> assertThat(target.reason()).contains("is closed"));
  }
}
