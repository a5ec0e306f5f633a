/**
 * The engine's step for a book: expiry settlement, the policy guard and fallback, order planning with
 * lots and limits, PnL accounting and risk snapshots.
 */
package io.hedgestream.engine.decision;
