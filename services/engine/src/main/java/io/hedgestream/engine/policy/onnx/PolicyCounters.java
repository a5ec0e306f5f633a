package io.hedgestream.engine.policy.onnx;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of an ONNX policy since it was loaded, safe to read from any thread (a status line, metrics):
 * books decided, model calls (batches) and the books refused per {@link Guardrail}, each of which the
 * engine hedged with the delta-hedge fallback.
 */
public final class PolicyCounters {

  private final LongAdder books = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final Map<Guardrail, LongAdder> refused = new EnumMap<>(Guardrail.class);

  PolicyCounters() {
    for (Guardrail guardrail : Guardrail.values()) {
      refused.put(guardrail, new LongAdder());
    }
  }

  /** Books the policy was asked to decide. */
  public long books() {
    return books.sum();
  }

  /** ONNX Runtime calls (one per batch of books with features). */
  public long batches() {
    return batches.sum();
  }

  /** Books refused by any guardrail (each fell back to the delta hedge). */
  public long fallbacks() {
    return refused.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Books refused by one guardrail. */
  public long fallbacks(Guardrail guardrail) {
    return refused.get(guardrail).sum();
  }

  void books(int count) {
    books.add(count);
  }

  void batch() {
    batches.increment();
  }

  void refused(Guardrail guardrail) {
    refused.get(guardrail).increment();
  }

  void refused(Guardrail guardrail, int count) {
    refused.get(guardrail).add(count);
  }
}
