package io.hedgestream.engine.decision;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.engine.journal.DecisionRecord;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.ModelIdentity;
import io.hedgestream.engine.policy.PolicyBatch;
import io.hedgestream.engine.policy.PolicyDecision;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import java.util.ArrayList;
import java.util.List;

/** Builds the journal record of one decision from what {@link BookDecider} had at hand. */
final class DecisionRecords {

  private DecisionRecords() {}

  /**
   * What the policy was asked and answered for one book (absent for KILL and EXPIRY decisions).
   *
   * @param batch the policy call the book was part of
   * @param decision the policy's decision for the book
   * @param context the book as the policy saw it
   */
  record Asked(PolicyBatch batch, PolicyDecision decision, DecisionContext context) {}

  /**
   * The record of a decision.
   *
   * @param label decision id, reason, version on the orders, event time
   * @param book the book
   * @param detail why, as in the PnL event's reason after the reason name
   * @param activeVersion version of the policy that was active
   * @param target the chosen target
   * @param orders the orders sent
   * @param limits the book's limits
   * @param asked what the policy computed, or null when it was not asked
   * @return the record
   */
  static DecisionRecord of(OrderPlanner.DecisionLabel label, BookState book, String detail, String activeVersion,
      TargetHoldings target, List<HedgeOrder> orders, HedgeLimits limits, Asked asked) {
    List<DecisionRecord.JournalOrder> sent = new ArrayList<>(orders.size());
    for (HedgeOrder order : orders) {
      sent.add(new DecisionRecord.JournalOrder(order.getOrderId(), order.getInstrument(), order.getSide(),
          order.getQuantity()));
    }
    if (asked == null) {
      return new DecisionRecord(label.eventMicros(), book.book(), book.symbol(), label.decisionId(), label.reason(),
          detail, activeVersion, label.policyVersion(), "", "", List.of(), null, List.of(), null, Double.NaN,
          Double.NaN, limits.maxPosition(), target.units(), sent, 0, 0, 0, book.releasedOrders());
    }
    PolicyDecision decision = asked.decision();
    PolicyBatch batch = asked.batch();
    // A model's identity goes with the features it built and the output it gave; an analytic policy has none.
    ModelIdentity model = decision.features() == null && decision.output() == null ? null : batch.model();
    boolean features = model != null && decision.features() != null;
    boolean output = model != null && decision.output() != null;
    return new DecisionRecord(label.eventMicros(), book.book(), book.symbol(), label.decisionId(), label.reason(),
        detail, activeVersion, label.policyVersion(), model == null ? "" : model.sha256(),
        model == null ? "" : model.path(), features ? model.featureNames() : List.of(),
        features ? decision.features() : null, output ? model.instruments() : List.of(),
        output ? decision.output() : null, decision.scale(), asked.context().optionGreeks().delta(),
        limits.maxPosition(), target.units(), sent, batch.featureNanos(), batch.inferenceNanos(),
        batch.decisions().size(), book.releasedOrders());
  }
}
