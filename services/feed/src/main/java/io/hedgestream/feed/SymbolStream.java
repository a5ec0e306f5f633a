package io.hedgestream.feed;

/** The events of one simulated symbol, one step at a time ({@link SymbolFeed}, {@link SabrBookFeed}). */
interface SymbolStream {

  /** Advances one step and returns its events: the step's client orders, then its tick. */
  SymbolStep next();
}
