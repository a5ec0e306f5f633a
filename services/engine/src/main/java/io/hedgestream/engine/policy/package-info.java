/**
 * Hedge policies: the interface the engine asks for target holdings (batched, so a model can decide many
 * books per call), the analytic delta hedge, and the guard that stops a bad target from trading.
 */
package io.hedgestream.engine.policy;
