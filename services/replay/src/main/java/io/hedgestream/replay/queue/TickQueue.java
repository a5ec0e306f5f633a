package io.hedgestream.replay.queue;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.replay.ticks.TickBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The replay queue in one directory: a header excerpt, the ticks in event-time order, and an end excerpt
 * with the tick count (written last, so a queue whose ingest was interrupted is recognised as incomplete).
 *
 * <p>{@link #ingest} writes it once: a complete queue whose header equals the expected one is left alone
 * (comparing headers needs only the sources' sha256s, not a parse of the CSVs); anything else in the
 * directory that is a Chronicle queue is deleted and rewritten. A directory holding files that are not a
 * queue's is refused, so a mistyped {@code replay.queue.dir} never deletes a user's files.
 */
public final class TickQueue {

  private TickQueue() {}

  /**
   * Ingests ticks into {@code dir} unless an identical complete queue is already there.
   *
   * @param dir the queue's directory (created if needed)
   * @param expected the header of the ticks that {@code build} would produce
   * @param build builds the ticks (called only when the queue is written)
   * @return what was done
   * @throws IllegalStateException when {@code dir} holds files that are not a Chronicle queue's
   */
  public static IngestResult ingest(Path dir, QueueHeader expected, Supplier<TickBuild> build) {
    long start = System.nanoTime();
    Optional<Existing> existing = existing(dir);
    if (existing.isPresent() && existing.get().complete() && existing.get().header().equals(expected)) {
      return new IngestResult(IngestResult.Outcome.UNCHANGED, dir, expected, existing.get().ticks(), null,
          System.nanoTime() - start);
    }
    if (existing.isPresent()) {
      deleteQueueFiles(dir);
    }
    TickBuild ticks = build.get();
    write(dir, expected, ticks.ticks());
    return new IngestResult(existing.isPresent() ? IngestResult.Outcome.REBUILT : IngestResult.Outcome.CREATED,
        dir, expected, ticks.ticks().size(), ticks.report(), System.nanoTime() - start);
  }

  /**
   * Reads a complete queue.
   *
   * @param dir the queue's directory
   * @return its header and ticks
   * @throws IllegalStateException when there is no queue, or it is incomplete
   */
  public static QueueContents read(Path dir) {
    if (!hasQueueFiles(dir)) {
      throw new IllegalStateException("no replay queue in " + dir.toAbsolutePath() + ": run hedge replay ingest");
    }
    try (ChronicleQueue queue = open(dir, true); ExcerptTailer tailer = queue.createTailer()) {
      QueueHeader header = null;
      List<MarketTick> ticks = new ArrayList<>();
      while (true) {
        try (DocumentContext document = tailer.readingDocument()) {
          if (!document.isPresent()) {
            throw new IllegalStateException("replay queue " + dir.toAbsolutePath() + " is incomplete (an ingest "
                + "was interrupted): run hedge replay ingest again");
          }
          String kind = document.wire().read("kind").text();
          if (TickWire.HEADER.equals(kind)) {
            header = TickWire.readHeader(document.wire());
          } else if (TickWire.TICK.equals(kind)) {
            ticks.add(TickWire.readTick(document.wire()));
          } else if (TickWire.END.equals(kind)) {
            return new QueueContents(header, ticks);
          }
        }
      }
    }
  }

  private static void write(Path dir, QueueHeader header, List<MarketTick> ticks) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the replay queue directory " + dir, e);
    }
    try (ChronicleQueue queue = open(dir, false); ExcerptAppender appender = queue.createAppender()) {
      try (DocumentContext document = appender.writingDocument()) {
        TickWire.writeHeader(document.wire(), header);
      }
      for (MarketTick tick : ticks) {
        try (DocumentContext document = appender.writingDocument()) {
          TickWire.writeTick(document.wire(), tick);
        }
      }
      try (DocumentContext document = appender.writingDocument()) {
        TickWire.writeEnd(document.wire(), ticks.size());
      }
    }
  }

  /** A queue found in a directory: its header (if any), whether it has its end excerpt, its tick count. */
  private record Existing(QueueHeader header, boolean complete, long ticks) {}

  private static Optional<Existing> existing(Path dir) {
    if (!hasQueueFiles(dir)) {
      return Optional.empty();
    }
    try {
      QueueContents contents = read(dir);
      return Optional.of(new Existing(contents.header(), contents.header() != null, contents.ticks().size()));
    } catch (RuntimeException incompleteOrUnreadable) {
      return Optional.of(new Existing(null, false, 0));
    }
  }

  private static ChronicleQueue open(Path dir, boolean readOnly) {
    return ChronicleQueue.singleBuilder(dir).rollCycle(RollCycles.FAST_DAILY).readOnly(readOnly).build();
  }

  private static boolean hasQueueFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void deleteQueueFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      List<Path> foreign = all.stream().filter(file -> !isQueueFile(file)).toList();
      if (!foreign.isEmpty()) {
        throw new IllegalStateException("replay queue directory " + dir.toAbsolutePath() + " holds files that are "
            + "not a Chronicle queue's " + foreign.stream().map(Path::getFileName).toList()
            + "; refusing to rebuild it there (set replay.queue.dir to a directory of its own)");
      }
      for (Path file : all) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the old replay queue in " + dir, e);
    }
  }

  private static boolean isQueueFile(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".cq4") || name.endsWith(".cq4t"));
  }
}
