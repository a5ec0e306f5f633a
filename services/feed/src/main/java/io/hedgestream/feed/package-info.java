/**
 * The simulated paper-trading feed: seeded market ticks and Poisson client option orders published to
 * {@code md.ticks} and {@code orders.client}.
 *
 * <p>{@link io.hedgestream.feed.FeedConfig} reads the {@code feed.*} settings,
 * {@link io.hedgestream.feed.FeedGenerator} turns them into a deterministic stream of
 * {@link io.hedgestream.feed.SymbolStep}s, and {@link io.hedgestream.feed.FeedService} paces and publishes
 * them on its own thread.
 */
package io.hedgestream.feed;
