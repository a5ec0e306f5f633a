package io.hedgestream.engine.policy.onnx;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.TargetHoldings;

/**
 * Everything the ONNX policy computed for one book: what a decision journal records and a parity test
 * compares.
 *
 * @param features the float64 features in the model's order, or null when they could not be built
 * @param output the raw model output per instrument (holdings per unit of scale), or null when the model
 *     was not run for the book
 * @param scale the book's scale (gross liability units)
 * @param target the target holdings (output x scale), or the guardrail failure
 */
public record BookDecision(double[] features, float[] output, double scale, Result<TargetHoldings> target) {}
