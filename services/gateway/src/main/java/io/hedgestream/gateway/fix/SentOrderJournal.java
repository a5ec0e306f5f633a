package io.hedgestream.gateway.fix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ClOrdIDs the FIX route has handed to its session, on disk before the NewOrderSingle leaves: after a
 * crash (kill -9 included) the gateway re-reads the orders it had not finished and, finding them here, asks
 * the venue for their state instead of sending them again. One ClOrdID per line, appended and forced to the
 * device in groups ({@link #recordAll}); a torn last line (a crash mid-write) names no order that was sent,
 * since sending waits for the force.
 *
 * <p>The file keeps every id ever sent (about 40 bytes each): it may be deleted when no gateway runs and no
 * order is open.
 */
final class SentOrderJournal implements AutoCloseable {

  private final Path file;
  private final FileChannel channel;
  private final Set<String> sent = ConcurrentHashMap.newKeySet();

  /** Opens (creating) the journal at {@code file} and reads the ids already in it. */
  SentOrderJournal(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            sent.add(line.strip());
          }
        }
      }
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the FIX route's journal " + file, e);
    }
  }

  /** Whether {@code clOrdId} was recorded (in this run or an earlier one). */
  boolean contains(String clOrdId) {
    return sent.contains(clOrdId);
  }

  /** How many ids the journal holds. */
  int size() {
    return sent.size();
  }

  /** Appends {@code clOrdIds} and forces them to the device; returns once they are durable. */
  void recordAll(Collection<String> clOrdIds) {
    StringBuilder lines = new StringBuilder(clOrdIds.size() * 48);
    for (String id : clOrdIds) {
      if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("ClOrdID with a line break: " + id);
      }
      lines.append(id).append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the FIX route's journal " + file, e);
    }
    sent.addAll(clOrdIds);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
