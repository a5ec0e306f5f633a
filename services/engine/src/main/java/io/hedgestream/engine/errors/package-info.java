/**
 * Kafka Streams exception handlers that dead-letter the source record instead of killing a stream thread.
 */
package io.hedgestream.engine.errors;
