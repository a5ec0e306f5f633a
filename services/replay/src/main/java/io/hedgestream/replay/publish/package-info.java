/**
 * Publishing a replay to Kafka: ticks to {@code md.ticks}, client orders to {@code orders.client} (key =
 * symbol, Avro single-object values from {@link io.hedgestream.schemas.Topics}), in event-time order, paced
 * at a {@link io.hedgestream.config.PlaybackSpeed}.
 */
package io.hedgestream.replay.publish;
