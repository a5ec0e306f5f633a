package io.hedgestream.feed;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.metrics.ServiceMetrics;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated feed on its own thread: steps a {@link FeedGenerator}, paces it against the wall clock
 * and publishes client orders to {@code orders.client} and ticks to {@code md.ticks} (key = symbol) with an
 * idempotent producer, and writes the path to {@code feed.path-out} when asked. Stops after
 * {@link FeedConfig#tickLimit()} ticks per symbol, on {@link #close()}, or on the
 * first failed send or anything thrown on its thread (see {@link #failure()}).
 */
public final class FeedService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final FeedConfig config;
  private final Producer<byte[], byte[]> producer;
  private final Thread thread;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicLong ticksPublished = new AtomicLong();
  private final AtomicLong ordersPublished = new AtomicLong();
  private final AtomicLong stepsGenerated = new AtomicLong();
  private final AtomicReference<Instant> simulatedTime = new AtomicReference<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;
  private final ServiceMetrics metrics;

  private FeedService(FeedConfig config, Producer<byte[], byte[]> producer, ServiceMetrics metrics) {
    this.config = config;
    this.producer = producer;
    this.metrics = metrics;
    this.thread = new Thread(this::run, "hedgestream-feed");
  }

  /** Starts a feed that publishes to the brokers of {@code config}; returns once its thread is running. */
  public static FeedService start(FeedConfig config) {
    return start(config, new KafkaProducer<>(config.producerProperties()));
  }

  /** Starts a feed that publishes through {@code producer}, which the service closes when it stops. */
  static FeedService start(FeedConfig config, Producer<byte[], byte[]> producer) {
    ServiceMetrics metrics;
    try {
      metrics = ServiceMetrics.start("feed", config.metrics());
    } catch (RuntimeException e) {
      producer.close();
      throw e;
    }
    FeedService service = new FeedService(config, producer, metrics);
    metrics.bind(producer);
    FunctionCounter.builder("hedgestream.feed.ticks", service, FeedService::ticksPublished)
        .description("Ticks the brokers acknowledged").register(metrics.registry());
    FunctionCounter.builder("hedgestream.feed.client.orders", service, FeedService::ordersPublished)
        .description("Client orders the brokers acknowledged").register(metrics.registry());
    metrics.health(service.new Probes());
    service.thread.start();
    return service;
  }

  /**
   * The feed's probes: live and ready while it produces; live but not ready once it stopped by itself after
   * {@code feed.max-ticks}; down on a failed send.
   */
  private final class Probes implements io.hedgestream.metrics.Health {

    @Override
    public Check live() {
      Throwable error = failure.get();
      return error == null ? Check.up(isRunning() ? "producing" : "finished") : Check.down("failed: " + error);
    }

    @Override
    public Check ready() {
      Check live = live();
      return live.up() && isRunning() ? Check.up("producing") : Check.down(live.detail());
    }
  }

  /** The feed's Prometheus metrics (ticks and client orders published, its producer's, the JVM's). */
  public ServiceMetrics metrics() {
    return metrics;
  }

  /** Ticks acknowledged by the broker. */
  public long ticksPublished() {
    return ticksPublished.get();
  }

  /** Client orders acknowledged by the broker. */
  public long ordersPublished() {
    return ordersPublished.get();
  }

  /** Simulated steps generated so far (one tick per symbol each). */
  public long stepsGenerated() {
    return stepsGenerated.get();
  }

  /** Event time of the latest generated tick, empty before the first. */
  public Optional<Instant> simulatedTime() {
    return Optional.ofNullable(simulatedTime.get());
  }

  /** What stopped the feed, if it did not stop cleanly: a failed send, or any exception or error on its thread. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Whether the feed thread is still producing. */
  public boolean isRunning() {
    return finished.getCount() > 0;
  }

  /**
   * Waits until the feed stops by itself (max ticks reached, or a failure) and everything it sent is
   * acknowledged.
   *
   * @return true if it stopped within {@code timeout}
   */
  public boolean awaitCompletion(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops producing, flushes what was sent and closes the producer; idempotent. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("feed thread did not stop within {}", CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.close();
  }

  private void run() {
    try {
      Instant start = config.fixedStartTime().orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.MILLIS));
      LOG.info("feed started: symbols={} model={} speed={} step={}us start={} seed={}", config.symbols(),
          config.market().model(), config.speed(), config.stepMicros(), start, config.seed());
      try (PathWriter path = config.pathOutFile().map(PathWriter::new).orElse(null)) {
        publishSteps(new FeedGenerator(config, start), path);
      }
      producer.flush();
    } catch (Throwable e) {
      // Top of the feed's own thread: an Error (NoClassDefFoundError, OutOfMemoryError, ...) would otherwise
      // end the thread with failure() empty, and the demo would take the stop for a clean finish.
      failure.compareAndSet(null, e);
      LOG.error("feed stopped by an error", e);
    } finally {
      closeProducer();
      LOG.info("feed stopped: {} ticks and {} orders published", ticksPublished.get(), ordersPublished.get());
      finished.countDown();
    }
  }

  private void publishSteps(FeedGenerator generator, PathWriter path) {
    long wallStart = System.nanoTime();
    long limit = config.tickLimit();
    for (long k = 0; running && (limit == 0 || k < limit); k++) {
      if (!awaitWallTime(wallStart + config.speed().wallNanos(k * config.stepMicros()))) {
        return;
      }
      boolean orders = false;
      for (SymbolStep step : generator.next()) {
        for (ClientOrder order : step.orders()) {
          send(Topics.ORDERS_CLIENT, order.getSymbol(), order, ordersPublished);
          orders = true;
        }
        send(Topics.MD_TICKS, step.tick().getSymbol(), step.tick(), ticksPublished);
        if (path != null) {
          path.write(step);
        }
        simulatedTime.set(step.tick().getEventTimeMicros());
      }
      if (orders) {
        // A client order is on the brokers before any later tick: the engine checks an order against the
        // market of its time, and an order that a later tick overtook (in separate produce batches, at max
        // speed) was checked against the later market and dead-lettered when the spot had moved.
        producer.flush();
      }
      stepsGenerated.incrementAndGet();
    }
  }

  /** Parks until {@code deadlineNanos} (System.nanoTime based); false if the feed was stopped meanwhile. */
  private boolean awaitWallTime(long deadlineNanos) {
    for (long left = deadlineNanos - System.nanoTime(); left > 0 && running;
        left = deadlineNanos - System.nanoTime()) {
      LockSupport.parkNanos(this, left);
    }
    return running;
  }

  private <V> void send(Topic<String, V> topic, String key, V value, AtomicLong acknowledged) {
    if (failure.get() != null) {
      throw new IllegalStateException("a previous send failed", failure.get());
    }
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
      } else if (failure.compareAndSet(null, error)) {
        running = false;
        LOG.error("send to {} failed; stopping the feed", topic.name(), error);
      }
    });
  }

  private void closeProducer() {
    try {
      producer.close(CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("closing the feed producer failed", e);
    }
  }
}
