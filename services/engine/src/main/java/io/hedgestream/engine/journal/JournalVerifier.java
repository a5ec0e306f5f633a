package io.hedgestream.engine.journal;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.onnx.ModelMetadata;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-executes journaled decisions and reports those whose result differs ({@code hedge journal verify}).
 *
 * <ul>
 *   <li>A decision with a model output: the model with the recorded sha256 ({@link JournalModels}) is run on
 *       the recorded features (batch of one); the raw outputs must agree to {@link #TOLERANCE}, the feature
 *       names must be the model's, the model's guardrails (finite, within {@code target_bounds}) must give
 *       the recorded outcome (POLICY, or FALLBACK naming the same guardrail), and a POLICY target must be
 *       output x scale.</li>
 *   <li>A FALLBACK: target = the delta hedge clamped to the position limit, {@code clamp(-optionDelta,
 *       ±maxPosition)}, from the recorded option delta and limit. The options are not re-priced: the market
 *       and marks are not journaled, so the option delta itself is taken as recorded.</li>
 *   <li>A POLICY decision of the delta hedge: target = -optionDelta; KILL and EXPIRY: every target 0.</li>
 *   <li>Other decisions (another analytic policy; a fallback whose option delta was not finite) are counted
 *       as not re-executable. Orders are not re-derived (holdings, pending orders and lot rules are not
 *       journaled).</li>
 * </ul>
 */
public final class JournalVerifier implements AutoCloseable {

  /** Largest absolute difference of a raw output (and relative one of a target) that counts as equal. */
  public static final double TOLERANCE = 1e-6;

  private final JournalModels models;

  /**
   * A verifier that finds models by recorded path, then by sha256 under {@code modelsDir}.
   *
   * @param modelsDir where moved models are searched, or null
   */
  public JournalVerifier(Path modelsDir) {
    this.models = new JournalModels(modelsDir);
  }

  /** How one decision fared. */
  public enum Verdict {
    /** Re-executed with the same result. */
    SAME,
    /** Re-executed with a different result. */
    DIFFERENT,
    /** Made by a model that cannot be found (no file with the recorded sha256). */
    MODEL_MISSING,
    /** Nothing recorded that could be re-executed. */
    NOT_REEXECUTABLE
  }

  /**
   * The verdict on one decision.
   *
   * @param decisionId the decision
   * @param verdict the verdict
   * @param maxAbsDiff largest absolute difference of a raw output (0 when no model ran)
   * @param message what differs, or what was checked
   */
  public record Finding(String decisionId, Verdict verdict, double maxAbsDiff, String message) {}

  /**
   * The verdicts on a journal.
   *
   * @param findings one per distinct decision, in journal order
   * @param duplicates re-executed copies dropped before verifying
   */
  public record Report(List<Finding> findings, int duplicates) {

    /** Decisions with a verdict. */
    public long count(Verdict verdict) {
      return findings.stream().filter(f -> f.verdict() == verdict).count();
    }

    /** Largest raw-output difference over every re-run. */
    public double maxAbsDiff() {
      return findings.stream().mapToDouble(Finding::maxAbsDiff).max().orElse(0);
    }

    /** Whether every re-executable decision was reproduced and every model was found. */
    public boolean passed() {
      return count(Verdict.DIFFERENT) == 0 && count(Verdict.MODEL_MISSING) == 0;
    }

    /** One line with the counts. */
    public String summary() {
      return String.format("%d decisions (%d duplicate copies dropped): %d same, %d different, %d model missing, "
          + "%d not re-executable; max |output diff| %.3g", findings.size(), duplicates, count(Verdict.SAME),
          count(Verdict.DIFFERENT), count(Verdict.MODEL_MISSING), count(Verdict.NOT_REEXECUTABLE), maxAbsDiff());
    }
  }

  /**
   * Verifies a journal's distinct decisions.
   *
   * @param contents the journal, duplicates removed
   * @return the report
   */
  public Report verify(JournalContents contents) {
    List<Finding> findings = new ArrayList<>(contents.decisions().size());
    for (JournaledDecision journaled : contents.decisions()) {
      findings.add(verify(journaled.record()));
    }
    return new Report(findings, contents.duplicates());
  }

  /**
   * Verifies one decision.
   *
   * @param r the decision
   * @return the verdict
   */
  public Finding verify(DecisionRecord r) {
    if (r.reason() == HedgeReason.KILL || r.reason() == HedgeReason.EXPIRY) {
      boolean flat = r.target().values().stream().allMatch(units -> units == 0);
      return finding(r, flat, 0, flat ? "target 0" : "target " + r.target() + " is not flat");
    }
    if (r.hasModelOutput()) {
      return rerun(r);
    }
    if (r.reason() == HedgeReason.FALLBACK) {
      return fallback(r, 0, "");
    }
    if (DeltaHedgePolicy.VERSION.equals(r.policyVersion()) && Double.isFinite(r.optionDelta())) {
      return targetIs(r, -r.optionDelta(), 0, "delta hedge");
    }
    return new Finding(r.decisionId(), Verdict.NOT_REEXECUTABLE, 0, "policy " + r.policyVersion()
        + (r.features().length > 0 ? " ran no model (scale " + r.scale() + ")" : " records no model output"));
  }

  private Finding rerun(DecisionRecord r) {
    OnnxPolicy model = models.model(r.modelSha256(), r.modelPath());
    if (model == null) {
      return new Finding(r.decisionId(), Verdict.MODEL_MISSING, 0, "no model with sha256 " + r.modelSha256()
          + " at " + r.modelPath() + " or under the models folder");
    }
    if (!model.features().names().equals(r.featureNames())) {
      return new Finding(r.decisionId(), Verdict.DIFFERENT, 0, "features " + r.featureNames()
          + " are not the model's " + model.features().names());
    }
    Result<float[]> rerun = model.infer(r.features());
    if (!rerun.isSuccess()) {
      return new Finding(r.decisionId(), Verdict.DIFFERENT, 0, "model failed on the recorded features: "
          + rerun.reason());
    }
    float[] output = rerun.value();
    if (output.length != r.output().length) {
      return new Finding(r.decisionId(), Verdict.DIFFERENT, 0, "model gives " + output.length + " outputs, "
          + r.output().length + " recorded");
    }
    double diff = 0;
    for (int k = 0; k < output.length; k++) {
      diff = Math.max(diff, Math.abs((double) output[k] - r.output()[k]));
    }
    // NaN outputs compare unequal: a NaN that was journaled and is produced again is the same output.
    if (!(diff <= TOLERANCE) && !java.util.Arrays.equals(output, r.output())) {
      return new Finding(r.decisionId(), Verdict.DIFFERENT, diff, "raw output " + java.util.Arrays.toString(output)
          + " recorded " + java.util.Arrays.toString(r.output()));
    }
    String guardrail = guardrail(output, model.metadata());
    if (guardrail != null) {
      boolean named = r.reason() == HedgeReason.FALLBACK && r.detail().contains("guardrail " + guardrail);
      return named ? fallback(r, diff, "guardrail " + guardrail + ", ") : new Finding(r.decisionId(),
          Verdict.DIFFERENT, diff, "guardrail " + guardrail + " fires but the record says " + r.reason());
    }
    if (r.reason() == HedgeReason.FALLBACK) {
      boolean modelGuardrail = r.detail().contains("guardrail ");
      return modelGuardrail ? new Finding(r.decisionId(), Verdict.DIFFERENT, diff, "the output passes the model's "
          + "guardrails but the record says " + r.detail()) : fallback(r, diff, "engine limit, ");
    }
    return targetIs(r, output[0] * r.scale(), diff, "output x scale");
  }

  /** The model guardrail an output trips (as OnnxPolicy applies them), or null. */
  private static String guardrail(float[] output, ModelMetadata metadata) {
    for (int k = 0; k < output.length; k++) {
      if (!Float.isFinite(output[k])) {
        return "NON_FINITE";
      }
      if (!metadata.targetBounds().get(k).contains(output[k])) {
        return "OUT_OF_BOUNDS";
      }
    }
    return null;
  }

  private static Finding fallback(DecisionRecord r, double diff, String why) {
    if (!Double.isFinite(r.optionDelta())) {
      return new Finding(r.decisionId(), Verdict.NOT_REEXECUTABLE, diff, "fallback with option delta "
          + r.optionDelta());
    }
    double clamped = Math.max(-r.maxPosition(), Math.min(r.maxPosition(), -r.optionDelta()));
    return targetIs(r, clamped, diff, why + "delta fallback");
  }

  private static Finding targetIs(DecisionRecord r, double expected, double diff, String rule) {
    Double actual = r.target().get(r.symbol());
    boolean same = actual != null && Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected));
    return finding(r, same, diff, same ? rule : "target " + actual + " for " + r.symbol() + " but " + rule
        + " gives " + expected);
  }

  private static Finding finding(DecisionRecord r, boolean same, double diff, String message) {
    return new Finding(r.decisionId(), same ? Verdict.SAME : Verdict.DIFFERENT, diff, message);
  }

  /** Closes the models loaded for verification. */
  @Override
  public void close() {
    models.close();
  }
}
