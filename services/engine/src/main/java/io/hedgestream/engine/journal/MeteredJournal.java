package io.hedgestream.engine.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A journal that also counts what it is given, for the engine's Prometheus endpoint: decisions by reason
 * (POLICY, FALLBACK, KILL, EXPIRY), the orders they sent, and the feature-build and inference time of each
 * model decision as histograms (a batch's time divided among its books). It then hands the record on to the
 * journal it wraps, which may keep nothing ({@link DecisionJournal#NONE}). When neither the inner journal keeps
 * records nor anyone scrapes the metrics (no endpoint), it asks the decider for none, as the inner one would.
 */
public final class MeteredJournal implements DecisionJournal {

  private final DecisionJournal inner;
  private final MeterRegistry registry;
  private final boolean scraped;
  private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
  private final Counter orders;
  private final Timer features;
  private final Timer inference;

  /**
   * Counts into {@code registry}, journals to {@code inner}.
   *
   * @param scraped whether the registry is served (the engine's metrics endpoint is on)
   */
  public MeteredJournal(DecisionJournal inner, MeterRegistry registry, boolean scraped) {
    this.inner = inner;
    this.registry = registry;
    this.scraped = scraped;
    this.orders = Counter.builder("hedgestream.engine.orders").description("Hedge orders the decisions sent")
        .register(registry);
    this.features = timer("hedgestream.engine.feature.build", "Feature build time per book of a model decision");
    this.inference = timer("hedgestream.engine.inference", "Model run time per book of a model decision");
    for (String reason : new String[] {"POLICY", "FALLBACK", "KILL", "EXPIRY"}) {
      decisions(reason);
    }
  }

  @Override
  public boolean enabled() {
    return scraped || inner.enabled();
  }

  @Override
  public void append(DecisionRecord record) {
    decisions(record.reason().name()).increment();
    orders.increment(record.orders().size());
    if (record.batchSize() > 0 && record.featureNanos() > 0) {
      features.record(Duration.ofNanos(record.featureNanos() / record.batchSize()));
    }
    if (record.batchSize() > 0 && record.inferenceNanos() > 0) {
      inference.record(Duration.ofNanos(record.inferenceNanos() / record.batchSize()));
    }
    if (inner.enabled()) {
      inner.append(record);
    }
  }

  @Override
  public void close() {
    inner.close();
  }

  private Counter decisions(String reason) {
    return decisions.computeIfAbsent(reason, r -> Counter.builder("hedgestream.engine.decisions")
        .description("Book decisions by reason").tag("reason", r).register(registry));
  }

  private Timer timer(String name, String help) {
    return Timer.builder(name).description(help).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofMillis(100)).register(registry);
  }
}
