package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {

  /** A policy whose targets are NaN, or which throws: both must fall back, never trade NaN. */
  private static HedgePolicy policy(boolean fail) {
    return new HedgePolicy() {
      @Override
      public String version() {
        return "broken-v0";
      }

      @Override
      public List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
        if (fail) {
          throw new IllegalStateException("model crashed");
        }
        List<Result<TargetHoldings>> targets = new ArrayList<>();
        contexts.forEach(context -> targets.add(Result.success(TargetHoldings.of(context.symbol(), Double.NaN))));
        return targets;
      }
    };
  }

  @Test
  void nanTargetFallsBackToTheDeltaHedge() {
    try (EngineDriver engine = EngineDriver.create(EngineDriver.config(), policy(false))) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));

      assertThat(engine.drainOrders()).singleElement().satisfies(order -> {
        assertThat(order.getReason()).isEqualTo(HedgeReason.FALLBACK);
        assertThat(order.getPolicyVersion()).isEqualTo("delta-bs-v1");
        assertThat(order.getQuantity()).isGreaterThan(400);
      });
      assertThat(engine.drainPnl().get(0).getReason()).startsWith("FALLBACK").contains("not finite");
    }
  }

  @Test
  void aThrowingPolicyFallsBackToTheDeltaHedge() {
    try (EngineDriver engine = EngineDriver.create(EngineDriver.config(), policy(true))) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));

      assertThat(engine.drainOrders()).singleElement()
          .satisfies(order -> assertThat(order.getReason()).isEqualTo(HedgeReason.FALLBACK));
      assertThat(engine.drainPnl().get(0).getReason()).contains("model crashed");
    }
  }

  @Test
  void anUnexpectedProcessingFailureIsDeadLetteredAndTheStreamGoesOn() {
    HedgePolicy buggy = new HedgePolicy() {
      @Override
      public String version() {
        throw new UnsupportedOperationException("bug in a policy plug-in");
      }

      @Override
      public List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
        return List.of(Result.success(TargetHoldings.of(contexts.get(0).symbol(), 0.0)));
      }
    };
    try (EngineDriver engine = EngineDriver.create(EngineDriver.config(), buggy)) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));

      DeadLetter dead = engine.deadLetters(Topics.ORDERS_CLIENT).readValue();
      assertThat(dead.getErrorType()).isEqualTo("PROCESSING_ERROR");
      assertThat(dead.getError()).contains("bug in a policy plug-in");
      assertThat(dead.getSourceTopic()).isEqualTo(Topics.ORDERS_CLIENT.name());

      engine.tick(tick(T0.plusSeconds(1), 100));
      assertThat(engine.deadLetters(Topics.MD_TICKS).isEmpty()).as("the next tick is processed").isTrue();
    }
  }
}
