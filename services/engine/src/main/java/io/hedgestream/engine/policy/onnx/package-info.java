/**
 * The ONNX policy: loads a model the trainer exported ({@code models/<name>/policy.onnx}), validates its
 * {@code hedgestream.*} metadata against the feature contract and what the engine can trade, and decides
 * every book due at a tick in one ONNX Runtime call, with reused direct buffers and pinned outputs. Outputs
 * that are not finite, leave the model's target bounds, or a runtime error become per-book failures, which
 * the engine's guard turns into the delta-hedge fallback.
 */
package io.hedgestream.engine.policy.onnx;
