/**
 * JMH benchmarks of one hedge decision as the engine makes it for the books due at a tick: the feature
 * build, the policy's inference and the guardrails, at batch 1 (latency percentiles) and at batch 64 and
 * 1024 (decisions per second on one thread), for the shipped ONNX model and the delta hedge. The runner
 * {@link io.hedgestream.bench.decision.DecisionBenchmark} runs them in a forked JVM and writes the figures
 * to {@code services/bench/results/decision.json}.
 */
package io.hedgestream.bench.decision;
