/**
 * Marking a book: pricing its liability options at the latest market (Black-Scholes-Merton with ATM or
 * SABR vol) and aggregating its Greeks.
 */
package io.hedgestream.engine.marking;
