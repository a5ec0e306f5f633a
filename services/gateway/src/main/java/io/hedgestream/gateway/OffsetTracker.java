package io.hedgestream.gateway;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly which consumed records are handled, so that a restarted gateway neither loses nor repeats one.
 *
 * <p>Per partition the committed position is the oldest record still in flight (an order not yet finished,
 * a tick whose quote the route may still need); the records above it that are already handled are written
 * into the commit's metadata as the complement of the in-flight ones ({@code v1 next=N inflight=d,d,...},
 * deltas from the position). A new session {@link #restore}s that, re-reads from the position, and skips
 * the side effects of the records handled before ({@link #handledBefore}): no order executes twice, no dead
 * letter is written twice, and the ticks re-read rebuild the route's quotes. Commits happen inside the
 * gateway's transaction, together with the outputs that made the records handled.
 *
 * <p>A record in flight may carry a note of what of it is published already ({@link #note}: an order's
 * fills so far, {@code quantity/notional}), committed with it ({@code filled=d:note;...}) and read back by the
 * next session ({@link #restoredNote}).
 *
 * <p>Thread-safe: records begin on the consumer thread and complete on whatever thread finishes them.
 */
final class OffsetTracker {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetTracker.class);
  /** Kafka's default {@code offset.metadata.max.bytes} is 4096; stay well inside it. */
  static final int MAX_METADATA_CHARS = 3_000;
  private static final String VERSION = "v1";

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();

  /** A record at {@code offset} was read and is now in flight. */
  synchronized void begin(TopicPartition partition, long offset) {
    Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
    state.inFlight.add(offset);
    state.next = Math.max(state.next, offset + 1);
  }

  /** The record at {@code offset} is fully handled. */
  synchronized void complete(TopicPartition partition, long offset) {
    Partition state = partitions.get(partition);
    if (state != null) {
      state.inFlight.remove(offset);
      state.notes.remove(offset);
    }
  }

  /**
   * Notes what of the in-flight record at {@code offset} is published (committed with the next commit); the
   * note is digits, dots, signs, {@code E} and {@code /} only.
   */
  synchronized void note(TopicPartition partition, long offset, String note) {
    if (!note.matches("[0-9.E/+-]+")) {
      throw new IllegalArgumentException("note with other characters: " + note);
    }
    Partition state = partitions.get(partition);
    if (state != null && state.inFlight.contains(offset)) {
      state.notes.put(offset, note);
    }
  }

  /**
   * What the earlier session noted of the record at {@code offset}, when it committed which records were in
   * flight: its note, or an empty string for a record in flight without one; empty when the earlier session
   * did not say (the record was not in flight then, or the commit had no metadata).
   */
  synchronized java.util.Optional<String> restoredNote(TopicPartition partition, long offset) {
    Partition state = partitions.get(partition);
    if (state == null || !state.restored || !state.restoredInFlight.contains(offset)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(state.restoredNotes.getOrDefault(offset, ""));
  }

  /** Whether the record at {@code offset} was handled by an earlier session (its side effects are committed). */
  synchronized boolean handledBefore(TopicPartition partition, long offset) {
    Partition state = partitions.get(partition);
    return state != null && state.restored && offset >= state.restoredPosition && offset < state.restoredNext
        && !state.restoredInFlight.contains(offset);
  }

  /**
   * Takes over what an earlier session committed for {@code partition}; without metadata (a new group, or a
   * commit by an older gateway) every record from the position on is new.
   */
  synchronized void restore(TopicPartition partition, OffsetAndMetadata committed) {
    Partition state = new Partition();
    partitions.put(partition, state);
    if (committed == null) {
      return;
    }
    state.next = committed.offset();
    String metadata = committed.metadata();
    if (metadata == null || !metadata.startsWith(VERSION + " ")) {
      return;
    }
    try {
      String[] fields = metadata.split(" ");
      long position = committed.offset();
      long next = Long.parseLong(fields[1].substring("next=".length()));
      TreeSet<Long> inFlight = new TreeSet<>();
      if (position < next) {
        inFlight.add(position);
      }
      String list = fields[2].substring("inflight=".length());
      if (!list.isEmpty()) {
        for (String delta : list.split(",")) {
          inFlight.add(position + Long.parseLong(delta));
        }
      }
      Map<Long, String> notes = new HashMap<>();
      if (fields.length > 3 && fields[3].startsWith("filled=") && fields[3].length() > "filled=".length()) {
        for (String entry : fields[3].substring("filled=".length()).split(";")) {
          int colon = entry.indexOf(':');
          notes.put(position + Long.parseLong(entry.substring(0, colon)), entry.substring(colon + 1));
        }
      }
      state.restoredNotes = notes;
      state.restored = true;
      state.restoredPosition = position;
      state.restoredNext = next;
      state.restoredInFlight = inFlight;
    } catch (RuntimeException e) {
      LOG.warn("ignoring unreadable commit metadata '{}' of {}: records from offset {} are handled again",
          metadata, partition, committed.offset());
    }
  }

  /**
   * What to commit for every partition seen: the position (oldest record in flight, in this session or left
   * in flight by the restored one) and the metadata naming which records above it are still in flight.
   */
  synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    partitions.forEach((partition, state) -> out.put(partition, state.committable(partition)));
    return out;
  }

  /** Records still in flight over all partitions, in this session. */
  synchronized int inFlight() {
    return partitions.values().stream().mapToInt(p -> p.inFlight.size()).sum();
  }

  /** Forgets partitions this consumer no longer owns. */
  synchronized void forget(Collection<TopicPartition> revoked) {
    revoked.forEach(partitions::remove);
  }

  private static final class Partition {
    final TreeSet<Long> inFlight = new TreeSet<>();
    final Map<Long, String> notes = new HashMap<>();
    Map<Long, String> restoredNotes = Map.of();
    long next;
    boolean restored;
    long restoredPosition;
    long restoredNext;
    TreeSet<Long> restoredInFlight = new TreeSet<>();
    /** Whether the last commit had too many records in flight to list (warned once, not per commit). */
    boolean overflowing;

    OffsetAndMetadata committable(TopicPartition partition) {
      TreeSet<Long> open = new TreeSet<>(inFlight);
      long end = next;
      if (restored && restoredNext > next) {
        // Records the restored session left in flight that this one has not re-read yet.
        open.addAll(restoredInFlight.subSet(next, restoredNext));
        end = restoredNext;
      }
      long position = open.isEmpty() ? end : open.first();
      StringBuilder metadata = new StringBuilder(VERSION).append(" next=").append(end).append(" inflight=");
      boolean first = true;
      for (long offset : open.tailSet(position, false)) {
        metadata.append(first ? "" : ",").append(offset - position);
        first = false;
      }
      Map<Long, String> noted = new java.util.TreeMap<>();
      if (restored) {
        restoredNotes.forEach((offset, note) -> {
          if (open.contains(offset) && !inFlight.contains(offset)) {
            noted.put(offset, note);
          }
        });
      }
      notes.forEach((offset, note) -> {
        if (open.contains(offset)) {
          noted.put(offset, note);
        }
      });
      if (!noted.isEmpty()) {
        metadata.append(" filled=");
        first = true;
        for (Map.Entry<Long, String> note : noted.entrySet()) {
          metadata.append(first ? "" : ";").append(note.getKey() - position).append(':').append(note.getValue());
          first = false;
        }
      }
      if (metadata.length() > MAX_METADATA_CHARS) {
        if (!overflowing) {
          LOG.warn("{} records in flight on {}: too many to commit which are handled; until fewer are, a restart "
              + "re-handles the records from the oldest one in flight (now offset {})", open.size(), partition,
              position);
        }
        overflowing = true;
        return new OffsetAndMetadata(position);
      }
      if (overflowing) {
        LOG.info("{} records in flight on {}: commits list them again", open.size(), partition);
        overflowing = false;
      }
      return new OffsetAndMetadata(position, metadata.toString());
    }
  }
}
