package io.hedgestream.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision journal on a Chronicle queue in one directory (one per engine instance), rolling daily.
 * Each decision is one excerpt in the layout of {@link JournalWire}, stamped with the wall-clock append time.
 *
 * <p>Threads: Chronicle Queue 2026.4 hands out appenders with {@code createAppender()}, each bound to the
 * thread that uses it (it has no thread-local {@code acquireAppender} any more). The engine's stream threads
 * share one appender under this object's lock, with Chronicle's single-thread check switched off: the lock
 * orders every use, and a decision every few milliseconds at most per task never contends for long.
 *
 * <p>An append that fails (a full disk, a closed queue) is logged (the first, then every 1000th) and counted
 * ({@link #failures()}); it never reaches the stream thread.
 */
public final class ChronicleDecisionJournal implements DecisionJournal {

  private static final Logger LOG = LoggerFactory.getLogger(ChronicleDecisionJournal.class);

  private final Path dir;
  private final ChronicleQueue queue;
  private final ExcerptAppender appender;
  private final LongSupplier clockMicros;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private boolean closed;

  private ChronicleDecisionJournal(Path dir, ChronicleQueue queue, LongSupplier clockMicros) {
    this.dir = dir;
    this.queue = queue;
    this.clockMicros = clockMicros;
    this.appender = queue.createAppender();
    appender.singleThreadedCheckDisabled(true);
  }

  /**
   * Opens (creating it if needed) the journal in {@code dir}, stamping appends with the system clock.
   *
   * @param dir the queue's directory
   * @return the journal
   * @throws UncheckedIOException when the directory cannot be created
   */
  public static ChronicleDecisionJournal open(Path dir) {
    return open(dir, SystemTimeProvider.CLOCK::currentTimeMicros);
  }

  /**
   * Opens the journal with a given wall clock (tests).
   *
   * @param dir the queue's directory
   * @param clockMicros wall clock, epoch microseconds
   * @return the journal
   */
  public static ChronicleDecisionJournal open(Path dir, LongSupplier clockMicros) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the decision journal directory " + dir, e);
    }
    ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).rollCycle(RollCycles.FAST_DAILY).build();
    LOG.info("decision journal at {}", dir.toAbsolutePath());
    return new ChronicleDecisionJournal(dir, queue, clockMicros);
  }

  @Override
  public synchronized void append(DecisionRecord record) {
    if (closed) {
      failed(record, "the journal is closed", null);
      return;
    }
    try (DocumentContext document = appender.writingDocument()) {
      JournalWire.write(document.wire(), clockMicros.getAsLong(), record);
    } catch (RuntimeException e) {
      failed(record, e.toString(), e);
      return;
    }
    appended.incrementAndGet();
  }

  private void failed(DecisionRecord record, String why, Exception e) {
    long count = failures.incrementAndGet();
    if (count == 1 || count % 1000 == 0) {
      LOG.warn("decision journal {}: decision {} not journaled ({}); {} lost so far", dir, record.decisionId(), why,
          count, e);
    }
  }

  /** Decisions appended since the journal was opened. */
  public long appended() {
    return appended.get();
  }

  /** Decisions that could not be appended. */
  public long failures() {
    return failures.get();
  }

  /** The queue's directory. */
  public Path dir() {
    return dir;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    appender.close();
    queue.close();
    LOG.info("decision journal {} closed after {} decisions ({} lost)", dir, appended.get(), failures.get());
  }
}
