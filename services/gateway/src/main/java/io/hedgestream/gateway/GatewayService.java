package io.hedgestream.gateway;

import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process: one thread polls {@code orders.hedge} and {@code md.ticks} (raw bytes,
 * read_committed so orders of aborted engine transactions are never executed), hands them to a
 * {@link GatewayPipeline} over the configured {@link OrderRoute}, and publishes fills and dead letters.
 *
 * <p>Delivery: the producer is idempotent, not transactional. Executions are asynchronous to the
 * consumed order (simulated latency, orders waiting for a first tick, and later a FIX venue's answer), so
 * a consume-produce transaction would have to stay open across them. Instead offsets are committed only
 * up to the oldest order whose fills (or dead letter) the broker has not acknowledged: at-least-once. An
 * order in flight at a crash is executed again with the same fill ids ({@code <orderId>-<n>}), which is
 * what downstream consumers de-duplicate on; within a run, repeated order ids are executed once.
 */
public final class GatewayService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final GatewayConfig config;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final GatewayPipeline pipeline;
  private final Thread thread;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean running = true;

  private GatewayService(GatewayConfig config, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
      Function<ExecutionListener, OrderRoute> routeFactory) {
    this.config = config;
    this.consumer = consumer;
    this.producer = producer;
    this.pipeline = new GatewayPipeline(config.dedupCapacity(), producer, routeFactory);
    this.thread = new Thread(this::run, "hedgestream-gateway");
  }

  /** Starts a gateway with the paper exchange against the brokers of {@code config}. */
  public static GatewayService start(GatewayConfig config) {
    return start(config, listener -> new PaperExchange(config.paper(), listener));
  }

  /**
   * Starts a gateway routing to the route {@code routeFactory} builds (given the listener it must report
   * executions to); returns once the consumer thread runs.
   */
  public static GatewayService start(GatewayConfig config, Function<ExecutionListener, OrderRoute> routeFactory) {
    return start(config, new KafkaConsumer<>(config.consumerProperties()),
        new KafkaProducer<>(config.producerProperties()), routeFactory);
  }

  /** Starts a gateway on the given clients (tests pass mock clients). */
  static GatewayService start(GatewayConfig config, Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer, Function<ExecutionListener, OrderRoute> routeFactory) {
    GatewayService service = new GatewayService(config, consumer, producer, routeFactory);
    service.thread.start();
    return service;
  }

  /** What the gateway has done so far. */
  public GatewayCounters counters() {
    return pipeline.counters();
  }

  /** Order records read. */
  public long ordersReceived() {
    return counters().ordersReceived();
  }

  /** Fills published. */
  public long fillsPublished() {
    return counters().fillsPublished();
  }

  /** Order records dead-lettered. */
  public long ordersRejected() {
    return counters().ordersRejected();
  }

  /** The error that stopped the gateway, if any. */
  public Optional<Throwable> failure() {
    return pipeline.failure();
  }

  /** Whether the consumer thread is still running. */
  public boolean isRunning() {
    return finished.getCount() > 0;
  }

  /** Stops consuming, delivers in-flight executions, commits handled offsets and closes the clients. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      if (!finished.await(CLOSE_TIMEOUT.toMillis() + config.paper().latencyMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("gateway thread did not stop within {}", CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.ORDERS_HEDGE.name(), Topics.MD_TICKS.name()), new CommitOnRevoke());
      LOG.info("gateway started: group={} route=paper fee={}bps latency={}ms maxFill={}", config.groupId(),
          config.paper().feeBps(), config.paper().latencyMillis(), config.paper().maxFillQuantity());
      pollUntilStopped();
    } catch (WakeupException e) {
      if (running) {
        LOG.error("gateway consumer woken up unexpectedly", e);
      }
    } catch (Throwable e) { // NOPMD: an Error too must reach failure(), or the demo reads the stop as clean
      pipeline.recordFailure(e);
      LOG.error("gateway stopped by an error", e);
    } finally {
      shutDown();
      finished.countDown();
    }
  }

  private void pollUntilStopped() {
    long nextCommit = System.nanoTime() + config.commitInterval().toNanos();
    while (running && pipeline.failure().isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(config.pollTimeout())) {
        pipeline.accept(record);
      }
      if (System.nanoTime() >= nextCommit) {
        commitAsync();
        nextCommit = System.nanoTime() + config.commitInterval().toNanos();
      }
    }
  }

  private void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> offsets = pipeline.committable();
    if (!offsets.isEmpty()) {
      consumer.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          LOG.warn("offset commit failed (retried at the next interval): {}", error.getMessage());
        }
      });
    }
  }

  private void shutDown() {
    try {
      pipeline.close();
      producer.flush();
      Map<TopicPartition, OffsetAndMetadata> offsets = pipeline.committable();
      if (!offsets.isEmpty()) {
        consumer.commitSync(offsets, CLOSE_TIMEOUT);
      }
    } catch (RuntimeException e) {
      LOG.warn("gateway shutdown: could not flush or commit ({}); uncommitted orders are re-read on restart",
          e.getMessage());
    } finally {
      closeQuietly(consumer);
      closeQuietly(producer);
      LOG.info("gateway stopped: {}", counters());
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.getMessage());
    }
  }

  /** Commits what is handled before partitions move to another gateway instance. */
  private final class CommitOnRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> offsets = pipeline.committable();
      offsets.keySet().retainAll(partitions);
      if (!offsets.isEmpty()) {
        consumer.commitSync(offsets);
      }
      pipeline.forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // Positions come from the committed offsets; nothing to do.
    }
  }
}
