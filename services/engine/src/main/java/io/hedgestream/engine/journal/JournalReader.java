package io.hedgestream.engine.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a decision journal from its start, in append order, read-only (the engine may be appending at the
 * same time; {@link #next()} then returns each new decision as it lands).
 */
public final class JournalReader implements AutoCloseable {

  private final ChronicleQueue queue;
  private final ExcerptTailer tailer;

  private JournalReader(ChronicleQueue queue) {
    this.queue = queue;
    this.tailer = queue.createTailer();
  }

  /**
   * Opens a journal directory for reading.
   *
   * @param dir the queue's directory (an engine's {@code engine.journal.dir})
   * @return the reader, positioned at the first decision
   * @throws IllegalArgumentException when {@code dir} holds no journal
   */
  public static JournalReader open(Path dir) {
    boolean hasQueue;
    try (var files = Files.list(dir)) {
      hasQueue = files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4"));
    } catch (java.io.IOException e) {
      hasQueue = false;
    }
    if (!hasQueue) {
      throw new IllegalArgumentException("no decision journal (Chronicle .cq4 files) in " + dir.toAbsolutePath());
    }
    return new JournalReader(ChronicleQueue.singleBuilder(dir).rollCycle(RollCycles.FAST_DAILY).readOnly(true)
        .build());
  }

  /**
   * The next decision.
   *
   * @return the decision, or null when none has been appended yet
   */
  public JournaledDecision next() {
    try (DocumentContext document = tailer.readingDocument()) {
      if (!document.isPresent()) {
        return null;
      }
      return JournalWire.read(document.wire(), document.index());
    }
  }

  /** Every decision from the reader's position to the current end, duplicates included. */
  public List<JournaledDecision> readAll() {
    List<JournaledDecision> all = new ArrayList<>();
    for (JournaledDecision decision = next(); decision != null; decision = next()) {
      all.add(decision);
    }
    return all;
  }

  /**
   * Reads a whole journal.
   *
   * @param dir the queue's directory
   * @return every decision, duplicates included
   */
  public static List<JournaledDecision> readAll(Path dir) {
    try (JournalReader reader = open(dir)) {
      return reader.readAll();
    }
  }

  @Override
  public void close() {
    tailer.close();
    queue.close();
  }
}
