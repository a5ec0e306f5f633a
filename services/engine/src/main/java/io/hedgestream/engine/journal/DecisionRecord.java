package io.hedgestream.engine.journal;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.Side;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One journaled decision of one book. Absent values are empty, never null: no features or output (an
 * analytic policy, a kill, an expiry, features that could not be built), no model (empty sha256 and path).
 *
 * @param eventMicros event time of the decision (the market it was made at), epoch microseconds
 * @param book book id
 * @param symbol underlying symbol
 * @param decisionId {@code book:symbol:sequence}, also the prefix of the decision's order ids
 * @param reason POLICY, FALLBACK, KILL or EXPIRY
 * @param detail why: the guardrail or policy failure of a FALLBACK, "kill switch on", "no live options"; empty
 *     for a plain POLICY decision
 * @param policyVersion version of the policy that was active (and, unless KILL or EXPIRY, asked)
 * @param orderPolicyVersion version stamped on the decision's orders and PnL event (the delta hedge's on a
 *     FALLBACK)
 * @param modelSha256 hex SHA-256 of the model file that was run, empty for none
 * @param modelPath the model file as the engine loaded it, empty for none
 * @param featureNames names of {@code features}, in order (empty when there are no features)
 * @param features float64 features the model was given
 * @param outputInstruments names of {@code output}, in order (the model's instruments)
 * @param output raw float32 model output (holdings per unit of scale)
 * @param scale book scale the output is multiplied by, NaN when none was used
 * @param optionDelta delta of the book's options at the decision (units of underlying), NaN for KILL/EXPIRY;
 *     the delta hedge and its fallback target minus this
 * @param maxPosition the position limit that applied (the fallback is clamped to it)
 * @param target target holdings by instrument id, units
 * @param orders the orders sent (may be empty)
 * @param featureNanos wall time of the batch's feature build, ns (0 for an analytic policy)
 * @param inferenceNanos wall time of the batch's model run, ns (0 when no model ran)
 * @param batchSize books in the policy call this decision was part of (0 when the policy was not asked)
 * @param releasedOrders the book's hedge orders whose venue rejected, canceled or expired their unfilled rest
 *     since the previous decision, by order id: final status and reason code (empty when none)
 */
public record DecisionRecord(long eventMicros, String book, String symbol, String decisionId, HedgeReason reason,
    String detail, String policyVersion, String orderPolicyVersion, String modelSha256, String modelPath,
    List<String> featureNames, double[] features, List<String> outputInstruments, float[] output, double scale,
    double optionDelta, double maxPosition, Map<String, Double> target, List<JournalOrder> orders,
    long featureNanos, long inferenceNanos, int batchSize, Map<String, String> releasedOrders) {

  private static final double[] NO_FEATURES = {};
  private static final float[] NO_OUTPUT = {};

  /** Replaces nulls by empty values and copies the collections (the target sorted by instrument). */
  public DecisionRecord {
    detail = detail == null ? "" : detail;
    modelSha256 = modelSha256 == null ? "" : modelSha256;
    modelPath = modelPath == null ? "" : modelPath;
    featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
    features = features == null ? NO_FEATURES : features;
    outputInstruments = outputInstruments == null ? List.of() : List.copyOf(outputInstruments);
    output = output == null ? NO_OUTPUT : output;
    target = target == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(target));
    orders = orders == null ? List.of() : List.copyOf(orders);
    releasedOrders = releasedOrders == null || releasedOrders.isEmpty() ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(releasedOrders));
  }

  /** A record with no released orders (the layout before they were journaled). */
  public DecisionRecord(long eventMicros, String book, String symbol, String decisionId, HedgeReason reason,
      String detail, String policyVersion, String orderPolicyVersion, String modelSha256, String modelPath,
      List<String> featureNames, double[] features, List<String> outputInstruments, float[] output, double scale,
      double optionDelta, double maxPosition, Map<String, Double> target, List<JournalOrder> orders,
      long featureNanos, long inferenceNanos, int batchSize) {
    this(eventMicros, book, symbol, decisionId, reason, detail, policyVersion, orderPolicyVersion, modelSha256,
        modelPath, featureNames, features, outputInstruments, output, scale, optionDelta, maxPosition, target, orders,
        featureNanos, inferenceNanos, batchSize, Map.of());
  }

  /** Whether a model was run for this decision (it has a raw output). */
  public boolean hasModelOutput() {
    return output.length > 0;
  }

  /**
   * One order a decision sent.
   *
   * @param orderId {@code decisionId:instrument}
   * @param instrument instrument id
   * @param side BUY or SELL
   * @param quantity units, > 0
   */
  public record JournalOrder(String orderId, String instrument, Side side, double quantity) {

    /** Signed units: + for a buy. */
    public double signedQuantity() {
      return side == Side.BUY ? quantity : -quantity;
    }
  }
}
