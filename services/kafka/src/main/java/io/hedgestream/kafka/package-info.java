/**
 * Kafka client plumbing every HedgeStream process shares, on {@code kafka-clients} alone (no broker jars):
 * producer, consumer and admin property builders that carry a deployment's pass-through settings
 * ({@code kafka.*}: SASL, SSL, ...) to every client unchanged, and idempotent topic creation.
 */
package io.hedgestream.kafka;
