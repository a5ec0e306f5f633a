/**
 * {@code hedge chaos}: proves exactly-once end to end under crashes. A seeded input is recorded once and run
 * twice through a broker, an engine and a paper gateway in separate processes, once without faults and once
 * with SIGKILLs of the engine and the gateway while fills flow, broker restarts and a zombie engine; the two
 * runs' orders, fills, PnL steps and final ledgers must be equal.
 */
package io.hedgestream.launcher.chaos;
