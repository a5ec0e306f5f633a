package io.hedgestream.gateway;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the gateway has to publish, handed from whatever thread produced it (the consumer thread, a route's
 * timer or session thread) to the one thread that owns the transactional producer. Each entry is a group of
 * records that must appear together (one execution's fills, or one dead letter) and the action that marks
 * its source record handled; {@link #drainTo} sends the group inside the open transaction and only then runs
 * the action, so an offset is never committed without the outputs that handled it.
 */
final class Outbox {

  /**
   * One group of outputs.
   *
   * @param records the records, sent in order
   * @param fills how many of them are fills (for the counters, once committed)
   * @param onSent marks the source record handled; runs on the producer's thread after the sends
   */
  record Entry(List<ProducerRecord<byte[], byte[]>> records, int fills, Runnable onSent) {}

  private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();
  private final Runnable wakeProducerThread;
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

  /**
   * An empty outbox.
   *
   * @param wakeProducerThread called after each {@link #add}, so a thread blocked in a poll publishes soon
   */
  Outbox(Runnable wakeProducerThread) {
    this.wakeProducerThread = wakeProducerThread;
  }

  /** Queues a group of records; thread-safe. */
  void add(List<ProducerRecord<byte[], byte[]>> records, int fills, Runnable onSent) {
    entries.add(new Entry(List.copyOf(records), fills, onSent));
    wakeProducerThread.run();
  }

  /**
   * What one {@link #drainTo} sent.
   *
   * @param records records sent
   * @param fills how many of them are fills
   */
  record Drained(int records, int fills) {}

  /**
   * Sends every queued group into the producer's open transaction and runs each group's action.
   *
   * @return what was sent
   */
  Drained drainTo(Producer<byte[], byte[]> producer) {
    int records = 0;
    int fills = 0;
    for (Entry entry = entries.poll(); entry != null; entry = entries.poll()) {
      for (ProducerRecord<byte[], byte[]> record : entry.records()) {
        producer.send(record, (metadata, error) -> {
          if (error != null) {
            sendFailure.compareAndSet(null, error);
          }
        });
      }
      entry.onSent().run();
      records += entry.records().size();
      fills += entry.fills();
    }
    return new Drained(records, fills);
  }

  /** Whether groups are waiting to be sent. */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The first failed send since the last call (the transaction holding it must abort), or null. */
  Exception takeSendFailure() {
    return sendFailure.getAndSet(null);
  }

  /** Drops what is queued: the session it belongs to is being abandoned and its sources will be re-read. */
  void clear() {
    entries.clear();
  }
}
