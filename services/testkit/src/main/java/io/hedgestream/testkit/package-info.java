/**
 * Test fixtures shared by every module's integration tests: {@link io.hedgestream.testkit.KafkaFixture}
 * gives a real Kafka broker, from Testcontainers when a Docker engine is present and from the in-JVM KRaft
 * broker otherwise, so the same {@code *IT} tests run on every machine.
 */
package io.hedgestream.testkit;
