/**
 * A real single-node KRaft Kafka broker that runs inside the JVM, for {@code hedge demo}, benchmarks and
 * integration tests. Client settings and topic creation are in {@code io.hedgestream.kafka} (module
 * hedgestream-kafka), which services use without the broker's server jars on their classpath.
 */
package io.hedgestream.broker;
