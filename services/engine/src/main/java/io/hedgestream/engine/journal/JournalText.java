package io.hedgestream.engine.journal;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Human-readable lines of journaled decisions, for {@code hedge journal tail}. */
public final class JournalText {

  private JournalText() {}

  /**
   * One decision in two to five lines: time, id, reason, versions, target and orders; then the guardrail or
   * kill detail, the orders the venue released since the previous decision, the model features and raw output, and the latencies, when there are any.
   *
   * @param decision the decision
   * @return the text, without a final line break
   */
  public static String format(JournaledDecision decision) {
    DecisionRecord r = decision.record();
    StringBuilder text = new StringBuilder();
    text.append(Instant.EPOCH.plusNanos(r.eventMicros() * 1_000)).append(' ').append(r.decisionId()).append(' ')
        .append(r.reason()).append(" policy ").append(r.policyVersion());
    if (!r.orderPolicyVersion().equals(r.policyVersion())) {
      text.append(" (orders by ").append(r.orderPolicyVersion()).append(')');
    }
    text.append("\n  target ").append(r.target()).append(" orders ").append(r.orders().isEmpty() ? "none"
        : r.orders().stream().map(o -> o.side() + " " + o.quantity() + " " + o.instrument())
            .collect(Collectors.joining(", ")));
    if (!r.detail().isEmpty()) {
      text.append("\n  detail ").append(r.detail());
    }
    if (!r.releasedOrders().isEmpty()) {
      text.append("\n  released by the venue ").append(r.releasedOrders());
    }
    if (r.features().length > 0) {
      text.append("\n  model ").append(r.modelSha256(), 0, Math.min(12, r.modelSha256().length()))
          .append(" features {");
      for (int i = 0; i < r.features().length; i++) {
        text.append(i == 0 ? "" : ", ").append(r.featureNames().get(i)).append('=').append(r.features()[i]);
      }
      text.append("} output ").append(Arrays.toString(r.output())).append(" x scale ").append(r.scale())
          .append("\n  batch ").append(r.batchSize()).append(", features ").append(r.featureNanos() / 1_000.0)
          .append(" us, inference ").append(r.inferenceNanos() / 1_000.0).append(" us");
    }
    return text.toString();
  }
}
