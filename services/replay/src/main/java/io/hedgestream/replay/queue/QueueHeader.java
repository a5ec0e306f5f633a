package io.hedgestream.replay.queue;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The first excerpt of a replay queue: what the ticks were built from. Two ingests with equal headers
 * produce equal ticks, so an existing queue with this header and a completion trailer is reused.
 *
 * @param layoutVersion {@link TickWire#VERSION} of the writer
 * @param tickSettings the tick settings, {@link io.hedgestream.replay.ticks.TickSettings#describe()}
 * @param sourceSha256 file name to sha256 of each source file
 */
public record QueueHeader(int layoutVersion, String tickSettings, Map<String, String> sourceSha256) {

  /** Copies the map (sorted by file name). */
  public QueueHeader {
    Objects.requireNonNull(tickSettings, "tickSettings");
    sourceSha256 = Map.copyOf(new TreeMap<>(sourceSha256));
  }
}
