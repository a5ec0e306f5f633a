/**
 * Pure, seeded market path generators for the simulated feed.
 *
 * <p>A {@link io.hedgestream.feed.market.MarketSimulator} holds only model parameters; every step takes the
 * current {@link io.hedgestream.feed.market.MarketState}, a time step in years and a caller-owned random
 * generator, so a path is a deterministic function of its seed and can be tested statistically without any
 * Kafka plumbing. Units: time in years (ACT/365 calendar time), rates and volatilities annualised, variance
 * in annualised variance units (0.04 = 20% vol).
 */
package io.hedgestream.feed.market;
