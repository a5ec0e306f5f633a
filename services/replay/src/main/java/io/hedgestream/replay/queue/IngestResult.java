package io.hedgestream.replay.queue;

import io.hedgestream.replay.ticks.BuildReport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an ingest did.
 *
 * @param outcome created, unchanged or rebuilt
 * @param queueDir the queue's directory
 * @param header the queue's header
 * @param ticks ticks in the queue
 * @param report the build report; null when the queue was unchanged (nothing was built)
 * @param elapsedNanos wall time of the ingest
 */
public record IngestResult(Outcome outcome, Path queueDir, QueueHeader header, long ticks, BuildReport report,
    long elapsedNanos) {

  /** What happened to the queue. */
  public enum Outcome {
    /** No queue existed; it was written. */
    CREATED,
    /** A complete queue with the same sources and settings existed; nothing was written. */
    UNCHANGED,
    /** A queue with other sources or settings (or an incomplete one) existed; it was deleted and rewritten. */
    REBUILT
  }

  /** The build report, when ticks were built. */
  public Optional<BuildReport> buildReport() {
    return Optional.ofNullable(report);
  }

  /** One line for a console. */
  public String summary() {
    return "replay queue " + queueDir + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT) + ", " + ticks
        + " ticks in " + elapsedNanos / 1_000_000 + " ms" + (report == null ? "" : "; " + report.summary());
  }
}
