/**
 * Small value types shared by every HedgeStream module, with no dependency on Kafka or pricing.
 *
 * <p>{@link io.hedgestream.basics.Result} is how a calculation that can fail on data (an implied vol
 * for a price outside the no-arbitrage bounds, say) reports that failure in the hot path without
 * throwing an exception that would kill a stream thread.
 */
package io.hedgestream.basics;
