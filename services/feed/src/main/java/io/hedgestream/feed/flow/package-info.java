/**
 * Simulated client option flow: Poisson arrivals in simulated time and the ATM European option orders a
 * client sends, priced at the Black–Scholes model price of the quoting tick.
 */
package io.hedgestream.feed.flow;
