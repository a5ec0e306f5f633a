/**
 * The engine's edge: decoding raw records, the stateless checks of every input topic, and dead letters
 * with stable reason codes for whatever fails them.
 */
package io.hedgestream.engine.input;
