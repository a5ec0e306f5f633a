package io.hedgestream.engine.policy.onnx;

/**
 * Why the ONNX policy refused to give a book a target, so that the engine falls back to the delta hedge.
 * The name appears in the failure reason (and so in the PnL event's reason) as {@code guardrail NAME}.
 */
public enum Guardrail {
  /** The book's features could not be built (an option that cannot be priced, a non-finite feature). */
  FEATURES,
  /** The model produced NaN or an infinity. */
  NON_FINITE,
  /** The model's output left its {@code hedgestream.target_bounds}. */
  OUT_OF_BOUNDS,
  /** ONNX Runtime failed to run the batch (every book of the batch falls back). */
  MODEL_ERROR;

  /** The failure reason for a book: {@code guardrail NAME: detail}. */
  String reason(String detail) {
    return "guardrail " + name() + ": " + detail;
  }
}
