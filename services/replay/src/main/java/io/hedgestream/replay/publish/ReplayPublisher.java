package io.hedgestream.replay.publish;

import io.hedgestream.config.PlaybackSpeed;
import io.hedgestream.metrics.ServiceMetrics;
import io.hedgestream.replay.ReplayEvent;
import io.hedgestream.replay.ReplayTimeline;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a {@link ReplayTimeline} in its order: ticks to {@code md.ticks}, client orders to
 * {@code orders.client}, key = symbol, through one idempotent producer (so per-partition order is the
 * timeline's), paced by event time at the given speed, then flushes and reports what the broker
 * acknowledged. A failed send stops the publish with an exception.
 */
public final class ReplayPublisher {

  private ReplayPublisher() {}

  /**
   * Publishes with a new producer for {@code settings}.
   *
   * @param timeline what to publish
   * @param settings cluster, speed and client settings
   * @return the acknowledged counts
   * @throws IllegalStateException when a send fails
   */
  public static PublishResult publish(ReplayTimeline timeline, PublishSettings settings) {
    return publish(timeline, settings, url -> { });
  }

  /**
   * Publishes with a new producer for {@code settings}, serving the publisher's Prometheus metrics (ticks and
   * client orders acknowledged, the producer's own, the JVM's) while it runs when {@code replay.metrics.port} is
   * set; {@code onServing} is told the endpoint's address.
   */
  public static PublishResult publish(ReplayTimeline timeline, PublishSettings settings,
      java.util.function.Consumer<String> onServing) {
    AtomicLong ticks = new AtomicLong();
    AtomicLong orders = new AtomicLong();
    try (ServiceMetrics metrics = ServiceMetrics.start("replay", settings.metrics());
        Producer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerProperties())) {
      metrics.bind(producer);
      FunctionCounter.builder("hedgestream.replay.ticks", ticks, AtomicLong::get)
          .description("Ticks the brokers acknowledged").register(metrics.registry());
      FunctionCounter.builder("hedgestream.replay.client.orders", orders, AtomicLong::get)
          .description("Client orders the brokers acknowledged").register(metrics.registry());
      metrics.url().ifPresent(onServing);
      return publish(timeline, settings.speed(), producer, ticks, orders);
    }
  }

  /**
   * Publishes through a given producer (which stays open).
   *
   * @param timeline what to publish
   * @param speed the pacing
   * @param producer a byte-array producer
   * @return the acknowledged counts
   * @throws IllegalStateException when a send fails
   */
  public static PublishResult publish(ReplayTimeline timeline, PlaybackSpeed speed, Producer<byte[], byte[]> producer) {
    return publish(timeline, speed, producer, new AtomicLong(), new AtomicLong());
  }

  private static PublishResult publish(ReplayTimeline timeline, PlaybackSpeed speed, Producer<byte[], byte[]> producer,
      AtomicLong ticks, AtomicLong orders) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    long wallStart = System.nanoTime();
    long firstMicros = timeline.events().isEmpty() ? 0 : timeline.events().get(0).eventMicros();
    for (ReplayEvent event : timeline.events()) {
      long deadline = wallStart + speed.wallNanos(event.eventMicros() - firstMicros);
      for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
      if (failure.get() != null) {
        break;
      }
      if (event.isTick()) {
        send(producer, Topics.MD_TICKS, event.symbol(), event.tick(), ticks, failure);
      } else {
        send(producer, Topics.ORDERS_CLIENT, event.symbol(), event.order(), orders, failure);
      }
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("replay publish failed after " + ticks.get() + " ticks and " + orders.get()
          + " orders", failure.get());
    }
    return new PublishResult(ticks.get(), orders.get(), System.nanoTime() - wallStart);
  }

  private static <V> void send(Producer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value,
      AtomicLong acknowledged, AtomicReference<Exception> failure) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
      } else {
        failure.compareAndSet(null, error);
      }
    });
  }
}
