/**
 * Benchmarks of the engine against a real Kafka broker in the same JVM: throughput of pre-produced ticks
 * and tick-to-hedge-order latency at a fixed offered rate, each under at-least-once and exactly-once. They
 * are programs that write their figures to JSON ({@link io.hedgestream.bench.EngineBenchmark}), not timed
 * tests.
 */
package io.hedgestream.bench;
