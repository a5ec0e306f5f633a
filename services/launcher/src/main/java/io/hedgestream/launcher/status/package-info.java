/**
 * The live status line of {@code hedge demo}: a read_committed console consumer of the pipeline's topics
 * that counts ticks, client orders, decisions, hedge orders, fills and dead letters and keeps each book's
 * latest delta, cumulative PnL and CVaR95 — read from the topics, not from inside the engine.
 */
package io.hedgestream.launcher.status;
