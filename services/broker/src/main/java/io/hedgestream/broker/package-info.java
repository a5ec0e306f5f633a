/**
 * Kafka plumbing shared by every HedgeStream process: a real single-node KRaft broker that runs inside the
 * JVM (for {@code hedge demo} and integration tests), idempotent topic creation, and client property
 * builders that carry deployment security settings (SASL/SSL) through unchanged.
 */
package io.hedgestream.broker;
