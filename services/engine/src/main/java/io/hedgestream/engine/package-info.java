/**
 * The HedgeStream engine: its configuration, the Kafka Streams topology that hedges books in real time,
 * and the service that runs it.
 */
package io.hedgestream.engine;
