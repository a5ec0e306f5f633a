/**
 * Benchmarks of the engine against a real Kafka broker in the same JVM: throughput of pre-produced ticks
 * and tick-to-hedge-order latency at a fixed offered rate, each under at-least-once and exactly-once, with
 * the delta hedge or a model ({@link io.hedgestream.bench.EngineBenchmark}, which also compares policies on
 * the same load); and the runner of the JMH decision benchmarks of {@code io.hedgestream.bench.decision}
 * ({@link io.hedgestream.bench.DecisionBenchmark}). They are programs that write their figures to JSON, not
 * timed tests.
 */
package io.hedgestream.bench;
