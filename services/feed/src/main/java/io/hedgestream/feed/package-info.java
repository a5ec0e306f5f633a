/**
 * The simulated paper-trading feed: seeded market ticks and Poisson client option orders published to
 * {@code md.ticks} and {@code orders.client}.
 *
 * <p>{@link io.hedgestream.feed.FeedConfig} reads the {@code feed.*} settings,
 * {@link io.hedgestream.feed.FeedGenerator} turns them into a deterministic stream of
 * {@link io.hedgestream.feed.SymbolStep}s, and {@link io.hedgestream.feed.FeedService} paces and publishes
 * them on its own thread. Two scenarios ({@link io.hedgestream.feed.Scenario}): the GBM/Heston market with a
 * random flow, and {@code sabr-book}, the trainer's SABR book environment ({@link io.hedgestream.feed.sabr}),
 * whose path {@code feed.path-out} can write for the trainer to replay.
 */
package io.hedgestream.feed;
