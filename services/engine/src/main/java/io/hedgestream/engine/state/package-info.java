/**
 * The engine's state: books (liability options, hedge holdings, cash, pending orders, PnL ledger), the
 * per-symbol decision schedule, operator controls, and their exact binary serdes.
 */
package io.hedgestream.engine.state;
