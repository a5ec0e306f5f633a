package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** Every decision and every guardrail fallback is counted in the task's Kafka Streams metrics. */
class DecisionMetricsTest {

  private static double total(EngineDriver engine, String name) {
    double sum = 0;
    for (Map.Entry<MetricName, ? extends Metric> metric : engine.driver.metrics().entrySet()) {
      if (metric.getKey().group().equals("stream-hedge-metrics") && metric.getKey().name().equals(name)) {
        sum += ((Number) metric.getValue().metricValue()).doubleValue();
      }
    }
    return sum;
  }

  @Test
  void aModelThatAnswersNanIsCountedAsAFallbackAtEveryDecision() {
    try (OnnxPolicy nan = OnnxPolicy.load(ModelFixtures.testGraph("constant-nan"), PolicyDevice.CPU);
        EngineDriver engine = EngineDriver.create(EngineDriver.config("engine.decision.interval", "PT1M"), nan)) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      engine.tick(tick(minutes(1), 101));
      engine.tick(tick(minutes(2), 99));

      assertThat(total(engine, "decision-total")).isEqualTo(3);
      assertThat(total(engine, "fallback-total")).isEqualTo(3);
    }
  }

  @Test
  void theDeltaHedgeNeverFallsBack() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      engine.tick(tick(minutes(1), 101));

      assertThat(total(engine, "decision-total")).isEqualTo(2);
      assertThat(total(engine, "fallback-total")).isZero();
    }
  }
}
