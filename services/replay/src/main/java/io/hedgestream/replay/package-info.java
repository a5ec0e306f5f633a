/**
 * Historical replay: {@link io.hedgestream.replay.ReplaySource} ingests SPY/VIX/DTB3 into a Chronicle queue
 * once and yields a window's {@link io.hedgestream.replay.ReplayTimeline} (ticks and a liability flow's
 * client orders in event-time order), which {@link io.hedgestream.replay.publish.ReplayPublisher} writes to
 * {@code md.ticks} and {@code orders.client}. {@link io.hedgestream.replay.ReplayConfig} is the one config.
 */
package io.hedgestream.replay;
