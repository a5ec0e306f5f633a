package io.hedgestream.engine.processor;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Kafka Streams metrics of a task's decisions, so an alert on fallbacks needs no log scraping: in group
 * {@code stream-hedge-metrics}, {@code decision-rate}/{@code decision-total} count every book decision and
 * {@code fallback-rate}/{@code fallback-total} the decisions where a guardrail refused the model's target
 * (reason FALLBACK; the guardrail is in the PnL event's reason and the journal). Read them with
 * {@code KafkaStreams.metrics()}, JMX, or the monitor.
 */
final class DecisionMetrics {

  /** Scope of the sensors (metric group {@code stream-hedge-metrics}). */
  static final String SCOPE = "hedge";

  private final Sensor decisions;
  private final Sensor fallbacks;

  private DecisionMetrics(Sensor decisions, Sensor fallbacks) {
    this.decisions = decisions;
    this.fallbacks = fallbacks;
  }

  /** Registers the task's sensors. */
  static DecisionMetrics register(StreamsMetrics metrics) {
    return new DecisionMetrics(
        metrics.addRateTotalSensor(SCOPE, "books", "decision", Sensor.RecordingLevel.INFO),
        metrics.addRateTotalSensor(SCOPE, "books", "fallback", Sensor.RecordingLevel.INFO));
  }

  /** Counts one book's decision from its ledger line. */
  void record(PnlEvent pnl) {
    decisions.record();
    if (pnl.getReason().startsWith(HedgeReason.FALLBACK.name())) {
      fallbacks.record();
    }
  }
}
