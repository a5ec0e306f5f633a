package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.OptionType;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.TargetHoldings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyBatchingTest {

  /** The delta hedge, recording the books of every call. */
  private static final class RecordingPolicy implements HedgePolicy {
    final List<List<String>> calls = new ArrayList<>();
    private final DeltaHedgePolicy delta = new DeltaHedgePolicy();

    @Override
    public String version() {
      return "recording-v1";
    }

    @Override
    public List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
      calls.add(contexts.stream().map(DecisionContext::book).toList());
      return delta.decide(contexts);
    }
  }

  @Test
  void booksDueAtOneTickAreDecidedInOnePolicyCall() {
    RecordingPolicy policy = new RecordingPolicy();
    try (EngineDriver engine = EngineDriver.create(EngineDriver.config("engine.decision.interval", "PT1M"), policy)) {
      for (String book : List.of("b1", "b2", "b3")) {
        engine.order(Samples.orderBuilder(book + "-c", OptionType.CALL, 100, 10, T0).setBook(book).build());
      }
      engine.tick(tick(T0, 100));
      engine.tick(tick(minutes(1), 101));

      assertThat(policy.calls).containsExactly(List.of("b1", "b2", "b3"), List.of("b1", "b2", "b3"));
      List<HedgeOrder> orders = engine.drainOrders();
      assertThat(orders).hasSize(6).allSatisfy(order -> assertThat(order.getPolicyVersion()).isEqualTo("recording-v1"));
      assertThat(orders).extracting(HedgeOrder::getOrderId).doesNotHaveDuplicates();
    }
  }

  @Test
  void theContextCarriesTheMarkedBookHoldingsAndPending() {
    RecordingPolicy policy = new RecordingPolicy();
    List<DecisionContext> seen = new ArrayList<>();
    HedgePolicy capturing = new HedgePolicy() {
      @Override
      public String version() {
        return policy.version();
      }

      @Override
      public List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
        seen.addAll(contexts);
        return policy.decide(contexts);
      }
    };
    try (EngineDriver engine = EngineDriver.create(EngineDriver.config("engine.decision.interval", "PT1M"), capturing)) {
      engine.tick(tick(T0, 100));
      engine.order(Samples.clientBuysCalls("c1", 10, T0));
      HedgeOrder first = engine.drainOrders().get(0);
      engine.tick(tick(minutes(1), 100));

      DecisionContext second = seen.get(1);
      assertThat(second.options()).singleElement().satisfies(option -> {
        assertThat(option.deskQuantity()).isEqualTo(-10);
        assertThat(option.multiplier()).isEqualTo(100);
        assertThat(option.ttmYears()).isPositive();
      });
      assertThat(second.pending()).containsEntry(Samples.SPY, first.getQuantity());
      assertThat(second.holdings()).isEmpty();
      assertThat(second.bookScale()).isEqualTo(1000);
      assertThat(second.market().mid()).isEqualTo(100);
    }
  }
}
