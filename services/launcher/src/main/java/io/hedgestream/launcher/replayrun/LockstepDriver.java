package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes the steps of a replay and, in {@link Pacing#LOCKSTEP}, waits after each for the engine and the
 * gateway: every live book's PnL event at the tick, and the fill of every hedge order stamped at the tick.
 *
 * <p>Ordering inside the engine: Kafka Streams takes the buffered record with the lowest timestamp first
 * across a task's partitions. Every record published here carries a timestamp above every record the
 * collector has read (the previous day's fills included), its orders are acknowledged before its tick is
 * sent, so the engine processes day t's fills, then day t+1's orders, then its tick.
 *
 * <p>A book is expected at a tick when it gets a client order there, or when its previous PnL event showed
 * a position (an option or a hedge holding) or its previous decision sent orders: a flat book goes dormant
 * in the engine and is not waited for.
 */
final class LockstepDriver {

  private final Producer<byte[], byte[]> producer;
  private final RunCollector collector;
  private final Duration stepTimeout;
  private final Set<String> live = new HashSet<>();
  private final AtomicReference<IllegalStateException> failure = new AtomicReference<>();
  private long lastTimestamp;

  LockstepDriver(Producer<byte[], byte[]> producer, RunCollector collector, Duration stepTimeout) {
    this.producer = producer;
    this.collector = collector;
    this.stepTimeout = stepTimeout;
  }

  /** Publishes every step, waiting after each one in lockstep, or only at the end for max speed. */
  void run(List<ReplaySteps.Step> steps, Pacing pacing) throws InterruptedException {
    boolean lockstep = pacing == Pacing.LOCKSTEP;
    for (ReplaySteps.Step step : steps) {
      publish(step, lockstep);
      if (lockstep) {
        awaitStep(step);
      }
    }
    producer.flush();
    throwIfFailed();
    if (!lockstep && !steps.isEmpty()) {
      awaitEnd(steps.get(steps.size() - 1));
    }
  }

  /** Sends the step's orders, then its tick; in lockstep each group is acknowledged before the next. */
  private void publish(ReplaySteps.Step step, boolean acknowledgeEach) {
    for (ClientOrder order : step.orders()) {
      send(Topics.ORDERS_CLIENT, order.getSymbol(), order);
    }
    if (acknowledgeEach && !step.orders().isEmpty()) {
      producer.flush();
    }
    send(Topics.MD_TICKS, step.tick().getSymbol(), step.tick());
    if (acknowledgeEach) {
      producer.flush();
      throwIfFailed();
    }
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    lastTimestamp = Math.max(Math.max(lastTimestamp, collector.maxTimestamp()), System.currentTimeMillis()) + 1;
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), null, lastTimestamp, keyBytes, valueBytes), (meta, error) -> {
      if (error != null) {
        failure.compareAndSet(null, new IllegalStateException("replay run: publishing to " + topic.name()
            + " failed", error));
      }
    });
  }

  private void throwIfFailed() {
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private void awaitStep(ReplaySteps.Step step) throws InterruptedException {
    Instant time = step.tick().getEventTimeMicros();
    Set<String> expected = new HashSet<>(live);
    step.orders().forEach(order -> expected.add(order.getBook()));
    collector.await(() -> collector.booksDecidedAt(time).containsAll(expected), stepTimeout,
        "PnL events of " + expected + " at " + time);
    collector.await(() -> collector.allFilledAt(time), stepTimeout, "fills of the hedge orders at " + time);
    live.clear();
    Set<String> ordered = new HashSet<>();
    collector.ordersAt(time).forEach(order -> ordered.add(order.getBook()));
    for (String book : collector.booksDecidedAt(time)) {
      PnlEvent event = collector.pnlOf(book, time);
      if (ordered.contains(book) || !event.getPositions().isEmpty()) {
        live.add(book);
      }
    }
  }

  private void awaitEnd(ReplaySteps.Step last) throws InterruptedException {
    Instant time = last.tick().getEventTimeMicros();
    collector.await(() -> !collector.booksDecidedAt(time).isEmpty(), stepTimeout.multipliedBy(10),
        "the PnL events of the last tick " + time);
    collector.await(() -> collector.hedgeOrders().stream().map(HedgeOrder::getEventTimeMicros).distinct()
        .allMatch(collector::allFilledAt), stepTimeout, "fills of every hedge order");
  }
}
