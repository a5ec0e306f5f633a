/**
 * The replay's Chronicle queue: the ticks built from the CSV files, written once
 * ({@link io.hedgestream.replay.queue.TickQueue#ingest}) behind a header naming the sources' sha256s and the
 * tick settings, and read back in order. Re-ingesting identical sources and settings does nothing;
 * different ones rebuild the queue.
 */
package io.hedgestream.replay.queue;
